{#- METHOD §1.9: considered plans excluded (undeterminable) at the headline month, or without an outcome. -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    9 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_courses_outcomes_measured') }} as outcomes
    on considered.plan_id = outcomes.plan_id
where not coalesce(not outcomes.is_excluded_m{{ var('headline_month') }}, false)
