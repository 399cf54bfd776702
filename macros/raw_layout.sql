{#-
    The raw registers as views in schema `raw`, one per table of source `raw`, created at the start of every
    dbt run (on-run-start in dbt_project.yml). Each view reads every Parquet file under
    `<raw_dir>/<register>/`, so both layouts work unchanged:
      - flat, as written by rtw_synth:                      <register>/*.parquet
      - Hive-partitioned, as written by rtw_ingest and the
        community converters (fastreg, registers2parquet):  <register>/year=YYYY/*.parquet
    Files are combined by column name (years may differ in their columns; a column missing in a year is NULL)
    and the column names are lower-cased, whatever their case in the files. A partition column `year` is not
    a column of the data contract: for a register with a year column (source meta `year_column`, e.g. `aar`
    of bef) it fills that column where the files have none; otherwise it is dropped.
    A register folder without Parquet files gets a view that stops any query with a message naming the
    register and the folder; an optional register (source meta `optional`, the LPR3 tables) gets an empty view
    with the data contract's columns and types instead (an extract from before LPR3 has no such folder).
-#}
{% macro create_raw_views() %}
    {%- if execute %}
        {%- do run_query('create schema if not exists raw') %}
        {%- for source in graph.sources.values() if source.source_name == 'raw' %}
            {%- set empty = source.columns.values() | list if source.meta.get('optional') else none %}
            {%- do run_query(raw_view_sql(source.identifier, source.meta.get('year_column'), empty)) %}
        {%- endfor %}
    {%- endif %}
{% endmacro %}

{#- The `create view` statement for one register (see create_raw_views). -#}
{#- empty_columns: the contract's columns of an optional register, for the empty view when it has no files. -#}
{% macro raw_view_sql(register, year_column=none, empty_columns=none) %}
    {%- set folder = var('raw_dir') ~ '/' ~ register %}
    {%- set files = folder ~ '/**/*.parquet' %}
    {%- set n_files = run_query("select count(*) from glob(" ~ dbt.string_literal(files) ~ ")").columns[0].values()[0] %}
    {%- if n_files == 0 and empty_columns is not none %}
        {%- set ns = namespace(select=[]) %}
        {%- for column in empty_columns %}
            {%- set ns.select = ns.select + ['cast(null as ' ~ column.data_type ~ ') as ' ~ adapter.quote(column.name)] %}
        {%- endfor %}
        {{- return('create or replace view raw.' ~ register ~ ' as select ' ~ ns.select | join(', ') ~ ' where false') }}
    {%- endif %}
    {%- if n_files == 0 %}
        {%- set message = 'Register ' ~ register ~ ': no Parquet files in ' ~ folder
            ~ ' (expected ' ~ register ~ '/*.parquet or ' ~ register ~ '/year=YYYY/*.parquet under RTW_RAW_DIR)' %}
        {{- return('create or replace view raw.' ~ register ~ ' as select error('
            ~ dbt.string_literal(message) ~ ') as no_files') }}
    {%- endif %}
    {%- set reader = "read_parquet(" ~ dbt.string_literal(files) ~ ", hive_partitioning = true, union_by_name = true)" %}
    {%- set names = run_query('select column_name from (describe select * from ' ~ reader ~ ')').columns[0].values() %}
    {%- set lowered = names | map('lower') | list %}
    {%- set ns = namespace(select=[]) %}
    {%- for name in names if name | lower not in ['year', year_column] %}
        {%- set ns.select = ns.select + [adapter.quote(name) ~ ' as ' ~ adapter.quote(name | lower)] %}
    {%- endfor %}
    {%- if year_column and year_column in lowered %}
        {%- set stored = adapter.quote(names[lowered.index(year_column)]) %}
        {%- if 'year' in lowered %}
            {%- set stored = 'coalesce(' ~ stored ~ ', cast(' ~ adapter.quote(names[lowered.index('year')]) ~ ' as integer))' %}
        {%- endif %}
        {%- set ns.select = ns.select + [stored ~ ' as ' ~ adapter.quote(year_column)] %}
    {%- elif year_column and 'year' in lowered %}
        {%- set ns.select = ns.select
            + ['cast(' ~ adapter.quote(names[lowered.index('year')]) ~ ' as integer) as ' ~ adapter.quote(year_column)] %}
    {%- endif %}
    {{- return('create or replace view raw.' ~ register ~ ' as select ' ~ ns.select | join(', ') ~ ' from ' ~ reader) }}
{% endmacro %}
