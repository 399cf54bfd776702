{#- Funnel-plot control limits around 0 over a grid of municipality sizes, per horizon (for plotting). -#}
with limits as (
    select * from {{ ref('benchmark_funnel_limits') }}
),

final as (
    select
        cohort_period,
        horizon_month,
        persons,
        funnel_95_low_pp,
        funnel_95_high_pp,
        funnel_998_low_pp,
        funnel_998_high_pp,
        funnel_95_od_low_pp,
        funnel_95_od_high_pp,
        funnel_998_od_low_pp,
        funnel_998_od_high_pp
    from limits
)

select
    *,
    {{ build_id() }} as build_id
from final
