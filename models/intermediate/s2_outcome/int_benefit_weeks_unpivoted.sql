{#-
    DREAM wide -> long, only for the persons the analysis needs and only the window's week columns.
    Persons needed = persons with a considered plan that passes §1.2 (employed): every DREAM-based rule
    (§1.3, §1.7 exit codes, §1.9, §2 outcomes, §4 benefit weeks) is only evaluated for such plans (Decision 1).
    The semi-join and the column projection happen BEFORE the unpivot, so DuckDB reads pnr plus the
    window's columns from Parquet and unpivots only those persons' rows.
-#}
{%- set week_columns = dream_week_columns() -%}

with employed_plans as (
    select * from {{ ref('int_plans_employed_selected') }}
),

dream as (
    select * from {{ ref('stg_dream__benefit_weeks_wide') }}
),

persons_with_plan as (
    select distinct person_id
    from employed_plans
),

dream_of_plan_persons as (
    select dream.*
    from dream
    where dream.person_id in (select persons_with_plan.person_id from persons_with_plan)
),

unpivoted as (
    {{ unpivot_dream_weeks('dream_of_plan_persons', week_columns) }}
),

final as (
    select
        person_id,
        {{ yyww_monday('substr(week_column, 3, 4)') }} as week_monday_date,
        benefit_code
    from unpivoted
    where benefit_code is not null
)

select * from final
