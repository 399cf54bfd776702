-- Every case-mix variable has exactly one reference level, it is level 1, and every variable of seed
-- casemix_variables has levels (METHOD §4). Returns the variables that break this (or a row when the count is wrong).
with levels as (
    select * from {{ ref('benchmark_casemix_levels') }}
),

per_variable as (
    select
        variable_name,
        count(*) filter (where is_reference) as reference_levels,
        count(*) filter (where is_reference and level_order = 1) as reference_first,
        count(*) as levels_n
    from levels
    group by variable_name
),

final as (
    select
        variable_name,
        'needs one reference level, ordered first, and at least 2 levels' as problem
    from per_variable
    where reference_levels <> 1 or reference_first <> 1 or levels_n < 2
    union all
    select
        cast(count(*) as varchar) as variable_name,
        'expected as many variables as seed casemix_variables' as problem
    from per_variable
    having count(*) <> (select count(*) from {{ ref('casemix_variables') }})
)

select * from final
