{#-
    Bilag 2 Tabel 4 (METHOD §7): per analysed municipality and nationally, the share on public benefits at the
    headline month among courses in physically demanding industries, with a large-joint diagnosis, women,
    men, under 50 and 50 or over at rehab start. Counts from the suppressed cells (disclosure control,
    int_publication_cells_suppressed; the groups are defined there).
-#}
{%- set h = var('headline_month') %}
{%- set groups = {
    'physically_demanding': ['physical_demand', 'physically_demanding'],
    'large_joint': ['large_joint', 'large'],
    'women': ['sex', 'women'],
    'men': ['sex', 'men'],
    'under50': ['age50', 'under50'],
    'over50': ['age50', 'over50'],
} %}
{%- set cell_map = {} %}
{%- for g, cell in groups.items() %}
    {%- do cell_map.update({
        'persons_' ~ g: [cell[0], cell[1], 'determinable_m' ~ h],
        'on_' ~ g: [cell[0], cell[1], 'on_m' ~ h],
    }) %}
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
        {%- for g in groups %}
            {{ disclosed_count('persons_' ~ g) }} as persons_{{ g }},
            {{ disclosed_share('on_' ~ g, 'persons_' ~ g) }} as {{ g }}_pct,
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
