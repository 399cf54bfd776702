{#-
    Model fit per horizon (METHOD §6.2): N, events, AUC, Brier and scaled Brier, Hosmer–Lemeshow,
    calibration intercept and slope (in-sample and cross-validated), the rank correlation with the
    fixed-effects robustness model, and the scikit-learn version and settings used. One row per cohort period
    (METHOD §8.10, the per-period fit), horizon
    and figure.
-#}
with results as (
    select * from {{ ref('benchmark_model_results') }}
    where record_kind = 'fit' and fit = 'per_period'
),

final as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(horizon_month as integer) as horizon_month,
        cast(metric as varchar) as metric,
        cast(value as double) as value,  -- noqa: RF04
        cast(text_value as varchar) as text_value
    from results
)

select * from final
