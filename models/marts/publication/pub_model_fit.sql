{#-
    Fit of the case-mix regression per horizon (numeric metrics: N, events, AUC, Brier, Hosmer–Lemeshow, …).
    The counts persons and events are the national cells determinable_m<h> / on_m<h>: left out if suppressed.
-#}
with fit as (
    select * from {{ ref('benchmark_model_fit') }}
),

cells as (
    select * from {{ ref('int_publication_cells_suppressed') }}
    where population = 'courses' and area = 'national' and breakdown = 'all'
),

final as (
    select
        fit.cohort_period,
        fit.horizon_month,
        fit.metric,
        fit.value
    from fit
    left join cells
        on
            fit.cohort_period = cells.cohort_period
            and cells.measure = case fit.metric
                when 'persons' then 'determinable_m' || fit.horizon_month
                when 'events' then 'on_m' || fit.horizon_month
            end
    where fit.value is not null and not coalesce(cells.is_suppressed, false)
)

select
    *,
    {{ build_id() }} as build_id
from final
