{#-
    The municipality benchmark (METHOD §6.3–6.5, §8): one row per cohort period (§8.10), analysed municipality
    and horizon, the
    steps of models/intermediate/s6_benchmark/ side by side — the indicator (§6.3), funnel limits, flag and
    shrinkage (§8.1–8.3), ranks, quintiles and the bootstrap (§6.4, §8.4), the fixed-effects robustness
    check and the published side-by-side (§8.5–8.6). Only joins here.
-#}

select
    indicator.cohort_period,
    indicator.horizon_month,
    indicator.municipality_code,
    municipalities.kom_navn as municipality_name,
    cast(indicator.persons as integer) as persons,
    cast(indicator.observed as integer) as observed,
    indicator.expected,
    indicator.actual_pct,
    indicator.expected_pct,
    indicator.indicator_pp,
    indicator.std_error_pp,
    indicator.z_score,
    indicator.indicator_low_pp,
    indicator.indicator_high_pp,
    funnel.funnel_95_low_pp,
    funnel.funnel_95_high_pp,
    funnel.funnel_998_low_pp,
    funnel.funnel_998_high_pp,
    funnel.overdispersion_phi,
    funnel.overdispersion_tau2,
    funnel.funnel_95_od_low_pp,
    funnel.funnel_95_od_high_pp,
    funnel.funnel_998_od_low_pp,
    funnel.funnel_998_od_high_pp,
    funnel.benchmark_flag,
    funnel.shrunken_indicator_pp,
    ranked.indicator_rank,
    ranked.rank_low,
    ranked.rank_high,
    ranked.probability_top_n,
    ranked.probability_bottom_n,
    ranked.quintile,
    ranked.is_top_n_indicator,
    ranked.is_bottom_n_indicator,
    ranked.actual_rank,
    ranked.is_top_n_actual,
    ranked.is_bottom_n_actual,
    compared.fixed_effect_pp,
    compared.fixed_effect_std_error_pp,
    compared.fixed_effect_rank,
    compared.rank_correlation_with_fixed_effect,
    compared.published_indicator_pp,
    compared.difference_from_published_pp
from {{ ref('int_municipalities_indicator_computed') }} as indicator
inner join {{ ref('int_municipalities_funnel_flagged') }} as funnel
    on
        indicator.cohort_period = funnel.cohort_period
        and indicator.horizon_month = funnel.horizon_month
        and indicator.municipality_code = funnel.municipality_code
inner join {{ ref('int_municipalities_ranked') }} as ranked
    on
        indicator.cohort_period = ranked.cohort_period
        and indicator.horizon_month = ranked.horizon_month
        and indicator.municipality_code = ranked.municipality_code
inner join {{ ref('int_municipalities_compared') }} as compared
    on
        indicator.cohort_period = compared.cohort_period
        and indicator.horizon_month = compared.horizon_month
        and indicator.municipality_code = compared.municipality_code
left join {{ ref('municipalities') }} as municipalities
    on indicator.municipality_code = municipalities.kom_kode
