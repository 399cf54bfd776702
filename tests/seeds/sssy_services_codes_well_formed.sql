-- sssy_services: provider_specialty is 2 digits and service_code 4 digits or '*'. Returns offending rows.
select
    provider_specialty,
    service_code
from {{ ref('sssy_services') }}
where
    not regexp_full_match(provider_specialty, '[0-9]{2}')
    or not (service_code = '*' or regexp_full_match(service_code, '[0-9]{4}'))
