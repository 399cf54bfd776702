{#-
    §4 the municipality's share of general plans: general / (general + specialised) rehabilitation plans
    (all types of seed rehab_plan_codes other than general count as specialised) discharged in the year,
    among the municipality's residents (BEF row by var residence_status). Decision: all plans of the year,
    any diagnosis (the report counts plans, not only musculoskeletal ones).
-#}
{%- set year_offset = 1 if var('residence_status') == 'end_of_year' else 0 -%}

with plans as (
    select * from {{ ref('int_rehab_plans_registered') }}
),

population as (
    select * from {{ ref('stg_bef__population') }}
),

plans_with_residence as (
    select
        population.municipality_code,
        cast(extract(year from plans.discharge_date) as integer) as plan_year,
        plans.is_general_plan
    from plans
    inner join population
        on
            plans.person_id = population.person_id
            and cast(extract(year from plans.discharge_date) as integer) + {{ year_offset }} = population.status_year
),

final as (
    select
        municipality_code,
        plan_year,
        count(*) filter (where is_general_plan) as general_plans,
        count(*) filter (where not is_general_plan) as specialised_plans,
        100.0 * count(*) filter (where is_general_plan) / count(*) as general_plan_share_pct
    from plans_with_residence
    group by municipality_code, plan_year
)

select * from final
