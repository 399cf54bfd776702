{#-
    The extract has every column the data contract lists, each with the contract's type (the
    `data_type` of the source's columns in yml: varchar, integer, double, date or timestamp (any precision); any integer width
    counts as integer). With dream_week_columns=true the DREAM week columns y_YYWW of the configured
    window (the period's DREAM weeks, macro period(), METHOD §0) must be there too, as varchar.
    Extra columns are allowed: real extracts carry more. Names are compared case-insensitively: `KOM` is
    accepted for `kom` (DuckDB resolves column names regardless of case, so every model reads it).
-#}
{% test raw_columns_match_contract(model, dream_week_columns=false) %}
    {#- The argument shadows the macro dream_week_columns(): the list comes through dream_week_columns_list(). -#}
    {%- set ns = namespace(columns=[]) -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() if node.identifier == model.identifier -%}
            {%- for column in node.columns.values() if column.data_type -%}
                {%- set ns.columns = ns.columns + [(column.name, column.data_type | lower)] -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif %}
    {% set failures %}
        with actual as (
            select
                lower(column_name) as column_name,
                case
                    when column_type in ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT',
                        'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT') then 'integer'
                    when column_type in ('DOUBLE', 'FLOAT') or column_type like 'DECIMAL%' then 'double'
                    when column_type like 'TIMESTAMP%' then 'timestamp'
                    else lower(column_type)
                end as type_family,
                column_type
            from (describe select * from {{ model }})
        ),

        expected as (
            select column_name, type_family
            from (values
                {%- for name, type in ns.columns %}
                ('{{ name }}', '{{ type }}'){% if not loop.last %},{% endif %}
                {%- endfor %}
            ) as contract (column_name, type_family)
            {%- if dream_week_columns %}
            union all
            select unnest({{ dream_week_columns_list() }}), 'varchar'
            {%- endif %}
        )

        select
            expected.column_name,
            case
                when actual.column_name is null then 'missing from the extract'
                else 'is ' || actual.column_type || ', the contract says ' || expected.type_family
            end as problem
        from expected
        left join actual on expected.column_name = actual.column_name
        where actual.column_name is null or actual.type_family <> expected.type_family
    {% endset %}
    {% set checks %}
        select column_name, problem, cast(null as bigint) as n_failing, cast(null as varchar) as example
        from ({{ failures }}) as differences
    {% endset %}
    {{ bad_input_report(register_name(model), checks) }}
{% endtest %}
