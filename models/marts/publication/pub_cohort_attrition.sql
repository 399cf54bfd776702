{#-
    The national attrition flow of METHOD §1: courses and persons removed per step, from plans to analysed.
    Counts from the suppressed cells (disclosure control, int_publication_cells_suppressed): a step removing
    1–5 courses or persons is not shown, nor what would give it back.
-#}
{%- set measures = [
    'courses_in', 'courses_out', 'courses_remaining', 'persons_in', 'persons_out', 'persons_remaining',
] %}
{%- set cell_map = {} %}
{%- for measure in measures %}{% do cell_map.update({measure: ['step', none, measure]}) %}{% endfor %}

with attrition as (
    select * from {{ ref('cohort_attrition') }}
),

cells as (
    {{ publication_cells_pivot('attrition', cell_map, key='level_name') }}
),

final as (
    select
        attrition.cohort_period,
        attrition.step_number,
        attrition.step_name,
        attrition.reason,
        {%- for measure in measures %}
            {{ disclosed_count(measure) }} as {{ measure }},
        {%- endfor %}
        {{ disclosed_any_hidden(measures) }} as has_suppressed_count
    from attrition
    inner join cells
        on
            attrition.cohort_period = cells.cohort_period
            and lpad(cast(attrition.step_number as varchar), 2, '0') = cells.level_name
)

select
    *,
    {{ build_id() }} as build_id
from final
