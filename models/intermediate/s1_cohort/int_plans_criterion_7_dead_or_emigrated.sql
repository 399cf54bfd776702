{#- METHOD §1.7: considered plans whose person died, emigrated or was not resident in the window. -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    7 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_courses_residence_assigned') }} as residence
    on considered.plan_id = residence.plan_id
left join {{ ref('int_courses_deaths_emigrations_flagged') }} as exits
    on considered.plan_id = exits.plan_id
where not coalesce(not exits.has_died and not exits.has_emigrated and residence.is_resident, false)
