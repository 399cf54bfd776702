{#-
    METHOD §1 criteria 1–9 for every considered plan, combined. Each criterion 2–9 is its own model (one row
    per plan failing it; §1.8's model holds the plans it walks, failing = not kept); this model only unions
    them: passes_<criterion> = no failure row, exclusion_step = the first criterion failed in METHOD's order
    (NULL = passes 1–9). Criterion 10 (data quality) needs the counts of the courses that pass 1–9 and is
    applied in municipality_data_quality / analysis_cohort.
-#}

with plans as (
    select * from {{ ref('int_plans_considered') }}
),

courses as (
    select * from {{ ref('int_courses_linked_to_plans') }}
),

residence as (
    select * from {{ ref('int_courses_residence_assigned') }}
),

repeat_course as (
    select * from {{ ref('int_plans_criterion_8_repeat_course') }}
),

failures as (
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_2_not_employed') }}
    union all
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_3_benefits_before') }}
    union all
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_4_no_course') }}
    union all
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_5_start_year') }}
    union all
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_6_age') }}
    union all
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_7_dead_or_emigrated') }}
    union all
    select
        plan_id,
        8 as exclusion_step
    from repeat_course
    where not is_kept
    union all
    select
        plan_id,
        exclusion_step
    from {{ ref('int_plans_criterion_9_outcome_undeterminable') }}
),

failed as (
    select
        plan_id,
        {% for step in range(2, 10) -%}
            bool_or(exclusion_step = {{ step }}) as fails_{{ step }},
        {% endfor -%}
        min(exclusion_step) as exclusion_step
    from failures
    group by plan_id
),

final as (
    select
        plans.plan_id,
        plans.person_id,
        plans.admission_date,
        plans.discharge_date,
        courses.rehab_start_date,
        residence.start_year,
        {{ cohort_period_of('residence.start_year') }} as cohort_period,
        residence.residence_municipality_code,
        residence.age_at_rehab_start,
        not coalesce(failed.fails_2, false) as passes_employed,
        not coalesce(failed.fails_3, false) as passes_no_benefits_before,
        not coalesce(failed.fails_4, false) as passes_course_started,
        not coalesce(failed.fails_5, false) as passes_start_year,
        not coalesce(failed.fails_6, false) as passes_age,
        not coalesce(failed.fails_7, false) as passes_alive_and_resident,
        not coalesce(failed.fails_9, false) as passes_outcome_determinable,
        coalesce(repeat_course.is_kept, false) as passes_repeat_rule,
        repeat_course.course_sequence_number,
        failed.exclusion_step,
        failed.plan_id is null as passes_criteria_1_to_9
    from plans
    left join courses
        on plans.plan_id = courses.plan_id
    left join residence
        on plans.plan_id = residence.plan_id
    left join repeat_course
        on plans.plan_id = repeat_course.plan_id
    left join failed
        on plans.plan_id = failed.plan_id
)

select * from final
