{#-
    METHOD §8.8 sensitivity analyses, per course: the headline month's measurement window counted again for the
    outcome variants, and the employment register in the month of measurement. Courses: those passing §1
    criteria 1–8 (int_courses_screened) in a municipality-year kept by §5 — the analysed cohort plus the courses
    that criterion 9 left out. Per course: weeks `not_returned`, weeks of holiday benefit (var
    sensitivity_holiday_benefit_codes, class `undeterminable` in seed dream_benefit_codes) and other
    undeterminable weeks in the headline window (after §3's short-sickness cleaning, as §2); paid hours summed
    over all jobs (stg_bfl__job_months) in the calendar month of the window's last week.
-#}
{%- set h = var('headline_month') %}
{%- set window_end = outcome_window_end_week(h) %}
{%- set window_start = window_end - var('outcome_window_weeks') + 1 %}
{%- set holiday = "weeks.benefit_code in ('" ~ var('sensitivity_holiday_benefit_codes') | join("', '") ~ "')" %}

with screened as (
    select * from {{ ref('int_courses_screened') }}
    where
        passes_employed and passes_no_benefits_before and passes_course_started and passes_start_year
        and passes_age and passes_alive_and_resident and passes_repeat_rule
),

kept as (
    select
        screened.plan_id as course_id,
        screened.person_id,
        screened.residence_municipality_code as municipality_code,
        screened.rehab_start_date,
        screened.passes_outcome_determinable as is_analysed,
        {{ week_monday('screened.rehab_start_date') }} as start_monday_date
    from screened
    inner join {{ ref('municipality_data_quality') }} as data_quality
        on
            screened.residence_municipality_code = data_quality.municipality_code
            and screened.start_year = data_quality.quality_year
            and data_quality.is_year_kept
),

window_weeks as (
    select
        kept.course_id,
        count(*) filter (where weeks.is_not_returned) as not_returned_weeks,
        count(*) filter (
            where weeks.is_undeterminable
            and {{ holiday }}
        ) as holiday_weeks,
        count(*) filter (
            where weeks.is_undeterminable
            and not {{ holiday }}
        ) as other_undeterminable_weeks
    from kept
    inner join {{ ref('int_benefit_weeks_cleaned') }} as weeks
        on
            kept.person_id = weeks.person_id
            and weeks.week_monday_date
            between {{ add_weeks('kept.start_monday_date', window_start) }}
            and {{ add_weeks('kept.start_monday_date', window_end) }}
    group by kept.course_id
),

employment as (
    select
        kept.course_id,
        sum(jobs.paid_hours) as paid_hours
    from kept
    inner join {{ ref('stg_bfl__job_months') }} as jobs
        on
            kept.person_id = jobs.person_id
            and jobs.employment_month_date = {{ month_start(add_weeks('kept.start_monday_date', window_end)) }}
    group by kept.course_id
),

final as (
    select
        kept.course_id,
        kept.municipality_code,
        kept.rehab_start_date,
        kept.is_analysed,
        cast(coalesce(window_weeks.not_returned_weeks, 0) as integer) as not_returned_weeks,
        cast(coalesce(window_weeks.holiday_weeks, 0) as integer) as holiday_weeks,
        cast(coalesce(window_weeks.other_undeterminable_weeks, 0) as integer) as other_undeterminable_weeks,
        coalesce(employment.paid_hours, 0) as paid_hours,
        coalesce(employment.paid_hours, 0) > 0 as has_paid_hours
    from kept
    left join window_weeks
        on kept.course_id = window_weeks.course_id
    left join employment
        on kept.course_id = employment.course_id
)

select * from final
