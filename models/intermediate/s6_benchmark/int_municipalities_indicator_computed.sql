{#-
    METHOD §6.3: per cohort period (§8.10), horizon and analysed municipality, actual share = mean outcome, expected share = mean
    predicted probability, indicator = actual − expected (points), SE = 100·√Σp(1−p)/n (predictions taken
    as fixed), z and the 95 % interval (var benchmark_z_inner).
-#}
{%- set z_inner = var('benchmark_z_inner') -%}

with by_municipality as (
    select
        cohort_period,
        horizon_month,
        municipality_code,
        count(*) as persons,
        sum(is_on_benefits) as observed,
        sum(predicted_probability) as expected,
        sum(predicted_probability * (1 - predicted_probability)) as variance_sum
    from {{ ref('benchmark_course_predictions') }}
    group by cohort_period, horizon_month, municipality_code
),

measured as (
    select
        cohort_period,
        horizon_month,
        municipality_code,
        persons,
        observed,
        expected,
        100.0 * observed / persons as actual_pct,
        100.0 * expected / persons as expected_pct,
        100.0 * (observed - expected) / persons as indicator_pp,
        100.0 * sqrt(variance_sum) / persons as std_error_pp
    from by_municipality
)

select
    *,
    indicator_pp / nullif(std_error_pp, 0) as z_score,
    indicator_pp - {{ z_inner }} * std_error_pp as indicator_low_pp,
    indicator_pp + {{ z_inner }} * std_error_pp as indicator_high_pp
from measured
