{#-
    Figur 4.2 and 4.3 (METHOD §7.3): nationally, for every month 0–6 after rehab start, the analysed courses
    whose outcome the month can determine (the denominator), those on public benefits and their share, and of
    those on benefits the share on benefits every week since start. Counts from the suppressed cells (disclosure
    control, int_publication_cells_suppressed): persons = cell determinable_m<m>, on benefits = on_m<m>, since
    start = since_m<m>.
-#}
{%- set cell_map = {} %}
{%- for m in [0] + var('outcome_months') %}
    {%- do cell_map.update({
        'persons_m' ~ m: ['all', 'all', 'determinable_m' ~ m],
        'on_m' ~ m: ['all', 'all', 'on_m' ~ m],
        'since_m' ~ m: ['all', 'all', 'since_m' ~ m],
    }) %}
{%- endfor %}

with cells as (
    {{ publication_cells_pivot('courses', cell_map, where="area = 'national' and breakdown = 'all'") }}
),

months as (
    {%- for m in [0] + var('outcome_months') %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            cells.cohort_period,
            {{ m }} as month_number,
            {{ disclosed_count('persons_m' ~ m) }} as persons,
            {{ disclosed_count('on_m' ~ m) }} as on_benefits,
            {{ disclosed_share('on_m' ~ m, 'persons_m' ~ m) }} as on_benefits_pct,
            {{ disclosed_share('since_m' ~ m, 'on_m' ~ m) }} as since_start_pct,
            {{ disclosed_any_hidden(['persons_m' ~ m, 'on_m' ~ m, 'since_m' ~ m]) }} as has_suppressed_share
        from cells
    {%- endfor %}
)

select
    cohort_period,
    month_number,
    persons,
    on_benefits,
    on_benefits_pct,
    since_start_pct,
    has_suppressed_share,
    {{ build_id() }} as build_id
from months
