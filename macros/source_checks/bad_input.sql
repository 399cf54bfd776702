{#-
    The mechanism behind every raw-input check (tests/generic/raw_*.sql).

    `failures` is a query returning one row per check: column_name, problem, n_failing (rows; 0 = passed; -1 or
    NULL = failed without a row count, e.g. a missing column) and
    example (a code or value, or a hashed key - never a person key). If there is any, the test returns them;
    with var `bad_input_raises` (default true) it also stops the build through DuckDB's error(), with one
    message naming the register and, per failing check, column, problem, count and example.
-#}
{% macro bad_input_report(register, failures) %}
    with failing as (
        select
            {{ dbt.string_literal(register) }} as register,
            column_name,
            problem,
            sum(n_failing) as n_failing,
            min(example) as example
        from ({{ failures }}) as checks
        group by column_name, problem
        {#- n_failing > 0: rows failing; -1 or NULL: a failure without a row count (a missing column or year). #}
        having coalesce(sum(n_failing), -1) <> 0
    ),

    message as (
        select
            'Bad input in register ' || {{ dbt.string_literal(register) }} || ': '
            || string_agg(
                'column ' || column_name || ': ' || problem
                || case
                    when n_failing > 0 then ' (' || n_failing || ' rows' || coalesce('; e.g. ' || example, '') || ')'
                    else coalesce(' (e.g. ' || example || ')', '')
                end,
                '; ' order by column_name, problem
            ) as text
        from failing
    )

    select failing.*
    from failing
    cross join message
    {% if var('bad_input_raises', true) -%}
    {#- Evaluated only when a check failed: one error naming every failing check. -#}
    where {{ raise_error('message.text') }} is null
    {%- endif %}
{% endmacro %}

{#- An example value for a message: a person or row key only as `#` + the first 8 hex digits of its md5
    (find the row with `where md5(pnr) like '<digits>%'`); codes and values as they are. -#}
{% macro raw_example(expr, hashed) -%}
    {%- if hashed -%}'#' || left(md5(cast({{ expr }} as varchar)), 8){%- else -%}{{ expr }}{%- endif -%}
{%- endmacro %}

{#- One check's result as a struct (column_name, problem, n_failing, example) for the audit's list of checks. -#}
{% macro raw_check_struct(column, problem, n_failing_sql, example_sql='null') -%}
    {'column_name': {{ dbt.string_literal(column) }}, 'problem': {{ dbt.string_literal(problem) }},
        'n_failing': cast({{ n_failing_sql }} as bigint), 'example': cast({{ example_sql }} as varchar)}
{%- endmacro %}

{#- The data contract of a source table: column -> type family (varchar, integer, double, date), from the
    `data_type` of its columns in yml. -#}
{% macro raw_contract_columns(model) %}
    {%- set columns = {} -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() if node.identifier == model.identifier -%}
            {%- for column in node.columns.values() if column.data_type -%}
                {%- do columns.update({column.name: column.data_type | lower}) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(columns) -}}
{% endmacro %}

{#- The column names of the extract, lower case (read when the test runs: DESCRIBE reads Parquet metadata only). -#}
{% macro raw_extract_columns(model) %}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- for row in run_query('describe select * from ' ~ model).rows %}{% do names.append(row[0] | lower) %}{% endfor -%}
    {%- endif -%}
    {{- return(names) -}}
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

{#- A text key with whitespace or invisible characters: space, tab, CR, LF or any non-ASCII character (no-break
    and zero-width spaces, ...). String functions: several times cheaper than a regular expression on hundreds of
    millions of keys. ' p1' is an error, never a silently different person. -#}
{% macro raw_key_unclean(column) -%}
    (strlen({{ column }}) <> length({{ column }}) or contains({{ column }}, ' ') or contains({{ column }}, chr(9))
        or contains({{ column }}, chr(10)) or contains({{ column }}, chr(13)))
{%- endmacro %}
