{#-
    METHOD §8.5–8.6 per cohort period (§8.10), horizon and municipality: the fixed-effects (direct standardisation) effect of the
    Python model with its SE and rank, the Spearman correlation of that rank with the indicator's rank over
    the horizon, and at the headline month the published Bilag 2 Tabel 1 indicator (joined on the name)
    and our difference from it.
-#}

with fixed_effects as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(horizon_month as integer) as horizon_month,
        cast(municipality_code as integer) as municipality_code,
        max(value) filter (where metric = 'fixed_effect_pp') as fixed_effect_pp,
        max(value) filter (where metric = 'fixed_effect_std_error_pp') as fixed_effect_std_error_pp
    from {{ ref('benchmark_model_results') }}
    where record_kind = 'municipality' and fit = 'per_period'
    group by all
),

joined as (
    select
        indicator.cohort_period,
        indicator.horizon_month,
        indicator.municipality_code,
        indicator.indicator_pp,
        ranked.indicator_rank,
        fixed_effects.fixed_effect_pp,
        fixed_effects.fixed_effect_std_error_pp,
        cast(
            rank() over (
                partition by indicator.cohort_period, indicator.horizon_month order by fixed_effects.fixed_effect_pp
            ) as integer
        ) as fixed_effect_rank
    from {{ ref('int_municipalities_indicator_computed') }} as indicator
    inner join {{ ref('int_municipalities_ranked') }} as ranked
        on
            indicator.cohort_period = ranked.cohort_period
            and indicator.horizon_month = ranked.horizon_month
            and indicator.municipality_code = ranked.municipality_code
    left join fixed_effects
        on
            indicator.cohort_period = fixed_effects.cohort_period
            and indicator.horizon_month = fixed_effects.horizon_month
            and indicator.municipality_code = fixed_effects.municipality_code
)

select
    joined.cohort_period,
    joined.horizon_month,
    joined.municipality_code,
    joined.fixed_effect_pp,
    joined.fixed_effect_std_error_pp,
    joined.fixed_effect_rank,
    corr(joined.indicator_rank, joined.fixed_effect_rank) over (partition by joined.cohort_period, joined.horizon_month)
        as rank_correlation_with_fixed_effect,
    published.indicator_pp as published_indicator_pp,
    joined.indicator_pp - published.indicator_pp as difference_from_published_pp
from joined
left join {{ ref('municipalities') }} as municipalities
    on joined.municipality_code = municipalities.kom_kode
left join {{ ref('published_bilag2_table1_benchmark') }} as published
    on
        joined.horizon_month = {{ var('headline_month') }}
        and municipalities.kom_navn = published.municipality
