-- Attrition adds up per cohort period (METHOD §8.10): step 1 starts from every plan considered whose discharge
-- the period's plan window holds, each step starts where the previous one ended, in − out = remaining, and the
-- last step ends at the period's analysis_cohort (courses and persons). Returns failing checks.
with attrition as (
    select * from {{ ref('cohort_attrition') }}
),

periods as (
    select * from {{ cohort_periods_relation() }}
),

plans as (
    select
        periods.cohort_period,
        count(*) as courses,
        count(distinct considered.person_id) as persons
    from periods
    inner join {{ ref('int_plans_considered') }} as considered
        on considered.discharge_date between periods.plan_discharge_from and periods.plan_discharge_to
    group by periods.cohort_period
),

cohort as (
    select
        cohort_period,
        count(*) as courses,
        count(distinct person_id) as persons
    from {{ ref('analysis_cohort') }}
    group by cohort_period
),

steps_chained as (
    select
        cohort_period,
        step_number,
        courses_in,
        persons_in,
        courses_out,
        persons_out,
        courses_remaining,
        persons_remaining,
        lag(courses_remaining) over (partition by cohort_period order by step_number) as previous_courses_remaining,
        lag(persons_remaining) over (partition by cohort_period order by step_number) as previous_persons_remaining
    from attrition
),

checks as (
    select cohort_period || ' step ' || step_number || ': in does not equal the previous step''s remaining' as failure
    from steps_chained
    where
        step_number > 1
        and (courses_in != previous_courses_remaining or persons_in != previous_persons_remaining)
    union all
    select cohort_period || ' step ' || step_number || ': in - out != remaining'
    from steps_chained
    where courses_in - courses_out != courses_remaining or persons_in - persons_out != persons_remaining
    union all
    select attrition.cohort_period || ' step 1 does not start from all plans considered in its window'
    from attrition
    left join plans
        on attrition.cohort_period = plans.cohort_period
    where
        attrition.step_number = 1
        and (
            attrition.courses_in != coalesce(plans.courses, 0)
            or attrition.persons_in != coalesce(plans.persons, 0)
        )
    union all
    select attrition.cohort_period || ' last step does not end at analysis_cohort'
    from attrition
    left join cohort
        on attrition.cohort_period = cohort.cohort_period
    where
        attrition.step_number = (select max(all_steps.step_number) from attrition as all_steps)
        and (
            attrition.courses_remaining != coalesce(cohort.courses, 0)
            or attrition.persons_remaining != coalesce(cohort.persons, 0)
        )
    union all
    select 'steps missing: expected 1..10 per period'
    where (select count(*) from attrition) != 10 * (select count(*) from periods)
)

select * from checks
