{#-
    Each analysed course's predicted probability of being on public benefits at each horizon, beside its
    observed outcome (METHOD §6.3), from the fit of its cohort
    period (METHOD §8.10). Person-level: restricted schema.
-#}
with results as (
    select * from {{ ref('benchmark_model_results') }}
    where record_kind = 'prediction' and fit = 'per_period'
),

inputs as (
    select * from {{ ref('benchmark_regression_input') }}
),

final as (
    select
        inputs.cohort_period,
        inputs.course_id,
        inputs.horizon_month,
        inputs.municipality_code,
        inputs.is_on_benefits,
        results.value as predicted_probability
    from inputs
    inner join results
        on
            inputs.cohort_period = results.cohort_period
            and inputs.course_id = results.course_id
            and inputs.horizon_month = results.horizon_month
)

select * from final
