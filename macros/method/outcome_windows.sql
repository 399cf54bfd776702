{% macro outcome_window_end_week(month) -%}
    {#- METHOD §2.2: the last week of month m's measurement window = week round(52/12·m) after the rehab-start
        week. A number gives the week as a number (for Jinja); anything else is taken as a SQL expression and
        gives a SQL integer expression. -#}
    {%- if month is number -%}
        {{ return((52 / 12 * month) | round | int) }}
    {%- else -%}
        {{ return('cast(round(52.0 / 12 * (' ~ month ~ ')) as integer)') }}
    {%- endif -%}
{%- endmacro %}
