{#-
    The levels of the 23 case-mix variables (METHOD §4, Table 5.4): one row per variable and level, with
    the reference level flagged and the labels printed in Table 5.4. The variables and their order are seed
    casemix_variables; the levels come from seed casemix_levels or, for diagnosis, industry and hospital
    specialty, from their code seeds (column levels_from); the start-year levels are the period's start years
    (var start_years, METHOD §0; the seed's 2016/2017 rows are not read).
    One set of levels per cohort period (METHOD §8.10): the same levels in every period but the start year, whose
    levels are the period's own start years (the first the reference); a one-year period keeps only that
    reference level, so the variable gives no term (dropped).
-#}

with variables as (
    select * from {{ ref('casemix_variables') }}
),

code_seed_levels as (
    select
        'diagnosis_groups' as levels_from,
        diagnosis_group as level_value,
        coalesce(nullif(max(table5_4_level), ''), diagnosis_group) as level_label,
        bool_or(is_reference) as is_reference,
        min(group_order) as sort_key
    from {{ ref('diagnosis_groups') }}
    group by diagnosis_group
    union all
    select
        'db07_divisions' as levels_from,
        regression_group as level_value,
        regression_group as level_label,
        bool_or(is_regression_reference) as is_reference,
        min(cast(db07_division as integer)) as sort_key
    from {{ ref('db07_divisions') }}
    group by regression_group
    union all
    select
        'hospital_specialties' as levels_from,
        regression_group as level_value,
        regression_group as level_label,
        bool_or(is_regression_reference) as is_reference,
        min(cast(c_spec as integer)) as sort_key
    from {{ ref('hospital_specialties') }}
    group by regression_group
),

periods as (
    select * from {{ cohort_periods_relation() }}
),

start_years as (
    {%- for p in cohort_periods() %}
        {%- for year in p.years %}
            select
                '{{ p.label }}' as cohort_period,
                {{ year }} as start_year,
                {{ p.first_year }} as reference_year
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

levels as (
    select
        periods.cohort_period,
        variables.variable_name,
        variables.variable_order,
        variables.variable_label,
        code_seed_levels.level_value,
        code_seed_levels.level_label,
        code_seed_levels.is_reference,
        -- the reference first, then the seed's order
        case when code_seed_levels.is_reference then 0 else code_seed_levels.sort_key end as sort_key
    from variables
    inner join code_seed_levels
        on variables.levels_from = code_seed_levels.levels_from
    cross join periods
    union all
    select
        periods.cohort_period,
        variables.variable_name,
        variables.variable_order,
        variables.variable_label,
        casemix_levels.level_value,
        casemix_levels.level_label,
        casemix_levels.is_reference,
        casemix_levels.level_order as sort_key
    from variables
    inner join {{ ref('casemix_levels') }} as casemix_levels
        on variables.variable_name = casemix_levels.variable_name
    cross join periods
    where variables.variable_name <> 'start_year'
    union all
    -- METHOD §0: the start-year levels are the period's start years (var start_years), the first the reference;
    -- the label's reference year follows (Table 5.4: "(2016 som reference)").
    select
        start_years.cohort_period,
        variables.variable_name,
        variables.variable_order,
        replace(variables.variable_label, '2016 som reference', start_years.reference_year || ' som reference')
            as variable_label,
        cast(start_years.start_year as varchar) as level_value,
        cast(start_years.start_year as varchar) as level_label,
        start_years.start_year = start_years.reference_year as is_reference,
        start_years.start_year as sort_key
    from variables
    cross join start_years
    where variables.variable_name = 'start_year'
),

final as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(variable_name as varchar) as variable_name,
        cast(variable_order as integer) as variable_order,
        cast(variable_label as varchar) as variable_label,
        cast(level_value as varchar) as level_value,
        cast(level_label as varchar) as level_label,
        cast(row_number() over (partition by cohort_period, variable_name order by sort_key, level_value) as integer)
            as level_order,
        cast(is_reference as boolean) as is_reference
    from levels
)

select * from final
