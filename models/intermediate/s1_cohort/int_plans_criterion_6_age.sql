{#- METHOD §1.6: considered plans whose person is not var min_age–max_age (inclusive) at rehab start. -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    6 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_courses_residence_assigned') }} as residence
    on considered.plan_id = residence.plan_id
where not coalesce(residence.age_at_rehab_start between {{ var('min_age') }} and {{ var('max_age') }}, false)
