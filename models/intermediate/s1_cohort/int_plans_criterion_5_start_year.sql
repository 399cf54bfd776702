{#- METHOD §1.5: considered plans whose rehab start is not in var start_years (or that have no rehab start). -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    5 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_courses_residence_assigned') }} as residence
    on considered.plan_id = residence.plan_id
where not coalesce(residence.start_year in ({{ sql_list(var('start_years')) }}), false)
