{#-
    The regression input (METHOD §6.1, §6.5): one row per analysed course and horizon (var
    benchmark_horizons) whose outcome is determinable at that horizon, with the 0/1 outcome "on public
    benefits at month m", the residence municipality and the 23 case-mix variables as text level values
    (the values of benchmark_casemix_levels; the columns are this model's contract, held equal to seed
    casemix_variables by a singular test). The dbt Python model benchmark_model_results dummy-codes them
    against the reference levels, per cohort period (METHOD §8.10) and once pooled over the periods.
    Person-level: group restricted.
-#}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
),

horizons as (
    select unnest({{ var('benchmark_horizons') }}) as horizon_month
),

per_horizon as (
    select
        cohort.*,
        horizons.horizon_month,
        case horizons.horizon_month
            {%- for h in var('benchmark_horizons') %}
                when {{ h }} then cohort.is_on_benefits_m{{ h }}
            {%- endfor %}
        end as is_on_benefits_at_horizon,
        case horizons.horizon_month
            {%- for h in var('benchmark_horizons') %}
                when {{ h }} then cohort.is_excluded_m{{ h }}
            {%- endfor %}
        end as is_excluded_at_horizon
    from cohort
    cross join horizons
),

final as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(course_id as varchar) as course_id,
        cast(municipality_code as integer) as municipality_code,
        cast(horizon_month as integer) as horizon_month,
        {%- for name in benchmark_casemix_columns() %}
            {{ benchmark_level_value(name, 'horizon_month') }} as {{ name }},
        {%- endfor %}
        cast(is_on_benefits_at_horizon as integer) as is_on_benefits
    from per_horizon
    where
        not is_excluded_at_horizon
        and is_on_benefits_at_horizon is not null
)

select * from final
