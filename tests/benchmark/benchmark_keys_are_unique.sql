-- The keys of the benchmark models, each within its cohort period (METHOD §8.10):
-- one row per course and horizon (input, predictions), per municipality
-- and horizon, per grid size and horizon, per horizon and metric / decile / term, per variable and level.
with duplicates as (
    select
        'benchmark_regression_input' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_regression_input') }}
    group by cohort_period, course_id, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_course_predictions' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_course_predictions') }}
    group by cohort_period, course_id, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_municipalities' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_municipalities') }}
    group by cohort_period, municipality_code, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_funnel_limits' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_funnel_limits') }}
    group by cohort_period, persons, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_model_fit' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_model_fit') }}
    group by cohort_period, metric, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_calibration_deciles' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_calibration_deciles') }}
    group by cohort_period, risk_decile, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_coefficients' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_coefficients') }}
    group by cohort_period, variable_name, level_value, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_casemix_levels' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_casemix_levels') }}
    group by cohort_period, variable_name, level_value
    having count(*) > 1
)

select * from duplicates
