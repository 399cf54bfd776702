{#- The case-mix variables of the benchmark model (seed casemix_variables, METHOD §4 / Table 5.4). -#}

{% macro benchmark_casemix_columns() -%}
    {#- The 23 case-mix column names in Table 5.4's order: the contract of benchmark_regression_input (its columns
        other than the period, key, horizon and outcome), which a singular test holds equal to seed casemix_variables.
        Read from the graph at execution; empty while parsing. A unit test (which has no graph) overrides it. -#}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- set node = graph.nodes['model.' ~ project_name ~ '.benchmark_regression_input'] -%}
        {%- for column in node.columns.values() -%}
            {%- if column.name not in ('cohort_period', 'course_id', 'municipality_code', 'horizon_month', 'is_on_benefits') -%}
                {%- do names.append(column.name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(names) }}
{%- endmacro %}

{% macro benchmark_level_value(column, horizon_month) -%}
    {#- One case-mix column as the text level value the levels model uses (booleans -> 'true'/'false').
        The month of measurement can follow the horizon (var benchmark_measurement_month_per_horizon). -#}
    {%- if column == 'measurement_month' and var('benchmark_measurement_month_per_horizon') -%}
        cast(month({{ add_days('rehab_start_date', '7 * ' ~ outcome_window_end_week(horizon_month)) }}) as varchar)
    {%- else -%}
        cast({{ column }} as varchar)
    {%- endif -%}
{%- endmacro %}

{% macro benchmark_casemix_unpivot(relation) -%}
    {#- The case-mix columns of a relation as rows (variable_name, level_value); its other columns are kept. -#}
    unpivot {{ relation }}
    on
    {%- for name in benchmark_casemix_columns() %}
        {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
    into name variable_name value level_value
{%- endmacro %}
