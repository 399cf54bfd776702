{% macro last_value_where(value_expr, order_expr, condition) -%}
    {#- Aggregate: the value at the largest order_expr among the rows meeting condition (DuckDB arg_max). -#}
    arg_max({{ value_expr }}, {{ order_expr }}) filter (where {{ condition }})
{%- endmacro %}
