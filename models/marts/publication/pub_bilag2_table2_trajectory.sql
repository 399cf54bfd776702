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

by_municipality as (
    select
        municipality_code,
        false as is_national,
        {%- for m in months %}
            count(is_on_benefits_m{{ m }}) as persons_m{{ m }},
            count(*) filter (where is_on_benefits_m{{ m }}) as on_benefits_m{{ m }},
        {%- endfor %}
        count(*) as courses
    from cohort
    group by municipality_code
),

national as (
    select
        cast(null as integer) as municipality_code,
        true as is_national,
        {%- for m in months %}
            count(is_on_benefits_m{{ m }}) as persons_m{{ m }},
            count(*) filter (where is_on_benefits_m{{ m }}) as on_benefits_m{{ m }},
        {%- endfor %}
        count(*) as courses
    from cohort
),

counted as (
    select * from by_municipality
    union all
    select * from national
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

select * from final
