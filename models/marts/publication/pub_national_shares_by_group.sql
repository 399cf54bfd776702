{#-
    The national figures of Kap. 4–5 (METHOD §7): the share on public benefits at the headline month by
    industry, diagnosis group, joint size, operated or not, sex, age group and benefit weeks from
    2 months before admission to rehab start. One row per characteristic and level. Disclosure applied.
    Industry is published twice: industry_report_group = the report's grouping of its figures (Table 5.3
    report_group, Figur 5.4 / Figur 1.1), and industry_group = the 15 regression groups of Table 5.4 (kept
    as a separate characteristic so the earlier breakdown stays available).
-#}
{%- set h = var('headline_month') %}
{%- set characteristics = {
    'industry_report_group': 'industry_report_group',
    'industry_group': 'industry_group',
    'diagnosis_group': 'diagnosis_group',
    'joint_size': 'joint_size',
    'operated': "case when is_operated then 'operated' else 'not operated' end",
    'sex': "case when is_woman then 'women' else 'men' end",
    'age_group': 'age_band',
    'benefit_weeks_before_start': 'near_benefit_weeks_band',
} %}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
    where not is_excluded_m{{ h }}
),

levels as (
    {%- for name, expression in characteristics.items() %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            '{{ name }}' as characteristic,
            cast({{ expression }} as varchar) as level_name,
            is_on_benefits_m{{ h }} as is_on_benefits
        from cohort
    {%- endfor %}
),

counted as (
    select
        characteristic,
        coalesce(level_name, 'unknown') as level_name,
        count(*) as persons,
        count(*) filter (where is_on_benefits) as on_benefits
    from levels
    group by all
),

final as (
    select
        characteristic,
        level_name,
        cast(persons as integer) as persons,
        {{ publication_share('on_benefits', 'persons') }} as on_benefits_pct,
        {{ publication_is_suppressed(['persons']) }} as has_suppressed_share
    from counted
)

select
    *,
    {{ build_id() }} as build_id
from final
