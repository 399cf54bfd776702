{#-
    METHOD §8.1 overdispersion per cohort period (§8.10) and horizon (Spiegelhalter 2005): φ = mean of the (winsorised, when var
    benchmark_overdispersion_trim) squared z-scores; τ² = max(0, (I φ − (I − 1)) / (Σw − Σw²/Σw)),
    w = 1 / SE² (points⁻²), over the municipalities with SE > 0.
-#}
{%- set trim = var('benchmark_overdispersion_trim_fraction') if var('benchmark_overdispersion_trim') else 0 -%}

with scored as (
    select * from {{ ref('int_municipalities_indicator_computed') }}
),

z_bounds as (
    select
        cohort_period,
        horizon_month,
        quantile_cont(z_score, {{ trim }}) as z_low,
        quantile_cont(z_score, {{ 1 - trim }}) as z_high
    from scored
    group by cohort_period, horizon_month
),

overdispersion as (
    select
        scored.cohort_period,
        scored.horizon_month,
        count(*) as municipalities_n,
        avg(power(least(greatest(scored.z_score, z_bounds.z_low), z_bounds.z_high), 2)) as phi,
        sum(1 / power(scored.std_error_pp, 2)) as sum_w,
        sum(1 / power(scored.std_error_pp, 4)) as sum_w2
    from scored
    inner join z_bounds
        on scored.cohort_period = z_bounds.cohort_period and scored.horizon_month = z_bounds.horizon_month
    where scored.std_error_pp > 0
    group by scored.cohort_period, scored.horizon_month
)

select
    cohort_period,
    horizon_month,
    phi as overdispersion_phi,
    greatest(
        0,
        (municipalities_n * phi - (municipalities_n - 1)) / nullif(sum_w - sum_w2 / sum_w, 0)
    ) as overdispersion_tau2
from overdispersion
