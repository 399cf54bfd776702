-- Every predicted probability lies strictly between 0 and 1, and every course of the regression input
-- has exactly one prediction per horizon. Returns offending courses.
with predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
),

inputs as (
    select * from {{ ref('benchmark_regression_input') }}
),

outside as (
    select
        course_id,
        horizon_month,
        'probability not in (0, 1)' as problem
    from predictions
    where not (predicted_probability > 0 and predicted_probability < 1)
),

missing as (
    select
        inputs.course_id,
        inputs.horizon_month,
        'no prediction' as problem
    from inputs
    left join predictions
        on
            inputs.cohort_period = predictions.cohort_period
            and inputs.course_id = predictions.course_id
            and inputs.horizon_month = predictions.horizon_month
    where predictions.course_id is null
),

final as (
    select * from outside
    union all
    select * from missing
)

select * from final
