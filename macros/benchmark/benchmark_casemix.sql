{#- The case-mix variables of the benchmark model (var benchmark_casemix_variables, METHOD §4 / Table 5.4). -#}

{% macro benchmark_variable_values(variable) -%}
    {#- The level values of a list variable as strings, reference (first) first. -#}
    {%- if variable.get('values_var') -%}
        {%- set values = var(variable['values_var']) -%}
    {%- else -%}
        {%- set values = variable.get('values', []) -%}
    {%- endif -%}
    {{ return(values | map('string') | list) }}
{%- endmacro %}

{% macro benchmark_level_value(column, variable, horizon_month) -%}
    {#- One case-mix column as the text level value the levels model uses (booleans -> 'true'/'false').
        The month of measurement can follow the horizon (var benchmark_measurement_month_per_horizon). -#}
    {%- if column == 'measurement_month' and var('benchmark_measurement_month_per_horizon') -%}
        cast(month({{ add_days('rehab_start_date', '7 * round(52.0 / 12 * ' ~ horizon_month ~ ')') }}) as varchar)
    {%- else -%}
        cast({{ column }} as varchar)
    {%- endif -%}
{%- endmacro %}

{% macro benchmark_casemix_unpivot(relation) -%}
    {#- The case-mix columns of a relation as rows (variable_name, level_value); its other columns are kept. -#}
    unpivot {{ relation }}
    on
    {%- for v in var('benchmark_casemix_variables') %}
        {{ v.name }}{{ ',' if not loop.last }}
    {%- endfor %}
    into name variable_name value level_value
{%- endmacro %}
