-- Every case-mix variable has exactly one reference level per cohort period, it is level 1, and every variable of
-- seed casemix_variables has levels (METHOD §4); the start year of a one-year period has only its reference
-- (METHOD §8.10: no term). Returns the variables that break this (or a row when the count is wrong).
with levels as (
    select * from {{ ref('benchmark_casemix_levels') }}
),

per_variable as (
    select
        cohort_period,
        variable_name,
        count(*) filter (where is_reference) as reference_levels,
        count(*) filter (where is_reference and level_order = 1) as reference_first,
        count(*) as levels_n
    from levels
    group by cohort_period, variable_name
),

final as (
    select
        cohort_period || ': ' || variable_name as variable_name,
        'needs one reference level, ordered first, and at least 2 levels' as problem
    from per_variable
    where
        reference_levels <> 1 or reference_first <> 1
        or (levels_n < 2 and not (variable_name = 'start_year' and cohort_period not like '%-%'))
    union all
    select
        cohort_period || ': ' || count(*) as variable_name,
        'expected as many variables as seed casemix_variables' as problem
    from per_variable
    group by cohort_period
    having count(*) <> (select count(*) from {{ ref('casemix_variables') }})
)

select * from final
