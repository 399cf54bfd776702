{#-
    Bilag 2 Tabel 3 (METHOD §2, §7): per analysed municipality and nationally, among the courses on public
    benefits at month m (0–6), the share that has been on benefits in every week since rehab start
    (100 % at start). Disclosure applied (denominator = on benefits at month m).
-#}
{%- set months = [0] + var('outcome_months') %}
{%- set persons_columns = [] %}
{%- for m in months %}{% do persons_columns.append('counted.on_benefits_m' ~ m) %}{% endfor %}

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
            count(*) filter (where is_on_benefits_m{{ m }}) as on_benefits_m{{ m }},
            count(*) filter (where is_on_benefits_since_start_m{{ m }}) as since_start_m{{ m }},
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
            cast(counted.on_benefits_m{{ m }} as integer) as on_benefits_m{{ m }},
            {{ publication_share('counted.since_start_m' ~ m, 'counted.on_benefits_m' ~ m) }}
                as since_start_m{{ m }}_pct,
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
