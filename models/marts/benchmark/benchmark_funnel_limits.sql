{#-
    Funnel-plot control limits around 0 over a grid of municipality sizes (var benchmark_funnel_grid), per
    cohort period (METHOD §8.10) and horizon, for plotting (METHOD §8). For n persons the indicator's SE under
    "as expected" is
    100·√(v̄/n), v̄ = the national mean of p(1−p); the overdispersion-adjusted limits add the horizon's τ².
-#}
{%- set grid = var('benchmark_funnel_grid') -%}
{%- set z_inner = var('benchmark_z_inner') -%}
{%- set z_outer = var('benchmark_z_outer') -%}

with predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
),

national as (
    select
        cohort_period,
        horizon_month,
        avg(predicted_probability * (1 - predicted_probability)) as mean_variance
    from predictions
    group by cohort_period, horizon_month
),

dispersion as (
    select * from {{ ref('int_municipalities_dispersion_estimated') }}
),

sizes as (
    select cast(grid.persons as integer) as persons
    from range({{ grid['from'] }}, {{ grid['to'] + 1 }}, {{ grid['step'] }}) as grid (persons)
),

standard_errors as (
    select
        national.cohort_period,
        national.horizon_month,
        sizes.persons,
        100 * sqrt(national.mean_variance / sizes.persons) as std_error_pp,
        coalesce(dispersion.overdispersion_tau2, 0) as overdispersion_tau2
    from national
    cross join sizes
    left join dispersion
        on
            national.cohort_period = dispersion.cohort_period
            and national.horizon_month = dispersion.horizon_month
),

final as (
    select
        cohort_period,
        horizon_month,
        persons,
        std_error_pp,
        -{{ z_inner }} * std_error_pp as funnel_95_low_pp,
        {{ z_inner }} * std_error_pp as funnel_95_high_pp,
        -{{ z_outer }} * std_error_pp as funnel_998_low_pp,
        {{ z_outer }} * std_error_pp as funnel_998_high_pp,
        -{{ z_inner }} * sqrt(power(std_error_pp, 2) + overdispersion_tau2) as funnel_95_od_low_pp,
        {{ z_inner }} * sqrt(power(std_error_pp, 2) + overdispersion_tau2) as funnel_95_od_high_pp,
        -{{ z_outer }} * sqrt(power(std_error_pp, 2) + overdispersion_tau2) as funnel_998_od_low_pp,
        {{ z_outer }} * sqrt(power(std_error_pp, 2) + overdispersion_tau2) as funnel_998_od_high_pp
    from standard_errors
)

select * from final
