{#-
    Calibration by deciles of predicted risk (METHOD §6.2): per cohort period (§8.10), horizon and decile (equal-count groups of
    courses by ascending predicted probability), persons, observed and expected events and shares.
-#}
with results as (
    select * from {{ ref('benchmark_model_results') }}
    where record_kind = 'calibration' and fit = 'per_period'
),

pivoted as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(horizon_month as integer) as horizon_month,
        cast(term_order as integer) as risk_decile,
        cast(max(value) filter (where metric = 'persons') as integer) as persons,
        max(value) filter (where metric = 'observed') as observed,
        max(value) filter (where metric = 'expected') as expected,
        100 * max(value) filter (where metric = 'mean_predicted') as mean_predicted_pct,
        100 * max(value) filter (where metric = 'observed_share') as observed_pct,
        100 * max(value) filter (where metric = 'min_predicted') as min_predicted_pct,
        100 * max(value) filter (where metric = 'max_predicted') as max_predicted_pct
    from results
    group by all
),

final as (
    select
        *,
        observed_pct - mean_predicted_pct as difference_pp
    from pivoted
)

select * from final
