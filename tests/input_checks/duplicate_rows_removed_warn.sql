{#-
    The data contract: exact duplicate GES rows (below the share that stops the build as a double delivery) are
    removed in staging and counted, and the build warns. Severity warn: one row per register with removed rows
    (counts in restricted.duplicate_rows_summary). The message is logged too, naming register and count.
-#}
{{ config(severity='warn') }}
{%- if execute and flags.WHICH in ('build', 'test') %}
    {%- set found = run_query("select register, duplicate_rows_removed, rows_delivered from "
        ~ ref('duplicate_rows_summary') ~ " where duplicate_rows_removed > 0 order by 1") %}
    {%- for row in found.rows %}
        {{ log('Warning: exact duplicate rows in register ' ~ row[0] ~ ': ' ~ row[1] ~ ' of ' ~ row[2]
            ~ ' rows removed (one row kept per distinct row) - counted in restricted.duplicate_rows_summary',
            info=true) }}
    {%- endfor %}
{%- endif %}
select
    register,
    rows_delivered,
    duplicate_rows_removed
from {{ ref('duplicate_rows_summary') }}
where duplicate_rows_removed > 0
