{#-
    Bilag 2 Tabel 1 (METHOD §6.3–6.4, §7): per analysed municipality and nationally, the actual and expected
    share on public benefits 3 months after rehab start, the indicator (points), its quintile (1 = best),
    flag and rank interval. Disclosure control: persons and the actual share from the suppressed cells; the
    expected share, indicator, interval, rank, rank interval, quintile and flag only where the actual share is
    published, ranked among the published municipalities (int_benchmark_units_published,
    benchmark_published_rank_intervals).
-#}
{%- set h = var('headline_month') %}
{%- set cell_map = {'persons': ['all', 'all', 'determinable_m' ~ h], 'on': ['all', 'all', 'on_m' ~ h]} %}

with benchmark as (
    select * from {{ ref('benchmark_municipalities') }}
    where horizon_month = {{ h }}
),

units as (
    select * from {{ ref('int_benchmark_units_published') }}
    where horizon_month = {{ h }}
),

intervals as (
    select * from {{ ref('benchmark_published_rank_intervals') }}
    where horizon_month = {{ h }}
),

predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
    where horizon_month = {{ h }}
),

cells as (
    {{ publication_cells_pivot('courses', cell_map, where="breakdown = 'all'") }}
),

municipal as (
    select
        benchmark.municipality_code,
        benchmark.municipality_name,
        false as is_national,
        benchmark.expected_pct,
        benchmark.indicator_pp,
        benchmark.indicator_low_pp,
        benchmark.indicator_high_pp,
        units.quintile,
        benchmark.benchmark_flag,
        units.indicator_rank,
        cast(intervals.rank_low as integer) as rank_low,
        cast(intervals.rank_high as integer) as rank_high
    from benchmark
    inner join units
        on benchmark.municipality_code = units.municipality_code
    left join intervals
        on benchmark.municipality_code = intervals.municipality_code
),

national as (
    select
        cast(null as integer) as municipality_code,
        'Landsgennemsnit' as municipality_name,
        true as is_national,
        100.0 * sum(predicted_probability) / count(*) as expected_pct,
        100.0 * (sum(is_on_benefits) - sum(predicted_probability)) / count(*) as indicator_pp,
        cast(null as double) as indicator_low_pp,
        cast(null as double) as indicator_high_pp,
        cast(null as integer) as quintile,
        cast(null as varchar) as benchmark_flag,
        cast(null as integer) as indicator_rank,
        cast(null as integer) as rank_low,
        cast(null as integer) as rank_high
    from predictions
    having count(*) > 0
),

unioned as (
    select * from municipal
    union all
    select * from national
),

shown as (
    select
        unioned.*,
        {{ disclosed_count('persons') }} as persons,
        {{ disclosed_share('on', 'persons') }} as actual_pct
    from unioned
    inner join cells
        on coalesce(cast(unioned.municipality_code as varchar), 'national') = cells.area
),

final as (
    select
        municipality_code,
        municipality_name,
        is_national,
        persons,
        actual_pct,
        {%- for column in ['expected_pct', 'indicator_pp', 'indicator_low_pp', 'indicator_high_pp', 'quintile',
            'benchmark_flag', 'indicator_rank', 'rank_low', 'rank_high'] %}
            case when actual_pct is not null then {{ column }} end as {{ column }},
        {%- endfor %}
        actual_pct is null as has_suppressed_share
    from shown
)

select
    *,
    {{ build_id() }} as build_id
from final
