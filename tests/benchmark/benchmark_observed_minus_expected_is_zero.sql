-- The maximum-likelihood identity of a logistic regression with an intercept and dummies (METHOD §6):
-- Σ(observed − expected) = 0 over all courses and within every estimated dummy level, per cohort period and horizon.
-- Returns the groups where |Σ(y − p)| exceeds 1e-6 events.

with predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
),

inputs as (
    select * from {{ ref('benchmark_regression_input') }}
),

coefficients as (
    select * from {{ ref('benchmark_coefficients') }}
    where is_estimable and variable_name <> '(intercept)'
),

long_levels as (
    {{ benchmark_casemix_unpivot('inputs') }}
),

residuals as (
    select
        long_levels.cohort_period,
        long_levels.horizon_month,
        long_levels.variable_name,
        long_levels.level_value,
        predictions.is_on_benefits - predictions.predicted_probability as residual
    from long_levels
    inner join predictions
        on
            long_levels.cohort_period = predictions.cohort_period
            and long_levels.course_id = predictions.course_id
            and long_levels.horizon_month = predictions.horizon_month
),

by_level as (
    select
        residuals.cohort_period,
        residuals.horizon_month,
        residuals.variable_name,
        residuals.level_value,
        sum(residuals.residual) as observed_minus_expected
    from residuals
    inner join coefficients
        on
            residuals.cohort_period = coefficients.cohort_period
            and residuals.horizon_month = coefficients.horizon_month
            and residuals.variable_name = coefficients.variable_name
            and residuals.level_value = coefficients.level_value
    group by all
),

overall as (
    select
        cohort_period,
        horizon_month,
        '(all)' as variable_name,
        '(all)' as level_value,
        sum(is_on_benefits - predicted_probability) as observed_minus_expected
    from predictions
    group by cohort_period, horizon_month
),

final as (
    select * from by_level
    union all
    select * from overall
)

select * from final
where abs(observed_minus_expected) > 1e-6
