{#- Fit of the case-mix regression per horizon (numeric metrics: N, events, AUC, Brier, Hosmer–Lemeshow, …). -#}
with fit as (
    select * from {{ ref('benchmark_model_fit') }}
),

final as (
    select
        horizon_month,
        metric,
        value
    from fit
    where value is not null
)

select
    *,
    {{ build_id() }} as build_id
from final
