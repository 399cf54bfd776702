{#-
    Benefit mix by month (Bilag 3 Figur 2.1, METHOD §7): among the analysed courses on public benefits at
    month m (0–6), the share whose benefit in the last week of m's window (week 0 at start) is sickness
    benefit, unemployment-type benefit or another benefit (analysis_cohort.benefit_mix_group_m<m>, from seed
    dream_benefit_codes.benefit_mix_group). National. Counts from the suppressed cells (disclosure control,
    int_publication_cells_suppressed).
-#}
{%- set months = [0] + var('outcome_months') %}
{%- set groups = ['sickness_benefit', 'unemployment_etc', 'other'] %}

with cells as (
    select * from {{ ref('int_publication_cells_suppressed') }}
    where population = 'courses' and area = 'national' and breakdown = 'all'
),

months as (
    {%- for m in months %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            {{ m }} as month_number,
            coalesce(max(persons) filter (where measure = 'on_m{{ m }}'), 0) as recipients_persons,
            coalesce(bool_or(is_suppressed) filter (where measure = 'on_m{{ m }}'), false) as recipients_hidden,
            {%- for group in groups %}
                coalesce(max(persons) filter (where measure = 'mix_{{ group }}_m{{ m }}'), 0) as {{ group }}_persons,
                coalesce(bool_or(is_suppressed) filter (where measure = 'mix_{{ group }}_m{{ m }}'), false)
                    as {{ group }}_hidden{{ ',' if not loop.last }}
            {%- endfor %}
        from cells
    {%- endfor %}
),

final as (
    select
        cast(month_number as integer) as month_number,
        {{ disclosed_count('recipients', 'months') }} as recipients,
        {{ disclosed_share('sickness_benefit', 'recipients', 'months') }} as sickness_benefit_pct,
        {{ disclosed_share('unemployment_etc', 'recipients', 'months') }} as unemployment_etc_pct,
        {{ disclosed_share('other', 'recipients', 'months') }} as other_benefit_pct,
        {{ disclosed_any_hidden(['recipients'] + groups, 'months') }} as has_suppressed_share
    from months
)

select * from final
