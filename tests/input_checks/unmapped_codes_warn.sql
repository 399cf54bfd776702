{#-
    The data contract: a code missing from its seed is not an error but is counted, and the build warns. Severity
    warn: one row per register and column with unmapped values (dbt prints the warning; the counts and codes are
    in restricted.unmapped_codes_summary). The message is logged too, naming register, column, seed and count.
-#}
{{ config(severity='warn') }}
{%- if execute and flags.WHICH in ('build', 'test') %}
    {%- set found = run_query("select register, column_name, seed_name, unmapped_rows, unmapped_distinct_codes from "
        ~ ref('unmapped_codes_summary') ~ " where unmapped_rows > 0 order by 1, 2") %}
    {%- for row in found.rows %}
        {{ log('Warning: unmapped codes in register ' ~ row[0] ~ ', column ' ~ row[1] ~ ': ' ~ row[3]
            ~ ' rows (' ~ row[4] ~ ' distinct codes) not in seed ' ~ row[2]
            ~ ' - counted in restricted.unmapped_codes_summary, mapped to the fallback level', info=true) }}
    {%- endfor %}
{%- endif %}
select
    register,
    column_name,
    seed_name,
    unmapped_rows,
    unmapped_distinct_codes
from {{ ref('unmapped_codes_summary') }}
where unmapped_rows > 0
