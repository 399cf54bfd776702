{#-
    §1 criteria 1–9 for every considered plan, applied in METHOD's order; exclusion_step is the first
    criterion the plan fails (NULL = passes 1–9). Criterion 10 (data quality) needs the counts of the
    courses that pass 1–9 and is applied in municipality_data_quality / analysis_cohort.
    Repeat rule (§1.8): among the courses passing 1–7, per person in admission order, the first course is
    kept and a later one only if its admission is >= var repeat_min_months months after the discharge of the
    last kept course (Decision: the later plan is dropped otherwise).
-#}
{%- set headline = var('headline_month') -%}

with recursive plans as (
    select * from {{ ref('int_plans_considered') }}
),

employment as (
    select * from {{ ref('int_plans_employment_measured') }}
),

benefit_history as (
    select * from {{ ref('int_plans_benefit_weeks_counted') }}
),

courses as (
    select * from {{ ref('int_courses_linked_to_plans') }}
),

residence as (
    select * from {{ ref('int_courses_residence_assigned') }}
),

exits as (
    select * from {{ ref('int_courses_deaths_emigrations_flagged') }}
),

outcomes as (
    select * from {{ ref('int_courses_outcomes_measured') }}
),

criteria as (
    select
        plans.plan_id,
        plans.person_id,
        plans.admission_date,
        plans.discharge_date,
        courses.rehab_start_date,
        residence.start_year,
        residence.residence_municipality_code,
        residence.age_at_rehab_start,
        employment.is_employed as passes_employed,
        coalesce(benefit_history.has_no_benefits_before, false) as passes_no_benefits_before,
        courses.is_course_started as passes_course_started,
        coalesce(residence.start_year in ({{ var('start_years') | join(', ') }}), false) as passes_start_year,
        coalesce(
            residence.age_at_rehab_start between {{ var('min_age') }} and {{ var('max_age') }}, false
        ) as passes_age,
        coalesce(not exits.has_died and not exits.has_emigrated and residence.is_resident, false)
            as passes_alive_and_resident,
        coalesce(not outcomes.is_excluded_m{{ headline }}, false) as passes_outcome_determinable
    from plans
    left join employment
        on plans.plan_id = employment.plan_id
    left join benefit_history
        on plans.plan_id = benefit_history.plan_id
    left join courses
        on plans.plan_id = courses.plan_id
    left join residence
        on plans.plan_id = residence.plan_id
    left join exits
        on plans.plan_id = exits.plan_id
    left join outcomes
        on plans.plan_id = outcomes.plan_id
),

repeat_candidates as (
    select
        plan_id,
        person_id,
        admission_date,
        discharge_date,
        cast(
            row_number() over (partition by person_id order by admission_date, discharge_date, plan_id) as integer
        ) as sequence_number
    from criteria
    where
        passes_employed and passes_no_benefits_before and passes_course_started
        and passes_start_year and passes_age and passes_alive_and_resident
),

repeat_walk as (
    select
        plan_id,
        person_id,
        sequence_number,
        true as is_kept,
        discharge_date as last_kept_discharge_date
    from repeat_candidates
    where sequence_number = 1
    union all
    select
        repeat_candidates.plan_id,
        repeat_candidates.person_id,
        repeat_candidates.sequence_number,
        repeat_candidates.admission_date
        >= {{ add_months('repeat_walk.last_kept_discharge_date', var('repeat_min_months')) }} as is_kept,
        case
            when
                repeat_candidates.admission_date
                >= {{ add_months('repeat_walk.last_kept_discharge_date', var('repeat_min_months')) }}
                then repeat_candidates.discharge_date
            else repeat_walk.last_kept_discharge_date
        end as last_kept_discharge_date
    from repeat_walk
    inner join repeat_candidates
        on
            repeat_walk.person_id = repeat_candidates.person_id
            and repeat_walk.sequence_number + 1 = repeat_candidates.sequence_number
),

screened as (
    select
        criteria.*,
        coalesce(repeat_walk.is_kept, false) as passes_repeat_rule,
        repeat_walk.sequence_number as course_sequence_number
    from criteria
    left join repeat_walk
        on criteria.plan_id = repeat_walk.plan_id
),

final as (
    select
        *,
        case
            when not passes_employed then 2
            when not passes_no_benefits_before then 3
            when not passes_course_started then 4
            when not passes_start_year then 5
            when not passes_age then 6
            when not passes_alive_and_resident then 7
            when not passes_repeat_rule then 8
            when not passes_outcome_determinable then 9
        end as exclusion_step,
        passes_employed and passes_no_benefits_before and passes_course_started and passes_start_year
        and passes_age and passes_alive_and_resident and passes_repeat_rule and passes_outcome_determinable
            as passes_criteria_1_to_9
    from screened
)

select * from final
