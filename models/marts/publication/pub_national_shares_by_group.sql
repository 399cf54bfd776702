{#-
    The national figures of Kap. 4–5 (METHOD §7): the share on public benefits at the headline month by
    industry, diagnosis group, joint size, operated or not, sex, age group and benefit weeks from
    2 months before admission to rehab start. One row per characteristic and level. Counts from the
    suppressed cells (disclosure control, int_publication_cells_suppressed; the levels are defined there).
    Industry is published twice: industry_report_group = the report's grouping of its figures (Table 5.3
    report_group, Figur 5.4 / Figur 1.1), and industry_group = the 15 regression groups of Table 5.4 (kept
    as a separate characteristic so the earlier breakdown stays available).
-#}
{%- set h = var('headline_month') %}
{%- set characteristics = [
    'industry_report_group', 'industry_group', 'diagnosis_group', 'joint_size', 'operated', 'sex', 'age_group',
    'benefit_weeks_before_start',
] %}

with cells as (
    select * from {{ ref('int_publication_cells_suppressed') }}
    where
        population = 'courses'
        and area = 'national'
        and breakdown in (
            {%- for name in characteristics %}
                '{{ name }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
        and measure in ('determinable_m{{ h }}', 'on_m{{ h }}')
),

levels as (
    select
        cohort_period,
        breakdown as characteristic,
        level_name,
        coalesce(max(persons) filter (where measure = 'determinable_m{{ h }}'), 0) as persons_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = 'determinable_m{{ h }}'), false) as persons_hidden,
        coalesce(max(persons) filter (where measure = 'on_m{{ h }}'), 0) as on_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = 'on_m{{ h }}'), false) as on_hidden
    from cells
    group by cohort_period, breakdown, level_name
),

final as (
    select
        levels.cohort_period,
        levels.characteristic,
        levels.level_name,
        {{ disclosed_count('persons', 'levels') }} as persons,
        {{ disclosed_share('on', 'persons', 'levels') }} as on_benefits_pct,
        {{ disclosed_any_hidden(['persons', 'on'], 'levels') }} as has_suppressed_share
    from levels
)

select
    *,
    {{ build_id() }} as build_id
from final
