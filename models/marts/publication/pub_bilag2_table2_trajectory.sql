{#-
    Bilag 2 Tabel 2 (METHOD §2, §7): per analysed municipality and nationally, the share on public benefits at
    rehab start, 3 and 6 months later, each among the courses whose outcome is determinable that month.
    Counts from the suppressed cells (disclosure control, int_publication_cells_suppressed).
-#}
{%- set months = publication_trajectory_months() %}
{%- set cell_map = {} %}
{%- for m in months %}
    {%- do cell_map.update({
        'persons_m' ~ m: ['all', 'all', 'determinable_m' ~ m],
        'on_m' ~ m: ['all', 'all', 'on_m' ~ m],
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
        {%- for m in months %}
            {{ disclosed_count('persons_m' ~ m) }} as persons_m{{ m }},
            {{ disclosed_share('on_m' ~ m, 'persons_m' ~ m) }} as on_benefits_m{{ m }}_pct,
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
