{#-
    The benchmark regression's coefficients in the shape of Table 5.4 (METHOD §6.2), per horizon: estimate,
    standard error from (X'WX)^-1, z, p, stars (per cohort period, METHOD §8.10, the per-period fit), odds ratio with 95 % interval, average marginal effect in
    points (0 -> 1 within the variable, against its reference) with its delta-method standard error. For
    the headline month the published Table 5.4 values stand beside ours (comparison only).
-#}
with results as (
    select * from {{ ref('benchmark_model_results') }}
    where record_kind = 'coefficient' and fit = 'per_period'
),

levels as (
    select * from {{ ref('benchmark_casemix_levels') }}
),

published as (
    select * from {{ ref('published_table5_4_logit_coefficients') }}
),

pivoted as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(horizon_month as integer) as horizon_month,
        variable_name,
        level_value,
        cast(max(term_order) as integer) as term_order,
        coalesce(max(value) filter (where metric = 'is_estimable'), 0) = 1 as is_estimable,
        max(text_value) filter (where metric = 'reason_not_estimated') as reason_not_estimated,
        max(value) filter (where metric = 'estimate') as estimate,
        max(value) filter (where metric = 'std_error') as std_error,
        max(value) filter (where metric = 'z') as z_value,
        max(value) filter (where metric = 'p_value') as p_value,
        max(text_value) filter (where metric = 'stars') as stars,
        max(value) filter (where metric = 'odds_ratio') as odds_ratio,
        max(value) filter (where metric = 'odds_ratio_low') as odds_ratio_low,
        max(value) filter (where metric = 'odds_ratio_high') as odds_ratio_high,
        100 * max(value) filter (where metric = 'ame') as ame_pp,
        100 * max(value) filter (where metric = 'ame_std_error') as ame_std_error_pp
    from results
    group by all
),

final as (
    select
        pivoted.cohort_period,
        pivoted.horizon_month,
        pivoted.term_order,
        pivoted.variable_name,
        coalesce(levels.variable_label, pivoted.variable_name) as variable_label,
        pivoted.level_value,
        coalesce(levels.level_label, pivoted.level_value) as level_label,
        pivoted.is_estimable,
        pivoted.reason_not_estimated,
        pivoted.estimate,
        pivoted.std_error,
        pivoted.z_value,
        pivoted.p_value,
        pivoted.stars,
        pivoted.odds_ratio,
        pivoted.odds_ratio_low,
        pivoted.odds_ratio_high,
        pivoted.ame_pp,
        pivoted.ame_std_error_pp,
        published.estimate as published_estimate,
        published.std_error as published_std_error,
        case when published.level is not null then coalesce(published.significance, '') end as published_stars,
        published.marginal_effect_pct as published_ame_pp,
        sign(pivoted.estimate) = sign(published.estimate) as is_sign_as_published
    from pivoted
    left join levels
        on
            pivoted.cohort_period = levels.cohort_period
            and pivoted.variable_name = levels.variable_name
            and pivoted.level_value = levels.level_value
    left join published
        on
            pivoted.horizon_month = {{ var('headline_month') }}
            and levels.variable_label = published.variable_group
            and levels.level_label = published.level
)

select * from final
