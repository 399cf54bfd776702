{#-
    Rank stability between months 3 and 6 (METHOD §8): per analysed municipality its indicator, rank and
    quintile at both horizons, the change in rank, whether the quintile is the same, and the Spearman rank
    correlation over the municipalities analysed at both. Disclosure applied.
-#}
with benchmark as (
    select * from {{ ref('benchmark_municipalities') }}
),

month3 as (
    select * from benchmark
    where horizon_month = 3
),

month6 as (
    select * from benchmark
    where horizon_month = 6
),

joined as (
    select
        month3.municipality_code,
        month3.municipality_name,
        month3.persons as persons_m3,
        month6.persons as persons_m6,
        case when month3.persons > {{ var('disclosure_max_persons') }} then month3.indicator_pp end
            as indicator_m3_pp,
        case when month6.persons > {{ var('disclosure_max_persons') }} then month6.indicator_pp end
            as indicator_m6_pp,
        cast(rank() over (order by month3.indicator_pp) as integer) as rank_m3,
        cast(rank() over (order by month6.indicator_pp) as integer) as rank_m6,
        month3.quintile as quintile_m3,
        month6.quintile as quintile_m6
    from month3
    inner join month6
        on month3.municipality_code = month6.municipality_code
),

final as (
    select
        *,
        rank_m6 - rank_m3 as rank_change,
        quintile_m3 = quintile_m6 as is_same_quintile,
        corr(rank_m3, rank_m6) over () as rank_correlation,
        {{ publication_is_suppressed(['persons_m3', 'persons_m6']) }} as has_suppressed_share
    from joined
)

select
    *,
    {{ build_id() }} as build_id
from final
