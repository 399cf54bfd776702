{#- The national attrition flow of METHOD §1: courses and persons removed per step, from plans to analysed. -#}
with attrition as (
    select * from {{ ref('cohort_attrition') }}
),

final as (
    select
        step_number,
        step_name,
        reason,
        courses_in,
        courses_out,
        courses_remaining,
        persons_in,
        persons_out,
        persons_remaining
    from attrition
)

select
    *,
    {{ build_id() }} as build_id
from final
