{#-
    Bilag 2 Tabel 2 (METHOD §2, §7): per analysed municipality and nationally, the share on public benefits at
    rehab start, 3 and 6 months later, each among the courses whose outcome is determinable that month.
    Disclosure applied.
-#}
{%- set months = [0, var('headline_month'), 6] %}
{%- set persons_columns = [] %}
{%- for m in months %}{% do persons_columns.append('counted.persons_m' ~ m) %}{% endfor %}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

counted as (
    select
        municipality_code,
        grouping(municipality_code) = 1 as is_national,  -- the rollup's grand total: all courses
        {%- for m in months %}
            count(is_on_benefits_m{{ m }}) as persons_m{{ m }},
            count(*) filter (where is_on_benefits_m{{ m }}) as on_benefits_m{{ m }},
        {%- endfor %}
        count(*) as courses
    from cohort
    group by rollup(municipality_code)  -- = grouping sets ((municipality_code), ())
),

final as (
    select
        counted.municipality_code,
        coalesce(municipalities.kom_navn, 'Landsgennemsnit') as municipality_name,
        counted.is_national,
        {%- for m in months %}
            cast(counted.persons_m{{ m }} as integer) as persons_m{{ m }},
            {{ publication_share('counted.on_benefits_m' ~ m, 'counted.persons_m' ~ m) }} as on_benefits_m{{ m }}_pct,
        {%- endfor %}
        {{ publication_is_suppressed(persons_columns) }} as has_suppressed_share
    from counted
    left join municipalities
        on counted.municipality_code = municipalities.kom_kode
)

select
    *,
    {{ build_id() }} as build_id
from final
