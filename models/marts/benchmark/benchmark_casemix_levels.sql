{#-
    The levels of the 23 case-mix variables (METHOD §4, Table 5.4): one row per variable and level, with
    the reference level flagged and the labels printed in Table 5.4. Lists come from the var
    benchmark_casemix_variables; diagnosis, industry and hospital specialty from their seeds.
-#}
{%- set variables = var('benchmark_casemix_variables') -%}
{%- set seed_levels = {
    'diagnosis_groups': 'diagnosis_levels',
    'db07_divisions': 'industry_levels',
    'hospital_specialties': 'specialty_levels',
} -%}

with diagnosis_levels as (
    select
        diagnosis_group as level_value,
        coalesce(nullif(max(table5_4_level), ''), diagnosis_group) as level_label,
        bool_or(is_reference) as is_reference,
        min(group_order) as sort_key
    from {{ ref('diagnosis_groups') }}
    group by diagnosis_group
),

industry_levels as (
    select
        regression_group as level_value,
        regression_group as level_label,
        bool_or(is_regression_reference) as is_reference,
        min(cast(db07_division as integer)) as sort_key
    from {{ ref('db07_divisions') }}
    group by regression_group
),

specialty_levels as (
    select
        regression_group as level_value,
        regression_group as level_label,
        bool_or(is_regression_reference) as is_reference,
        min(cast(c_spec as integer)) as sort_key
    from {{ ref('hospital_specialties') }}
    group by regression_group
),

levels as (
    {%- for v in variables %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        {%- if v.get('levels_from') %}
            select
                '{{ v.name }}' as variable_name,
                {{ loop.index }} as variable_order,
                '{{ v.label }}' as variable_label,
                level_value,
                level_label,
                is_reference,
                -- the reference first, then the seed's order
                case when is_reference then 0 else sort_key end as sort_key
            from {{ seed_levels[v.levels_from] }}
        {%- elif v.get('level_label') %}
            select
                '{{ v.name }}' as variable_name,
                {{ loop.index }} as variable_order,
                '{{ v.label }}' as variable_label,
                yes_no.level_value,
                yes_no.level_label,
                yes_no.level_value = 'false' as is_reference,
                yes_no.sort_key
            from (
                values ('false', 'Nej', 1), ('true', '{{ v.level_label }}', 2)
            ) as yes_no (level_value, level_label, sort_key)
        {%- else %}
            {%- set values = benchmark_variable_values(v) %}
            {%- set labels = v.get('level_labels', values) %}
            select
                '{{ v.name }}' as variable_name,
                {{ loop.index }} as variable_order,
                '{{ v.label }}' as variable_label,
                list_levels.level_value,
                list_levels.level_label,
                list_levels.sort_key = 1 as is_reference,
                list_levels.sort_key
            from (
                values
                {%- for value in values %}
                    ('{{ value }}', '{{ labels[loop.index0] }}', {{ loop.index }}){{ ',' if not loop.last }}
                {%- endfor %}
            ) as list_levels (level_value, level_label, sort_key)
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        cast(variable_name as varchar) as variable_name,
        cast(variable_order as integer) as variable_order,
        cast(variable_label as varchar) as variable_label,
        cast(level_value as varchar) as level_value,
        cast(level_label as varchar) as level_label,
        cast(row_number() over (partition by variable_name order by sort_key, level_value) as integer)
            as level_order,
        cast(is_reference as boolean) as is_reference
    from levels
)

select * from final
