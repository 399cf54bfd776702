{#-
    §4 health insurance (SSSY) case-mix of a started course, by service class of seed sssy_services
    (exact provider specialty + service row wins over the specialty's '*' row; no row -> 'other'):
    - physio_ergo_services: physio/occupational therapy services (sum of ydlant) in billing weeks from the
      rehab-start week to week var physio_weeks_after_start; has_physio_ergo_contact = >= 1;
    - gp_contacts: ordinary GP consultations (sum of ydlant) in billing weeks from the week containing
      admission − var gp_months_before_admission months up to the week before the admission week (Decision:
      weekly billing data, the admission week itself is not "before admission").
-#}
with plans as (
    select * from {{ ref('int_plans_considered') }}
),

courses as (
    select * from {{ ref('int_courses_linked_to_plans') }}
),

services as (
    select * from {{ ref('stg_sssy__services') }}
),

service_classes as (
    select * from {{ ref('sssy_services') }}
),

started as (
    select
        plans.plan_id,
        plans.person_id,
        plans.admission_week_monday_date,
        {{ week_monday(add_months('plans.admission_date', -1 * var('gp_months_before_admission'))) }}
            as gp_window_start_date,
        {{ week_monday('courses.rehab_start_date') }} as rehab_start_week_monday_date
    from plans
    inner join courses
        on plans.plan_id = courses.plan_id
    where courses.rehab_start_date is not null
),

person_services as (
    select services.*
    from services
    where services.person_id in (select started.person_id from started)
),

classified_services as (
    select
        person_services.person_id,
        person_services.billing_week_monday_date,
        person_services.service_count,
        coalesce(exact_class.service_class, wildcard_class.service_class, 'other') as service_class
    from person_services
    left join service_classes as exact_class
        on
            person_services.provider_specialty_code = exact_class.provider_specialty
            and person_services.service_code = exact_class.service_code
    left join service_classes as wildcard_class
        on
            person_services.provider_specialty_code = wildcard_class.provider_specialty
            and wildcard_class.service_code = '*'
),

counted as (
    select
        started.plan_id,
        sum(classified_services.service_count) filter (
            where classified_services.service_class = 'physio_ergo'
            and classified_services.billing_week_monday_date between started.rehab_start_week_monday_date
            and {{ add_weeks('started.rehab_start_week_monday_date', var('physio_weeks_after_start')) }}
        ) as physio_ergo_services,
        sum(classified_services.service_count) filter (
            where classified_services.service_class = 'gp_consultation'
            and classified_services.billing_week_monday_date >= started.gp_window_start_date
            and classified_services.billing_week_monday_date < started.admission_week_monday_date
        ) as gp_contacts
    from started
    inner join classified_services
        on started.person_id = classified_services.person_id
    group by started.plan_id
),

final as (
    select
        started.plan_id,
        cast(coalesce(counted.physio_ergo_services, 0) as integer) as physio_ergo_services,
        coalesce(counted.physio_ergo_services, 0) >= 1 as has_physio_ergo_contact,
        cast(coalesce(counted.gp_contacts, 0) as integer) as gp_contacts
    from started
    left join counted
        on started.plan_id = counted.plan_id
)

select * from final
