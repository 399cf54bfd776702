{#-
    Benefit mix by month (Bilag 3 Figur 2.1, METHOD §7): among the analysed courses on public benefits at
    month m (0–6), the share whose benefit in the last week of m's window (week 0 at start) is sickness
    benefit, unemployment-type benefit or another benefit (seed dream_benefit_codes.benefit_mix_group).
    National. Disclosure applied.
-#}
{%- set months = [0] + var('outcome_months') %}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
),

weeks as (
    select * from {{ ref('int_benefit_weeks_cleaned') }}
),

month_numbers as (
    select unnest({{ months }}) as month_number
),

months as (
    select
        month_number,
        {{ outcome_window_end_week('month_number') }} as week_number
    from month_numbers
),

recipients as (
    select
        cohort.course_id,
        cohort.person_id,
        months.month_number,
        {{ add_weeks(week_monday('cohort.rehab_start_date'), 'months.week_number') }} as window_end_date,
        {{ add_weeks(week_monday('cohort.rehab_start_date'),
            'greatest(months.week_number - ' ~ (var('outcome_window_weeks') - 1) ~ ', 0)') }} as window_start_date
    from cohort
    cross join months
    where case months.month_number
        {%- for m in months %}
            when {{ m }} then cohort.is_on_benefits_m{{ m }}
        {%- endfor %}
    end
),

classified as (
    select
        recipients.month_number,
        coalesce(weeks.benefit_mix_group, 'other') as benefit_mix_group
    from recipients
    left join weeks
        on
            recipients.person_id = weeks.person_id
            and weeks.week_monday_date between recipients.window_start_date and recipients.window_end_date
            and weeks.is_not_returned
    qualify
        row_number() over (
            partition by recipients.course_id, recipients.month_number
            order by weeks.week_monday_date desc
        ) = 1
),

counted as (
    select
        month_number,
        count(*) as recipients,
        count(*) filter (where benefit_mix_group = 'sickness_benefit') as sickness_benefit,
        count(*) filter (where benefit_mix_group = 'unemployment_etc') as unemployment_etc,
        count(*) filter (where benefit_mix_group not in ('sickness_benefit', 'unemployment_etc')) as other_benefit
    from classified
    group by month_number
),

final as (
    select
        cast(month_number as integer) as month_number,
        cast(recipients as integer) as recipients,
        {{ publication_share('sickness_benefit', 'recipients') }} as sickness_benefit_pct,
        {{ publication_share('unemployment_etc', 'recipients') }} as unemployment_etc_pct,
        {{ publication_share('other_benefit', 'recipients') }} as other_benefit_pct,
        {{ publication_is_suppressed(['recipients']) }} as has_suppressed_share
    from counted
)

select
    *,
    {{ build_id() }} as build_id
from final
