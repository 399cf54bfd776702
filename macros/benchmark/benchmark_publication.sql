{% macro benchmark_publication(horizons, with_horizon=true) -%}
    {#- The body of Bilag 2 Tabel 1 at the given horizons (METHOD §6.3–6.5, §7): one row per horizon and analysed
        municipality plus a national row per horizon. Persons and actual share from the suppressed cells; the
        expected share, indicator, interval, rank, rank interval, quintile and flag only where that horizon's
        actual share is published, ranked among the municipalities published at that horizon
        (int_benchmark_units_published, benchmark_published_rank_intervals). pub_bilag2_table1_benchmark (the
        headline month, without the horizon column) and pub_benchmark_horizons (2, 3, 6 months) are this. Per
        cohort period (the first key): the national row, ranks and intervals are the period's. -#}
{%- set cell_map = benchmark_cell_map(horizons) %}

with benchmark as (
    select * from {{ ref('benchmark_municipalities') }}
    where horizon_month in ({{ horizons | join(', ') }})
),

units as (
    select * from {{ ref('int_benchmark_units_published') }}
),

intervals as (
    select * from {{ ref('benchmark_published_rank_intervals') }}
),

predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
    where horizon_month in ({{ horizons | join(', ') }})
),

cells as (
    {{ publication_cells_pivot('courses', cell_map, where="breakdown = 'all'") }}
),

municipal as (
    select
        benchmark.cohort_period,
        benchmark.horizon_month,
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
        on
            benchmark.cohort_period = units.cohort_period
            and benchmark.horizon_month = units.horizon_month
            and benchmark.municipality_code = units.municipality_code
    left join intervals
        on
            benchmark.cohort_period = intervals.cohort_period
            and benchmark.horizon_month = intervals.horizon_month
            and benchmark.municipality_code = intervals.municipality_code
),

national as (
    select
        cohort_period,
        horizon_month,
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
    group by cohort_period, horizon_month
),

unioned as (
    select * from municipal
    union all
    select * from national
),

shown as (
    select
        unioned.*,
        case unioned.horizon_month
            {%- for h in horizons %}
                when {{ h }} then {{ disclosed_count('persons_m' ~ h) }}
            {%- endfor %}
        end as persons,
        case unioned.horizon_month
            {%- for h in horizons %}
                when {{ h }} then {{ disclosed_share('on_m' ~ h, 'persons_m' ~ h) }}
            {%- endfor %}
        end as actual_pct
    from unioned
    inner join cells
        on
            unioned.cohort_period = cells.cohort_period
            and coalesce(cast(unioned.municipality_code as varchar), 'national') = cells.area
),

final as (
    select
        cohort_period,
        {%- if with_horizon %}
            cast(horizon_month as integer) as horizon_month,
        {%- endif %}
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
{%- endmacro %}

{% macro benchmark_cell_map(horizons) -%}
    {#- The courses cells of a municipality's benchmark at each horizon (publication_cells_pivot's map): the persons
        whose outcome is determinable and those on benefits, column persons_m<h> / on_m<h>. -#}
    {%- set cell_map = {} %}
    {%- for h in horizons %}
        {%- do cell_map.update({
            'persons_m' ~ h: ['all', 'all', 'determinable_m' ~ h],
            'on_m' ~ h: ['all', 'all', 'on_m' ~ h],
        }) %}
    {%- endfor %}
    {{- return(cell_map) -}}
{%- endmacro %}
