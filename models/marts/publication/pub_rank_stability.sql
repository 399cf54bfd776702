{#-
    Rank stability between months 3 and 6 (METHOD §8): per analysed municipality its indicator, rank and
    quintile at both horizons, the change in rank, whether the quintile is the same, and the Spearman rank
    correlation. Disclosure control (int_benchmark_units_published): an indicator only where that month's
    actual share is published; ranks, quintiles and the correlation over the municipalities published at both
    months, ranked among themselves. Per cohort period: ranks and the correlation within the period.
-#}
with units as (
    select * from {{ ref('int_benchmark_units_published') }}
),

benchmark as (
    select * from {{ ref('benchmark_municipalities') }}
),

month3 as (
    select
        benchmark.*,
        units.is_published
    from benchmark
    inner join units
        on
            benchmark.cohort_period = units.cohort_period
            and benchmark.horizon_month = units.horizon_month
            and benchmark.municipality_code = units.municipality_code
    where benchmark.horizon_month = 3
),

month6 as (
    select
        benchmark.*,
        units.is_published
    from benchmark
    inner join units
        on
            benchmark.cohort_period = units.cohort_period
            and benchmark.horizon_month = units.horizon_month
            and benchmark.municipality_code = units.municipality_code
    where benchmark.horizon_month = 6
),

joined as (
    select
        month3.cohort_period,
        month3.municipality_code,
        month3.municipality_name,
        month3.is_published and month6.is_published as is_published_at_both,
        case when month3.is_published then month3.persons end as persons_m3,
        case when month6.is_published then month6.persons end as persons_m6,
        case when month3.is_published then month3.indicator_pp end as indicator_m3_pp,
        case when month6.is_published then month6.indicator_pp end as indicator_m6_pp
    from month3
    inner join month6
        on month3.cohort_period = month6.cohort_period and month3.municipality_code = month6.municipality_code
),

ranked as (
    select
        cohort_period,
        municipality_code,
        cast(rank() over (partition by cohort_period order by indicator_m3_pp) as integer) as rank_m3,
        cast(rank() over (partition by cohort_period order by indicator_m6_pp) as integer) as rank_m6,
        cast(ntile(5) over (partition by cohort_period order by indicator_m3_pp, municipality_code) as integer)
            as quintile_m3,
        cast(ntile(5) over (partition by cohort_period order by indicator_m6_pp, municipality_code) as integer)
            as quintile_m6
    from joined
    where is_published_at_both
),

final as (
    select
        joined.cohort_period,
        joined.municipality_code,
        joined.municipality_name,
        joined.persons_m3,
        joined.persons_m6,
        joined.indicator_m3_pp,
        joined.indicator_m6_pp,
        ranked.rank_m3,
        ranked.rank_m6,
        ranked.quintile_m3,
        ranked.quintile_m6,
        ranked.rank_m6 - ranked.rank_m3 as rank_change,
        ranked.quintile_m3 = ranked.quintile_m6 as is_same_quintile,
        -- NULL, not NaN, when it is undefined (fewer than two municipalities published at both months, or no spread)
        case
            when not isnan(corr(ranked.rank_m3, ranked.rank_m6) over (partition by joined.cohort_period))
                then corr(ranked.rank_m3, ranked.rank_m6) over (partition by joined.cohort_period)
        end as rank_correlation,
        not joined.is_published_at_both as has_suppressed_share
    from joined
    left join ranked
        on joined.cohort_period = ranked.cohort_period and joined.municipality_code = ranked.municipality_code
)

select
    *,
    {{ build_id() }} as build_id
from final
