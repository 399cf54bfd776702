{#-
    Benefit mix by month (Bilag 3 Figur 2.1, METHOD §7): among the analysed courses on public benefits at
    month m (0–6), the share whose benefit in the last week of m's window (week 0 at start) is sickness
    benefit, unemployment-type benefit or another benefit (analysis_cohort.benefit_mix_group_m<m>, from seed
    dream_benefit_codes.benefit_mix_group). National. Counts from the suppressed cells (disclosure control,
    int_publication_cells_suppressed): recipients = cell on_m<m>, the groups = cells mix_<group>_m<m>.
-#}
{%- set groups = ['sickness_benefit', 'unemployment_etc', 'other'] %}

with cells as (
    select
        cohort_period,
        cast(regexp_extract(measure, '_m([0-9]+)$', 1) as integer) as month_number,
        regexp_replace(measure, '_m[0-9]+$', '') as cell_kind,
        persons,
        is_suppressed
    from {{ ref('int_publication_cells_suppressed') }}
    where
        population = 'courses' and area = 'national' and breakdown = 'all'
        and (measure like 'on\_m%' escape '\' or measure like 'mix\_%' escape '\')
),

months as (
    select
        cohort_period,
        month_number,
        {%- for group in groups %}
            coalesce(max(persons) filter (where cell_kind = 'mix_{{ group }}'), 0) as {{ group }}_persons,
            coalesce(bool_or(is_suppressed) filter (where cell_kind = 'mix_{{ group }}'), false) as {{ group }}_hidden,
        {%- endfor %}
        coalesce(max(persons) filter (where cell_kind = 'on'), 0) as recipients_persons,
        coalesce(bool_or(is_suppressed) filter (where cell_kind = 'on'), false) as recipients_hidden
    from cells
    group by cohort_period, month_number
),

final as (
    select
        months.cohort_period,
        months.month_number,
        {{ disclosed_count('recipients', 'months') }} as recipients,
        {{ disclosed_share('sickness_benefit', 'recipients', 'months') }} as sickness_benefit_pct,
        {{ disclosed_share('unemployment_etc', 'recipients', 'months') }} as unemployment_etc_pct,
        {{ disclosed_share('other', 'recipients', 'months') }} as other_benefit_pct,
        {{ disclosed_any_hidden(['recipients'] + groups, 'months') }} as has_suppressed_share
    from months
)

select
    *,
    {{ build_id() }} as build_id
from final
