{#- Date helpers for the METHOD rules. DuckDB-specific syntax stays inside these macros. -#}

{% macro iso_year_week_monday(iso_year, iso_week) -%}
    {#- Monday of ISO week `iso_week` of ISO year `iso_year`: week 1 holds 4 January. -#}
    cast(
        make_date(cast({{ iso_year }} as integer), 1, 4)
        - cast(isodow(make_date(cast({{ iso_year }} as integer), 1, 4)) - 1 as integer)
        + 7 * (cast({{ iso_week }} as integer) - 1)
        as date
    )
{%- endmacro %}

{% macro week_monday(date_expr) -%}
    {#- Monday of the ISO week that contains the date. -#}
    cast(date_trunc('week', cast({{ date_expr }} as date)) as date)
{%- endmacro %}

{% macro add_weeks(monday_expr, n_weeks) -%}
    cast(cast({{ monday_expr }} as date) + cast(7 * ({{ n_weeks }}) as integer) as date)
{%- endmacro %}

{% macro weeks_between(from_monday, to_monday) -%}
    {#- Whole weeks from one ISO-week Monday to another (negative when to < from). -#}
    cast((cast({{ to_monday }} as date) - cast({{ from_monday }} as date)) / 7 as integer)
{%- endmacro %}

{% macro add_days(date_expr, n_days) -%}
    cast(cast({{ date_expr }} as date) + cast({{ n_days }} as integer) as date)
{%- endmacro %}

{% macro add_months(date_expr, n_months) -%}
    {#- Calendar months; the day is clipped to the month's end (31 Mar - 1 month = 28/29 Feb). -#}
    cast(cast({{ date_expr }} as date) + to_months(cast({{ n_months }} as integer)) as date)
{%- endmacro %}

{% macro days_between(from_date, to_date) -%}
    cast(cast({{ to_date }} as date) - cast({{ from_date }} as date) as integer)
{%- endmacro %}

{% macro month_start(date_expr) -%}
    cast(date_trunc('month', cast({{ date_expr }} as date)) as date)
{%- endmacro %}

{% macro age_in_years(birth_date, at_date) -%}
    {#- Completed years of age on at_date. -#}
    (
        extract(year from cast({{ at_date }} as date)) - extract(year from cast({{ birth_date }} as date))
        - case
            when strftime(cast({{ at_date }} as date), '%m%d') < strftime(cast({{ birth_date }} as date), '%m%d')
                then 1
            else 0
        end
    )
{%- endmacro %}

{% macro days_in_range(from_date, to_date) -%}
    {#- One row per calendar day from from_date to to_date inclusive (use in a select list). -#}
    unnest(generate_series(cast({{ from_date }} as date), cast({{ to_date }} as date), interval 1 day))
{%- endmacro %}

{% macro yyww_monday(yyww_expr) -%}
    {#- 'YYWW' (ISO year 20YY, ISO week WW) as the week's Monday, e.g. '1553' -> 2015-12-28. -#}
    {{ iso_year_week_monday('2000 + cast(substr(' ~ yyww_expr ~ ', 1, 2) as integer)', 'cast(substr(' ~ yyww_expr ~ ', 3, 2) as integer)') }}
{%- endmacro %}
