{#-
    The shared scope of every DREAM-based rule (Decision 1 of METHOD §10): the considered plans that pass §1.2
    (employed), with the admission week and, when a first service exists, the rehab start and its week. One
    row per such plan. Read by the DREAM unpivot (its persons), §1.3 and the benefit-weeks covariates (every
    row), §1.7 and the §2 outcomes (the rows with a rehab start).
-#}

select
    considered.plan_id,
    considered.person_id,
    considered.admission_date,
    considered.admission_week_monday_date,
    courses.rehab_start_date,
    {{ week_monday('courses.rehab_start_date') }} as rehab_start_week_monday_date
from {{ ref('int_plans_considered') }} as considered
inner join {{ ref('int_plans_employment_measured') }} as employment
    on considered.plan_id = employment.plan_id
left join {{ ref('int_courses_linked_to_plans') }} as courses
    on considered.plan_id = courses.plan_id
where employment.is_employed
