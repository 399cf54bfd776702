{{ config(enabled=var('check_against_report'), tags=['acceptance']) }}
{#- Every coefficient Table 5.4 marks *** has the published sign in our headline regression. Returns the offenders. -#}
with coefficients as (
    select * from {{ ref('benchmark_coefficients') }}
    where horizon_month = {{ var('headline_month') }}
),

published as (
    select * from {{ ref('published_table5_4_logit_coefficients') }}
    where significance = '***'
),

final as (
    select
        published.variable_group,
        published.level,
        published.estimate as published_estimate,
        coefficients.estimate
    from published
    left join coefficients
        on
            published.variable_group = coefficients.variable_label
            and published.level = coefficients.level_label
    where coalesce(sign(coefficients.estimate) <> sign(published.estimate), true)
)

select * from final
