{#-
    Bilag 2 Tabel 3 (METHOD §2, §7): per analysed municipality and nationally, among the courses on public
    benefits at month m (0–6), the share that has been on benefits in every week since rehab start
    (100 % at start). Counts from the suppressed cells (disclosure control, int_publication_cells_suppressed).
-#}
{%- set months = [0] + var('outcome_months') %}
{%- set cell_map = {} %}
{%- for m in months %}
    {%- do cell_map.update({'on_m' ~ m: ['all', 'all', 'on_m' ~ m], 'since_m' ~ m: ['all', 'all', 'since_m' ~ m]}) %}
{%- endfor %}

with cells as (
    {{ publication_cells_pivot('courses', cell_map) }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

final as (
    select
        cells.cohort_period,
        cast(nullif(cells.area, 'national') as integer) as municipality_code,
        coalesce(municipalities.kom_navn, 'Landsgennemsnit') as municipality_name,
        cells.area = 'national' as is_national,
        {%- for m in months %}
            {{ disclosed_count('on_m' ~ m) }} as on_benefits_m{{ m }},
            {{ disclosed_share('since_m' ~ m, 'on_m' ~ m) }} as since_start_m{{ m }}_pct,
        {%- endfor %}
        {{ disclosed_any_hidden(cell_map.keys() | list) }} as has_suppressed_share
    from cells
    left join municipalities
        on cells.area = cast(municipalities.kom_kode as varchar)
)

select
    *,
    {{ build_id() }} as build_id
from final
