-- Attrition adds up: step 1 starts from every plan considered, each step starts where the previous one ended,
-- in − out = remaining, and the last step ends at analysis_cohort (courses and persons). Returns failing checks.
with attrition as (
    select * from {{ ref('cohort_attrition') }}
),

plans as (
    select * from {{ ref('int_plans_considered') }}
),

cohort as (
    select * from {{ ref('analysis_cohort') }}
),

steps_chained as (
    select
        step_number,
        courses_in,
        persons_in,
        courses_out,
        persons_out,
        courses_remaining,
        persons_remaining,
        lag(courses_remaining) over (order by step_number) as previous_courses_remaining,
        lag(persons_remaining) over (order by step_number) as previous_persons_remaining
    from attrition
),

checks as (
    select 'step ' || step_number || ': in does not equal the previous step''s remaining' as failure
    from steps_chained
    where
        step_number > 1
        and (courses_in != previous_courses_remaining or persons_in != previous_persons_remaining)
    union all
    select 'step ' || step_number || ': in - out != remaining'
    from steps_chained
    where courses_in - courses_out != courses_remaining or persons_in - persons_out != persons_remaining
    union all
    select 'step 1 does not start from all plans considered'
    from attrition
    where
        attrition.step_number = 1
        and (
            attrition.courses_in != (select count(*) from plans)
            or attrition.persons_in != (select count(distinct plans.person_id) from plans)
        )
    union all
    select 'last step does not end at analysis_cohort'
    from attrition
    where
        attrition.step_number = (select max(all_steps.step_number) from attrition as all_steps)
        and (
            attrition.courses_remaining != (select count(*) from cohort)
            or attrition.persons_remaining != (select count(distinct cohort.person_id) from cohort)
        )
    union all
    select 'steps missing: expected 1..10'
    where (select count(*) from attrition) != 10
)

select * from checks
