{#- METHOD §1.2: considered plans failing "employed 2 months before" (< var min_paid_hours paid hours). -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    2 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_plans_employment_measured') }} as employment
    on considered.plan_id = employment.plan_id
where not coalesce(employment.is_employed, false)
