{#-
    The municipality benchmark (METHOD §6.3–6.5, §8): one row per analysed municipality and horizon.
    Actual share = mean outcome, expected share = mean predicted probability, indicator = actual − expected
    (points) with SE = 100·√Σp(1−p)/n; z, 95 % interval, funnel limits around 0 at 95 % and 99.8 % (plain and
    overdispersion-adjusted: additive τ² from Spiegelhalter's φ, optional winsorised z), a flag, the
    empirical-Bayes shrunken indicator, rank (1 = lowest indicator = best), the bootstrap rank interval and
    top/bottom-n probabilities, quintile (1 = best), the fixed-effects (direct standardisation) robustness
    effect and its rank correlation with the indicator, and the published 2020 indicator beside ours.
-#}
{%- set z_inner = var('benchmark_z_inner') -%}
{%- set z_outer = var('benchmark_z_outer') -%}
{%- set trim = var('benchmark_overdispersion_trim_fraction') if var('benchmark_overdispersion_trim') else 0 -%}
{%- set top_n = var('benchmark_top_n') -%}

with predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
),

results as (
    select * from {{ ref('benchmark_model_results') }}
    where record_kind = 'municipality'
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

published as (
    select * from {{ ref('published_bilag2_table1_benchmark') }}
),

by_municipality as (
    select
        horizon_month,
        municipality_code,
        count(*) as persons,
        sum(is_on_benefits) as observed,
        sum(predicted_probability) as expected,
        sum(predicted_probability * (1 - predicted_probability)) as variance_sum
    from predictions
    group by horizon_month, municipality_code
),

measured as (
    select
        horizon_month,
        municipality_code,
        persons,
        observed,
        expected,
        100.0 * observed / persons as actual_pct,
        100.0 * expected / persons as expected_pct,
        100.0 * (observed - expected) / persons as indicator_pp,
        100.0 * sqrt(variance_sum) / persons as std_error_pp
    from by_municipality
),

scored as (
    select
        *,
        indicator_pp / nullif(std_error_pp, 0) as z_score
    from measured
),

z_bounds as (
    select
        horizon_month,
        quantile_cont(z_score, {{ trim }}) as z_low,
        quantile_cont(z_score, {{ 1 - trim }}) as z_high
    from scored
    group by horizon_month
),

overdispersion as (
    -- Spiegelhalter (2005): phi = mean of (winsorised) z^2; tau^2 = max(0, (I phi - (I - 1)) / (Σw - Σw²/Σw)),
    -- w = 1 / se^2 (points^-2).
    select
        scored.horizon_month,
        count(*) as municipalities_n,
        avg(power(least(greatest(scored.z_score, z_bounds.z_low), z_bounds.z_high), 2)) as phi,
        sum(1 / power(scored.std_error_pp, 2)) as sum_w,
        sum(1 / power(scored.std_error_pp, 4)) as sum_w2
    from scored
    inner join z_bounds
        on scored.horizon_month = z_bounds.horizon_month
    where scored.std_error_pp > 0
    group by scored.horizon_month
),

dispersion as (
    select
        horizon_month,
        phi as overdispersion_phi,
        greatest(
            0,
            (municipalities_n * phi - (municipalities_n - 1)) / nullif(sum_w - sum_w2 / sum_w, 0)
        ) as overdispersion_tau2
    from overdispersion
),

bootstrap as (
    select
        cast(horizon_month as integer) as horizon_month,
        cast(municipality_code as integer) as municipality_code,
        cast(max(value) filter (where metric = 'rank_low') as integer) as rank_low,
        cast(max(value) filter (where metric = 'rank_high') as integer) as rank_high,
        max(value) filter (where metric = 'probability_top') as probability_top_n,
        max(value) filter (where metric = 'probability_bottom') as probability_bottom_n,
        max(value) filter (where metric = 'fixed_effect_pp') as fixed_effect_pp,
        max(value) filter (where metric = 'fixed_effect_std_error_pp') as fixed_effect_std_error_pp
    from results
    group by all
),

limits as (
    select
        scored.*,
        dispersion.overdispersion_phi,
        coalesce(dispersion.overdispersion_tau2, 0) as overdispersion_tau2,
        sqrt(power(scored.std_error_pp, 2) + coalesce(dispersion.overdispersion_tau2, 0)) as od_std_error_pp
    from scored
    left join dispersion
        on scored.horizon_month = dispersion.horizon_month
),

flagged as (
    select
        *,
        indicator_pp - {{ z_inner }} * std_error_pp as indicator_low_pp,
        indicator_pp + {{ z_inner }} * std_error_pp as indicator_high_pp,
        -{{ z_inner }} * std_error_pp as funnel_95_low_pp,
        {{ z_inner }} * std_error_pp as funnel_95_high_pp,
        -{{ z_outer }} * std_error_pp as funnel_998_low_pp,
        {{ z_outer }} * std_error_pp as funnel_998_high_pp,
        -{{ z_inner }} * od_std_error_pp as funnel_95_od_low_pp,
        {{ z_inner }} * od_std_error_pp as funnel_95_od_high_pp,
        -{{ z_outer }} * od_std_error_pp as funnel_998_od_low_pp,
        {{ z_outer }} * od_std_error_pp as funnel_998_od_high_pp,
        {%- set flag_se = 'od_std_error_pp' if var('benchmark_flag_uses_overdispersion') else 'std_error_pp' %}
        case
            when indicator_pp > {{ z_inner }} * {{ flag_se }} then 'higher than expected'
            when indicator_pp < -{{ z_inner }} * {{ flag_se }} then 'lower than expected'
            else 'as expected'
        end as benchmark_flag,
        -- empirical Bayes: shrink towards 0 by tau^2 / (tau^2 + se^2)
        case
            when overdispersion_tau2 + power(std_error_pp, 2) > 0
                then indicator_pp * overdispersion_tau2 / (overdispersion_tau2 + power(std_error_pp, 2))
        end as shrunken_indicator_pp
    from limits
),

ranked as (
    select
        flagged.*,
        cast(rank() over (partition by flagged.horizon_month order by flagged.indicator_pp) as integer)
            as indicator_rank,
        cast(ntile(5) over (partition by flagged.horizon_month order by flagged.indicator_pp) as integer)
            as quintile,
        cast(rank() over (partition by flagged.horizon_month order by flagged.actual_pct) as integer)
            as actual_rank,
        count(*) over (partition by flagged.horizon_month) as municipalities_n,
        bootstrap.rank_low,
        bootstrap.rank_high,
        bootstrap.probability_top_n,
        bootstrap.probability_bottom_n,
        bootstrap.fixed_effect_pp,
        bootstrap.fixed_effect_std_error_pp,
        cast(
            rank() over (partition by flagged.horizon_month order by bootstrap.fixed_effect_pp)
            as integer
        ) as fixed_effect_rank
    from flagged
    left join bootstrap
        on
            flagged.horizon_month = bootstrap.horizon_month
            and flagged.municipality_code = bootstrap.municipality_code
),

final as (
    select
        ranked.horizon_month,
        ranked.municipality_code,
        municipalities.kom_navn as municipality_name,
        cast(ranked.persons as integer) as persons,
        cast(ranked.observed as integer) as observed,
        ranked.expected,
        ranked.actual_pct,
        ranked.expected_pct,
        ranked.indicator_pp,
        ranked.std_error_pp,
        ranked.z_score,
        ranked.indicator_low_pp,
        ranked.indicator_high_pp,
        ranked.funnel_95_low_pp,
        ranked.funnel_95_high_pp,
        ranked.funnel_998_low_pp,
        ranked.funnel_998_high_pp,
        ranked.overdispersion_phi,
        ranked.overdispersion_tau2,
        ranked.funnel_95_od_low_pp,
        ranked.funnel_95_od_high_pp,
        ranked.funnel_998_od_low_pp,
        ranked.funnel_998_od_high_pp,
        ranked.benchmark_flag,
        ranked.shrunken_indicator_pp,
        ranked.indicator_rank,
        ranked.rank_low,
        ranked.rank_high,
        ranked.probability_top_n,
        ranked.probability_bottom_n,
        ranked.quintile,
        ranked.indicator_rank <= {{ top_n }} as is_top_n_indicator,
        ranked.indicator_rank > ranked.municipalities_n - {{ top_n }} as is_bottom_n_indicator,
        ranked.actual_rank,
        ranked.actual_rank <= {{ top_n }} as is_top_n_actual,
        ranked.actual_rank > ranked.municipalities_n - {{ top_n }} as is_bottom_n_actual,
        ranked.fixed_effect_pp,
        ranked.fixed_effect_std_error_pp,
        ranked.fixed_effect_rank,
        corr(ranked.indicator_rank, ranked.fixed_effect_rank) over (partition by ranked.horizon_month)
            as rank_correlation_with_fixed_effect,
        published.indicator_pp as published_indicator_pp,
        ranked.indicator_pp - published.indicator_pp as difference_from_published_pp
    from ranked
    left join municipalities
        on ranked.municipality_code = municipalities.kom_kode
    left join published
        on
            ranked.horizon_month = {{ var('headline_month') }}
            and municipalities.kom_navn = published.municipality
)

select * from final
