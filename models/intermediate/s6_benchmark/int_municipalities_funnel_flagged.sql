{#-
    METHOD §8.1–8.3 per cohort period (§8.10), horizon and municipality: funnel limits around 0 at 95 % and 99.8 % with the
    municipality's own SE, plain and overdispersion-adjusted (√(SE² + τ²)); the flag (indicator outside the
    95 % limits; the adjusted ones when var benchmark_flag_uses_overdispersion); the empirical-Bayes shrunken
    indicator = indicator · τ² / (τ² + SE²).
-#}
{%- set z_inner = var('benchmark_z_inner') -%}
{%- set z_outer = var('benchmark_z_outer') -%}
{%- set flag_se = 'od_std_error_pp' if var('benchmark_flag_uses_overdispersion') else 'std_error_pp' -%}

with limits as (
    select
        indicator.cohort_period,
        indicator.horizon_month,
        indicator.municipality_code,
        indicator.indicator_pp,
        indicator.std_error_pp,
        dispersion.overdispersion_phi,
        coalesce(dispersion.overdispersion_tau2, 0) as overdispersion_tau2,
        sqrt(power(indicator.std_error_pp, 2) + coalesce(dispersion.overdispersion_tau2, 0)) as od_std_error_pp
    from {{ ref('int_municipalities_indicator_computed') }} as indicator
    left join {{ ref('int_municipalities_dispersion_estimated') }} as dispersion
        on
            indicator.cohort_period = dispersion.cohort_period
            and indicator.horizon_month = dispersion.horizon_month
)

select
    cohort_period,
    horizon_month,
    municipality_code,
    -{{ z_inner }} * std_error_pp as funnel_95_low_pp,
    {{ z_inner }} * std_error_pp as funnel_95_high_pp,
    -{{ z_outer }} * std_error_pp as funnel_998_low_pp,
    {{ z_outer }} * std_error_pp as funnel_998_high_pp,
    overdispersion_phi,
    overdispersion_tau2,
    -{{ z_inner }} * od_std_error_pp as funnel_95_od_low_pp,
    {{ z_inner }} * od_std_error_pp as funnel_95_od_high_pp,
    -{{ z_outer }} * od_std_error_pp as funnel_998_od_low_pp,
    {{ z_outer }} * od_std_error_pp as funnel_998_od_high_pp,
    case
        when indicator_pp > {{ z_inner }} * {{ flag_se }} then 'higher than expected'
        when indicator_pp < -{{ z_inner }} * {{ flag_se }} then 'lower than expected'
        else 'as expected'
    end as benchmark_flag,
    case
        when overdispersion_tau2 + power(std_error_pp, 2) > 0
            then indicator_pp * overdispersion_tau2 / (overdispersion_tau2 + power(std_error_pp, 2))
    end as shrunken_indicator_pp
from limits
