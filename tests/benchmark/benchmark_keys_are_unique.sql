-- The keys of the benchmark models: one row per course and horizon (input, predictions), per municipality
-- and horizon, per grid size and horizon, per horizon and metric / decile / term, per variable and level.
with duplicates as (
    select
        'benchmark_regression_input' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_regression_input') }}
    group by course_id, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_course_predictions' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_course_predictions') }}
    group by course_id, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_municipalities' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_municipalities') }}
    group by municipality_code, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_funnel_limits' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_funnel_limits') }}
    group by persons, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_model_fit' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_model_fit') }}
    group by metric, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_calibration_deciles' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_calibration_deciles') }}
    group by risk_decile, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_coefficients' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_coefficients') }}
    group by variable_name, level_value, horizon_month
    having count(*) > 1
    union all
    select
        'benchmark_casemix_levels' as model_name,
        count(*) as rows_n
    from {{ ref('benchmark_casemix_levels') }}
    group by variable_name, level_value
    having count(*) > 1
)

select * from duplicates
