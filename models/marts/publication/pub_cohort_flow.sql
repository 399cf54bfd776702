{#-
    Bilag 3 Figur 1.2 and Figur 4.1 (METHOD §7.3): the persons discharged with a general rehabilitation plan in
    the plan period — all diagnoses, of them with a musculoskeletal (MSK) plan, of them of working age at its
    discharge — for the whole period (discharge_year `all`) and per discharge year (the plan discharge window of
    METHOD §0 starts two months before the first start year, so its first year is a part year). The rest of the flow, from the MSK plans to the
    analysed courses, is pub_cohort_attrition. Counts from the suppressed cells (disclosure control,
    int_publication_cells_suppressed, population plan_flow).
-#}
{%- set measures = ['persons_all_diagnoses', 'persons_msk', 'persons_msk_working_age'] %}

with cells as (
    select
        cohort_period,
        level_name as discharge_year,
    {%- for measure in measures %}
        coalesce(max(persons) filter (where measure = '{{ measure }}'), 0) as {{ measure }}_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = '{{ measure }}'), false) as {{ measure }}_hidden
        {{- ',' if not loop.last }}
    {%- endfor %}
    from {{ ref('int_publication_cells_suppressed') }}
    where population = 'plan_flow' and area = 'national'
    group by cohort_period, level_name
),

final as (
    select
        cells.cohort_period,
        cells.discharge_year,
        cells.discharge_year = 'all' as is_period,
        {%- for measure in measures %}
            {{ disclosed_count(measure) }} as {{ measure }},
        {%- endfor %}
        case
            when
                not (cells.persons_msk_hidden or cells.persons_all_diagnoses_hidden)
                and cells.persons_all_diagnoses_persons > 0
                then 100.0 * cells.persons_msk_persons / cells.persons_all_diagnoses_persons
        end as msk_pct,
        case
            when
                not (cells.persons_msk_working_age_hidden or cells.persons_msk_hidden)
                and cells.persons_msk_persons > 0
                then 100.0 * cells.persons_msk_working_age_persons / cells.persons_msk_persons
        end as working_age_pct,
        {{ disclosed_any_hidden(measures) }} as has_suppressed_count
    from cells
)

select
    *,
    {{ build_id() }} as build_id
from final
