{#- ISO weeks as used by DREAM (columns y_YYWW). DuckDB-specific date arithmetic lives here only. -#}

{#- Monday of ISO week `week` of ISO year `year` (SQL integer expressions). -#}
{% macro iso_week_monday(year, week) -%}
    (make_date({{ year }}, 1, 4) - to_days(cast(isodow(make_date({{ year }}, 1, 4)) - 1 as integer))
        + to_days(cast(({{ week }}) - 1 as integer) * 7))
{%- endmacro %}

{#- Monday of an ISO week given as the var format 'YYYY-Www' (e.g. '2015-W53'). -#}
{% macro iso_week_var_monday(iso_week) -%}
    {%- set parts = iso_week.split('-W') -%}
    {{ iso_week_monday(parts[0] | int, parts[1] | int) }}
{%- endmacro %}

{#- The DREAM column name (y_YYWW) of the ISO week containing a date expression. -#}
{% macro dream_week_column(date_sql) -%}
    ('y_' || right(cast(isoyear({{ date_sql }}) as varchar), 2) || lpad(cast(week({{ date_sql }}) as varchar), 2, '0'))
{%- endmacro %}

{#- One row per ISO week in the window of vars dream_first_week .. dream_last_week: week_monday, dream_column. -#}
{% macro dream_week_window() -%}
    select
        cast(week_monday as date) as week_monday,
        {{ dream_week_column('week_monday') }} as dream_column
    from range(
        cast({{ iso_week_var_monday(var('dream_first_week')) }} as timestamp),
        cast({{ iso_week_var_monday(var('dream_last_week')) }} as timestamp) + interval 1 day,
        interval 7 day
    ) as weeks (week_monday)
{%- endmacro %}
