{#-
    Attrition (§1): one row per criterion, from "plans considered" (step 1) to the data-quality filter
    (step 10), with the courses and persons going in, removed and remaining. A course is removed at the
    first criterion it fails; a person is removed when their last remaining course is. The last row's
    remaining counts equal analysis_cohort (singular test tests/method/assert_attrition_adds_up.sql).
-#}
with screened as (
    select * from {{ ref('int_courses_screened') }}
),

data_quality as (
    select * from {{ ref('municipality_data_quality') }}
),

steps as (
    {% set step_list = [
        ('plan_considered', 'General rehabilitation plan on an MDC ' ~ var('msk_mdc_codes') | join('/')
            ~ ' contact discharged ' ~ period_value('plan_discharge_from') ~ ' to ' ~ period_value('plan_discharge_to')),
        ('employed', 'Fewer than ' ~ var('min_paid_hours') ~ ' paid hours in the month '
            ~ var('employment_months_before') ~ ' months before the admission month'),
        ('no_benefits_before', 'A benefit in more than ' ~ var('pre_admission_max_benefit_weeks')
            ~ ' of weeks ' ~ var('pre_admission_weeks_from') ~ '-' ~ var('pre_admission_weeks_to')
            ~ ' before the admission week'),
        ('course_started', 'No first GES service within ' ~ var('max_days_discharge_to_start')
            ~ ' days of discharge, or fewer than ' ~ var('min_course_services') ~ ' services in the course'),
        ('start_year', 'Rehab start outside ' ~ var('start_years') | join('/')),
        ('age', 'Age at rehab start outside ' ~ var('min_age') ~ '-' ~ var('max_age')),
        ('alive_and_resident', 'Died or emigrated in the window, or no residence in the population register'),
        ('repeat_course', 'Admission less than ' ~ var('repeat_min_months')
            ~ ' months after the discharge of the person\'s kept course'),
        ('outcome_determinable', 'Undeterminable benefit in the month-' ~ var('headline_month')
            ~ ' measurement window'),
        ('data_quality', 'Residence municipality-year fails the data-quality criteria (METHOD 5)'),
    ] %}
    {% for step_name, reason in step_list %}
        select
            {{ loop.index }} as step_number,
            '{{ step_name }}' as step_name,
            '{{ reason | replace("'", "''") }}' as reason
        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}
),

courses as (
    select
        screened.plan_id,
        screened.person_id,
        coalesce(
            screened.exclusion_step,
            case when not coalesce(data_quality.is_year_kept, false) then 10 end
        ) as removed_at_step
    from screened
    left join data_quality
        on
            screened.residence_municipality_code = data_quality.municipality_code
            and screened.start_year = data_quality.quality_year
),

counted as (
    select
        steps.step_number,
        steps.step_name,
        steps.reason,
        count(courses.plan_id) filter (
            where courses.removed_at_step is null or courses.removed_at_step >= steps.step_number
        ) as courses_in,
        count(distinct courses.person_id) filter (
            where courses.removed_at_step is null or courses.removed_at_step >= steps.step_number
        ) as persons_in,
        count(courses.plan_id) filter (
            where courses.removed_at_step is null or courses.removed_at_step > steps.step_number
        ) as courses_remaining,
        count(distinct courses.person_id) filter (
            where courses.removed_at_step is null or courses.removed_at_step > steps.step_number
        ) as persons_remaining
    from steps
    left join courses
        on true
    group by steps.step_number, steps.step_name, steps.reason
),

final as (
    select
        step_number,
        step_name,
        reason,
        courses_in,
        persons_in,
        courses_in - courses_remaining as courses_out,
        persons_in - persons_remaining as persons_out,
        courses_remaining,
        persons_remaining
    from counted
)

select * from final
