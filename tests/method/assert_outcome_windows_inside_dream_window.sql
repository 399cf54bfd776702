{%- set last_week = outcome_window_end_week(var('outcome_months') | max) %}
{%- set first = period_value('dream_first_week').split('-W') %}
{%- set last = period_value('dream_last_week').split('-W') %}
-- Every measured week (up to week 26 after rehab start, and week -61 before admission) must lie inside the DREAM
-- columns read (the period's DREAM weeks, METHOD §0); otherwise missing weeks would silently count as "none".

with cohort as (
    select * from {{ ref('int_courses_screened') }}
),

bounds as (
    select
        min({{ add_weeks(week_monday('admission_date'), var('year_benefit_weeks_from')) }}) as first_needed_week,
        max({{ add_weeks(week_monday('rehab_start_date'), last_week) }}) as last_needed_week
    from cohort
    where passes_criteria_1_to_9
)

select *
from bounds
where
    first_needed_week < {{ iso_year_week_monday(first[0] | int, first[1] | int) }}
    or last_needed_week > {{ iso_year_week_monday(last[0] | int, last[1] | int) }}
