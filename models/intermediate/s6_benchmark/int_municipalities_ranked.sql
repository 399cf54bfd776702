{#-
    METHOD §6.4 and §8.4 per cohort period (§8.10), horizon and municipality: rank of the indicator (1 = lowest = best, ties share
    the lower rank), quintile (ntile, 1 = best), rank of the actual share, top/bottom var benchmark_top_n by
    each, and the bootstrap rank interval and top/bottom-n probabilities of the Python model.
-#}
{%- set top_n = var('benchmark_top_n') -%}

with bootstrap as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(horizon_month as integer) as horizon_month,
        cast(municipality_code as integer) as municipality_code,
        cast(max(value) filter (where metric = 'rank_low') as integer) as rank_low,
        cast(max(value) filter (where metric = 'rank_high') as integer) as rank_high,
        max(value) filter (where metric = 'probability_top') as probability_top_n,
        max(value) filter (where metric = 'probability_bottom') as probability_bottom_n
    from {{ ref('benchmark_model_results') }}
    where record_kind = 'municipality' and fit = 'per_period'
    group by all
),

ranked as (
    select
        cohort_period,
        horizon_month,
        municipality_code,
        cast(
            rank() over (partition by cohort_period, horizon_month order by indicator_pp) as integer
        ) as indicator_rank,
        cast(ntile(5) over (partition by cohort_period, horizon_month order by indicator_pp) as integer) as quintile,
        cast(rank() over (partition by cohort_period, horizon_month order by actual_pct) as integer) as actual_rank,
        count(*) over (partition by cohort_period, horizon_month) as municipalities_n
    from {{ ref('int_municipalities_indicator_computed') }}
)

select
    ranked.cohort_period,
    ranked.horizon_month,
    ranked.municipality_code,
    ranked.indicator_rank,
    bootstrap.rank_low,
    bootstrap.rank_high,
    bootstrap.probability_top_n,
    bootstrap.probability_bottom_n,
    ranked.quintile,
    ranked.indicator_rank <= {{ top_n }} as is_top_n_indicator,
    ranked.indicator_rank > ranked.municipalities_n - {{ top_n }} as is_bottom_n_indicator,
    ranked.actual_rank,
    ranked.actual_rank <= {{ top_n }} as is_top_n_actual,
    ranked.actual_rank > ranked.municipalities_n - {{ top_n }} as is_bottom_n_actual
from ranked
left join bootstrap
    on
        ranked.cohort_period = bootstrap.cohort_period
        and ranked.horizon_month = bootstrap.horizon_month
        and ranked.municipality_code = bootstrap.municipality_code
