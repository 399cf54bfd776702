-- sssy_services: key (provider_specialty, service_code). Returns duplicated keys.
select
    provider_specialty,
    service_code,
    count(*) as n_rows
from {{ ref('sssy_services') }}
group by provider_specialty, service_code
having count(*) > 1
