{#-
    §1.4 course started: the first GES service after the plan's discharge (same day included) must come
    within var max_days_discharge_to_start days, and the course must have >= var min_course_services
    services. The course = the services from the first one until var course_length_months months later
    or until the next plan's discharge, whichever comes first (both ends exclusive). Decision: the next plan
    is the person's next rehabilitation plan of any type with a later discharge; services on or after its
    discharge belong to it, also when looking for the first service. One row per considered plan.
-#}
with plans as (
    select * from {{ ref('int_plans_considered') }}
),

all_plans as (
    select * from {{ ref('int_rehab_plans_registered') }}
),

services as (
    select * from {{ ref('stg_ges__services') }}
),

next_plans as (
    select
        plans.plan_id,
        min(all_plans.discharge_date) as next_plan_discharge_date
    from plans
    inner join all_plans
        on
            plans.person_id = all_plans.person_id
            and plans.discharge_date < all_plans.discharge_date
    group by plans.plan_id
),

plans_with_next as (
    select
        plans.*,
        next_plans.next_plan_discharge_date
    from plans
    left join next_plans
        on plans.plan_id = next_plans.plan_id
),

first_services as (
    select
        plans_with_next.plan_id,
        min(services.service_date) as first_service_date
    from plans_with_next
    inner join services
        on
            plans_with_next.person_id = services.person_id
            and plans_with_next.discharge_date <= services.service_date
            and (
                plans_with_next.next_plan_discharge_date is null
                or plans_with_next.next_plan_discharge_date > services.service_date
            )
    group by plans_with_next.plan_id
),

course_bounds as (
    select
        plans_with_next.plan_id,
        plans_with_next.person_id,
        plans_with_next.discharge_date,
        plans_with_next.next_plan_discharge_date,
        first_services.first_service_date,
        {{ days_between('plans_with_next.discharge_date', 'first_services.first_service_date') }}
            as days_discharge_to_first_service,
        least(
            {{ add_months('first_services.first_service_date', var('course_length_months')) }},
            coalesce(plans_with_next.next_plan_discharge_date, cast('9999-12-31' as date))
        ) as course_end_date
    from plans_with_next
    left join first_services
        on plans_with_next.plan_id = first_services.plan_id
),

course_services as (
    select
        course_bounds.plan_id,
        count(*) as course_service_count,
        max(services.service_date) as last_service_date,
        arg_min(services.reporting_municipality_code, services.service_date) as first_service_municipality_code
    from course_bounds
    inner join services
        on
            course_bounds.person_id = services.person_id
            and course_bounds.first_service_date <= services.service_date
            and course_bounds.course_end_date > services.service_date
    group by course_bounds.plan_id
),

final as (
    select
        course_bounds.plan_id,
        course_bounds.person_id,
        course_bounds.next_plan_discharge_date,
        course_bounds.first_service_date as rehab_start_date,
        course_bounds.days_discharge_to_first_service,
        case when course_bounds.first_service_date is not null then course_bounds.course_end_date end
            as course_end_date,
        coalesce(course_services.course_service_count, 0) as course_service_count,
        course_services.last_service_date,
        course_services.first_service_municipality_code,
        coalesce(
            course_bounds.days_discharge_to_first_service <= {{ var('max_days_discharge_to_start') }}, false
        ) as has_first_service_in_time,
        coalesce(course_services.course_service_count, 0) >= {{ var('min_course_services') }}
            as has_min_services,
        coalesce(
            course_bounds.days_discharge_to_first_service <= {{ var('max_days_discharge_to_start') }}
            and course_services.course_service_count >= {{ var('min_course_services') }},
            false
        ) as is_course_started
    from course_bounds
    left join course_services
        on course_bounds.plan_id = course_services.plan_id
)

select * from final
