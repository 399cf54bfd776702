{#-
    The one mechanism behind every raw-input check (tests/generic/raw_*.sql).

    `failures` is a query returning one row per offending value with a column `example`
    (a short text naming the offending value and, where useful, the row's key). If there is any,
    the check returns one summary row; with var `bad_input_raises` (default true) it also stops the
    build through DuckDB's error(), whose message names register, column, problem, count and an
    example - the message a user on a research server needs to find the bad extract.
-#}
{% macro bad_input_summary(register, column, problem, failures) %}
    {%- set message -%}
        'Bad input in register ' || {{ dbt.string_literal(register) }}
        || ', column ' || {{ dbt.string_literal(column) }}
        || ': ' || {{ dbt.string_literal(problem) }}
        || ' (' || count(*) || ' rows; e.g. ' || coalesce(min(example), 'NULL') || ')'
    {%- endset %}
    select
        {{ dbt.string_literal(register) }} as register,
        {{ dbt.string_literal(column) }} as column_name,
        {{ dbt.string_literal(problem) }} as problem,
        count(*) as n_rows,
        min(example) as example
    from ({{ failures }}) as failures
    {#- In HAVING, not in the select list: dbt wraps tests in count(*), which would prune the column. #}
    having count(*) > 0
        {%- if var('bad_input_raises', true) %}
        and case when count(*) > 0 then {{ raise_error(message) }} is null else false end
        {%- endif %}
{% endmacro %}

{#- Stop the query with a message (DuckDB's error()); the only DuckDB-specific piece of the checks. -#}
{% macro raise_error(message_sql) %}
    {{ return(adapter.dispatch('raise_error', 'rtw_benchmark')(message_sql)) }}
{% endmacro %}

{% macro duckdb__raise_error(message_sql) %}error({{ message_sql }}){% endmacro %}

{#- The register a source test runs on: the source table's name (dream, bef, ...). -#}
{% macro register_name(model) %}
    {{- return(model.identifier) -}}
{% endmacro %}
