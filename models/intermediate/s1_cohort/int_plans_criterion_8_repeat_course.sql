{#-
    METHOD §1.8 repeat courses, on the plans passing criteria 1–7 (no row in the criterion 2–7 models): per
    person and cohort period (the period of the rehab start year, METHOD §8.10: a person's courses in two periods
    are walked apart, as two separate builds would) in admission order the first course is kept and a later one only if its admission is >= var
    repeat_min_months months after the discharge of the last kept course (a recursive walk). One row per
    such plan; the plans failing §1.8 are those with is_kept = false (Decision: the later plan is dropped).
-#}

with recursive failed_earlier as (
    select plan_id from {{ ref('int_plans_criterion_2_not_employed') }}
    union all
    select plan_id from {{ ref('int_plans_criterion_3_benefits_before') }}
    union all
    select plan_id from {{ ref('int_plans_criterion_4_no_course') }}
    union all
    select plan_id from {{ ref('int_plans_criterion_5_start_year') }}
    union all
    select plan_id from {{ ref('int_plans_criterion_6_age') }}
    union all
    select plan_id from {{ ref('int_plans_criterion_7_dead_or_emigrated') }}
),

candidates as (
    select
        considered.plan_id,
        considered.person_id,
        considered.admission_date,
        considered.discharge_date,
        {{ cohort_period_of('residence.start_year') }} as cohort_period,
        cast(
            row_number() over (
                partition by considered.person_id, {{ cohort_period_of('residence.start_year') }}
                order by considered.admission_date, considered.discharge_date, considered.plan_id
            ) as integer
        ) as course_sequence_number
    from {{ ref('int_plans_considered') }} as considered
    inner join {{ ref('int_courses_residence_assigned') }} as residence
        on considered.plan_id = residence.plan_id
    anti join failed_earlier
        on considered.plan_id = failed_earlier.plan_id
),

repeat_walk as (
    select
        plan_id,
        person_id,
        cohort_period,
        course_sequence_number,
        true as is_kept,
        discharge_date as last_kept_discharge_date
    from candidates
    where course_sequence_number = 1
    union all
    select
        candidates.plan_id,
        candidates.person_id,
        candidates.cohort_period,
        candidates.course_sequence_number,
        candidates.admission_date
        >= {{ add_months('repeat_walk.last_kept_discharge_date', var('repeat_min_months')) }} as is_kept,
        case
            when
                candidates.admission_date
                >= {{ add_months('repeat_walk.last_kept_discharge_date', var('repeat_min_months')) }}
                then candidates.discharge_date
            else repeat_walk.last_kept_discharge_date
        end as last_kept_discharge_date
    from repeat_walk
    inner join candidates
        on
            repeat_walk.person_id = candidates.person_id
            and repeat_walk.cohort_period = candidates.cohort_period
            and repeat_walk.course_sequence_number + 1 = candidates.course_sequence_number
)

select
    plan_id,
    course_sequence_number,
    is_kept
from repeat_walk
