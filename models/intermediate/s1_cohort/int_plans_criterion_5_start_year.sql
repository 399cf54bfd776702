{#- METHOD §1.5, §8.10: considered plans whose rehab start year is in no cohort period (macro cohort_periods(): var
    periods, else var start_years), or that have no rehab start. -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    5 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_courses_residence_assigned') }} as residence
    on considered.plan_id = residence.plan_id
where not coalesce(residence.start_year in ({{ sql_list(period_start_years()) }}), false)
