{#- METHOD §1.3: considered plans with a benefit in more than one of weeks 7–9 before the admission week. -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    3 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_plans_benefit_weeks_counted') }} as benefit_history
    on considered.plan_id = benefit_history.plan_id
where not coalesce(benefit_history.has_no_benefits_before, false)
