-- Every case-mix value of the regression input is a level of benchmark_casemix_levels in its cohort
-- period: an unknown value
-- would silently be coded as the reference level. Returns the unknown values with their counts.

with inputs as (
    select * from {{ ref('benchmark_regression_input') }}
),

levels as (
    select * from {{ ref('benchmark_casemix_levels') }}
),

long_levels as (
    {{ benchmark_casemix_unpivot('inputs') }}
),

final as (
    select
        long_levels.cohort_period,
        long_levels.variable_name,
        long_levels.level_value,
        count(*) as rows_n
    from long_levels
    left join levels
        on
            long_levels.cohort_period = levels.cohort_period
            and long_levels.variable_name = levels.variable_name
            and long_levels.level_value = levels.level_value
    where levels.variable_name is null
    group by all
)

select * from final
