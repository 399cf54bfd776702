{#-
    Attrition (§1): one row per cohort period and criterion, from "plans considered" (step 1) to the
    data-quality filter (step 10), with the courses and persons going in, removed and remaining. A course is
    removed at the first criterion it fails; a person is removed when their last remaining course is. The last
    row's remaining counts equal analysis_cohort's courses of the period (singular test
    tests/method/assert_attrition_adds_up.sql).
    METHOD §8.10 (Decision: as separate builds per period would count): a plan is counted in every period whose
    plan window (§0, the period's own years) holds its discharge; in a period that does not hold its rehab start
    year it is removed at step 5 (start year), unless an earlier criterion removed it. So with several periods
    a plan discharged in the overlap of two windows (November–December before a period) is in both periods'
    steps 1–4, and the periods' step-1 counts may add up to more than the plans considered.
-#}
with screened as (
    select * from {{ ref('int_courses_screened') }}
),

data_quality as (
    select * from {{ ref('municipality_data_quality') }}
),

steps as (
    {% for p in cohort_periods() %}
        {% set step_list = [
            ('plan_considered', 'General rehabilitation plan on an MDC ' ~ var('msk_mdc_codes') | join('/')
                ~ ' contact discharged ' ~ p.plan_discharge_from ~ ' to ' ~ p.plan_discharge_to),
            ('employed', 'Fewer than ' ~ var('min_paid_hours') ~ ' paid hours in the month '
                ~ var('employment_months_before') ~ ' months before the admission month'),
            ('no_benefits_before', 'A benefit in more than ' ~ var('pre_admission_max_benefit_weeks')
                ~ ' of weeks ' ~ var('pre_admission_weeks_from') ~ '-' ~ var('pre_admission_weeks_to')
                ~ ' before the admission week'),
            ('course_started', 'No first GES service within ' ~ var('max_days_discharge_to_start')
                ~ ' days of discharge, or fewer than ' ~ var('min_course_services') ~ ' services in the course'),
            ('start_year', 'Rehab start outside ' ~ p.years | join('/')),
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
                '{{ p.label }}' as cohort_period,
                {{ loop.index }} as step_number,
                '{{ step_name }}' as step_name,
                '{{ reason | replace("'", "''") }}' as reason
            {% if not loop.last %}
                union all
            {% endif %}
        {% endfor %}
        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}
),

periods as (
    select * from {{ cohort_periods_relation() }}
),

courses as (
    select
        periods.cohort_period,
        screened.plan_id,
        screened.person_id,
        coalesce(
            case
                when screened.exclusion_step < 5 then screened.exclusion_step
                when screened.cohort_period is distinct from periods.cohort_period then 5
            end,
            screened.exclusion_step,
            case when not coalesce(data_quality.is_year_kept, false) then 10 end
        ) as removed_at_step
    from screened
    inner join periods
        on screened.discharge_date between periods.plan_discharge_from and periods.plan_discharge_to
    left join data_quality
        on
            screened.residence_municipality_code = data_quality.municipality_code
            and screened.start_year = data_quality.quality_year
),

counted as (
    select
        steps.cohort_period,
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
        on steps.cohort_period = courses.cohort_period
    group by steps.cohort_period, steps.step_number, steps.step_name, steps.reason
),

final as (
    select
        cohort_period,
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
