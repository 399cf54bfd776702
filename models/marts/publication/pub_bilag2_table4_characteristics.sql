{#-
    Bilag 2 Tabel 4 (METHOD §7): per analysed municipality and nationally, the share on public benefits at the
    headline month among courses in physically demanding industries, with a large-joint diagnosis, women,
    men, under 50 and 50 or over at rehab start. Disclosure applied per group.
-#}
{%- set h = var('headline_month') %}
{%- set groups = {
    'physically_demanding': "physical_demand = 'physically_demanding'",
    'large_joint': "joint_size = 'large'",
    'women': 'is_woman',
    'men': 'not is_woman',
    'under50': 'age_at_rehab_start < 50',
    'over50': 'age_at_rehab_start >= 50',
} %}
{%- set persons_columns = [] %}
{%- for g in groups %}{% do persons_columns.append('counted.persons_' ~ g) %}{% endfor %}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
    where not is_excluded_m{{ h }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

counted as (
    select
        municipality_code,
        grouping(municipality_code) = 1 as is_national,  -- the rollup's grand total: all courses
        {%- for g, condition in groups.items() %}
            count(*) filter (where {{ condition }}) as persons_{{ g }},
            count(*) filter (where {{ condition }} and is_on_benefits_m{{ h }})
                as on_benefits_{{ g }},
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
        {%- for g in groups %}
            cast(counted.persons_{{ g }} as integer) as persons_{{ g }},
            {{ publication_share('counted.on_benefits_' ~ g, 'counted.persons_' ~ g) }} as {{ g }}_pct,
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
