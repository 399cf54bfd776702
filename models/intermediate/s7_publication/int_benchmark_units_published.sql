{#-
    Which analysed municipalities have a published benchmark (METHOD §7) and their ranks among the published ones.
    A municipality's indicator, expected share, interval, rank, rank interval, quintile, flag and top/bottom-n
    place are published only when its actual share is (its cells determinable_m<h> and on_m<h> are not
    suppressed): indicator = actual − expected would give the actual share back. Decision: the published units
    are ranked among themselves only — ranks 1 … n without gaps (ties share the lower rank), quintiles =
    ntile(5) of the published units — so a suppressed unit's place cannot be read from a gap between two ranks.
    Horizons: those a public mart shows per municipality (publication_benchmark_months: 2, the headline month, 6).
    Per cohort period: ranks, quintiles and counts among the period's published units at the horizon.
-#}
{%- set horizons = publication_benchmark_months() %}
{%- set cell_map = benchmark_cell_map(horizons) %}

with benchmark as (
    select * from {{ ref('benchmark_municipalities') }}
    where horizon_month in ({{ horizons | join(', ') }})
),

cells as (
    {{ publication_cells_pivot('courses', cell_map, where="breakdown = 'all'") }}
),

flagged as (
    select
        benchmark.cohort_period,
        benchmark.horizon_month,
        benchmark.municipality_code,
        benchmark.indicator_pp,
        benchmark.std_error_pp,
        benchmark.actual_pct,
        case benchmark.horizon_month
            {%- for h in horizons %}
                when {{ h }} then not {{ disclosed_any_hidden(['persons_m' ~ h, 'on_m' ~ h]) }}
            {%- endfor %}
        end as is_published
    from benchmark
    inner join cells
        on benchmark.cohort_period = cells.cohort_period and cast(benchmark.municipality_code as varchar) = cells.area
),

ranked as (
    select
        *,
        cast(rank() over (partition by cohort_period, horizon_month order by indicator_pp) as integer)
            as indicator_rank,
        cast(rank() over (partition by cohort_period, horizon_month order by actual_pct) as integer) as actual_rank,
        cast(ntile(5) over (
            partition by cohort_period, horizon_month order by indicator_pp, municipality_code
        ) as integer) as quintile,
        cast(count(*) over (partition by cohort_period, horizon_month) as integer) as published_units_n
    from flagged
    where is_published
),

final as (
    select
        flagged.cohort_period,
        flagged.horizon_month,
        flagged.municipality_code,
        flagged.indicator_pp,
        flagged.std_error_pp,
        flagged.is_published,
        ranked.indicator_rank,
        ranked.actual_rank,
        ranked.quintile,
        ranked.published_units_n
    from flagged
    left join ranked
        on
            flagged.cohort_period = ranked.cohort_period
            and flagged.horizon_month = ranked.horizon_month
            and flagged.municipality_code = ranked.municipality_code
)

select * from final
