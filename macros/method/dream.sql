{#- DREAM week columns and the wide-to-long step. -#}

{% macro iso_weeks_in_year(year) -%}
    {#- 52 or 53: the ISO week of 28 December is the year's last week. -#}
    {{- return(modules.datetime.date(year, 12, 28).isocalendar()[1]) -}}
{%- endmacro %}

{% macro dream_week_columns(first_week=none, last_week=none) -%}
    {#- The y_YYWW column names from the period's first to last DREAM week ('YYYY-Www', inclusive; macro period(),
        derived from var start_years, METHOD §0). -#}
    {%- set first_week = first_week or period_value('dream_first_week') -%}
    {%- set last_week = last_week or period_value('dream_last_week') -%}
    {%- set fy, fw = first_week.split('-W') -%}
    {%- set ly, lw = last_week.split('-W') -%}
    {%- set columns = [] -%}
    {%- for year in range(fy | int, (ly | int) + 1) -%}
        {%- set n_weeks = iso_weeks_in_year(year) | int -%}
        {%- for week in range(1, n_weeks + 1) -%}
            {%- set key = year * 100 + week -%}
            {%- if key >= (fy | int) * 100 + (fw | int) and key <= (ly | int) * 100 + (lw | int) -%}
                {%- do columns.append('y_' ~ '%02d' % (year % 100) ~ '%02d' % week) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(columns) -}}
{%- endmacro %}

{% macro unpivot_dream_weeks(relation, columns, key_column='person_id') -%}
    {#- Wide DREAM rows -> (key, week_column, benefit_code); NULL cells are dropped (DuckDB UNPIVOT). -#}
    unpivot (select {{ key_column }}, {{ columns | join(', ') }} from {{ relation }})
    on {{ columns | join(', ') }}
    into name week_column value benefit_code
{%- endmacro %}

{% macro dream_week_columns_list() -%}
    {#- dream_week_columns() as a SQL list literal of column names. -#}
    [{%- for column in dream_week_columns() %}'{{ column }}'{{ ', ' if not loop.last }}{% endfor -%}]
{%- endmacro %}
