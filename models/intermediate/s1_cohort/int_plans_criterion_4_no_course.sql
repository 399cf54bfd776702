{#- METHOD §1.4: considered plans without a started course (first service within 60 days, >= 2 services). -#}
{{ config(materialized='view') }}

select
    considered.plan_id,
    4 as exclusion_step
from {{ ref('int_plans_considered') }} as considered
left join {{ ref('int_courses_linked_to_plans') }} as courses
    on considered.plan_id = courses.plan_id
where not coalesce(courses.is_course_started, false)
