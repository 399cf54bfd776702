{#- The case-mix regression in Table 5.4's shape, per horizon: national model estimates only, no persons. -#}
with coefficients as (
    select * from {{ ref('benchmark_coefficients') }}
),

final as (
    select
        cohort_period,
        horizon_month,
        term_order,
        variable_label,
        level_label,
        estimate,
        std_error,
        p_value,
        stars,
        odds_ratio,
        odds_ratio_low,
        odds_ratio_high,
        ame_pp,
        ame_std_error_pp,
        published_estimate,
        published_stars,
        published_ame_pp
    from coefficients
    where is_estimable
)

select
    *,
    {{ build_id() }} as build_id
from final
