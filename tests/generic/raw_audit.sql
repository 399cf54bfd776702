{#-
    One audit pass over a register: every row check in ONE aggregate scan that reads only the columns the
    checks need, plus one pass sorting the key's 64-bit hashes (and an anti join for the parent key, if any).
    Every failing check becomes a line of one error naming register, column, problem, row count and an example
    (person keys hashed).

    Checks (arguments; all optional):
      key            unique key columns: no duplicate; a text key (and pnr in every register) must have no
                     whitespace or invisible characters, so ' p1' is an error, never a silently different person
      distinct_rows  event register without a natural key: exact duplicate rows (all contract columns) are an
                     error above a share of the rows: true = any duplicate (sssy, lpr_sksopr, lpr_sksube), a
                     number = the share accepted (GES: below it the duplicates are removed in staging, counted in
                     duplicate_rows_summary and warned about; above it the extract was delivered twice)
      not_null       required columns
      checks         column -> {range: [min, max]} (SQL bounds; dates and numbers) | {in_set: [values]} |
                     {in_seed: [seed, seed_column]} | {format: [regex, name]} | {yyww: [from_year, to_year]}
                     (a billing week YYWW of an existing ISO week within the years)
      years          {column: c, from: first year, to: last year, what: words}: c is a year, a date or a YYWW
                     week; every year of the window the method reads has rows (an empty or truncated register
                     stops the build)
      parent         {column: c, register: r}: a non-NULL c exists as c in register r (e.g. lpr_diag.recnum)
      dream_weeks    DREAM: codes of the window's week columns in seed dream_benefit_codes, and at least one
                     benefit code in the window
      scope          the rows the method reads (METHOD §0.1), when var raw_audit_rows is `read` (the default):
                     `person` = the rows of persons with a plan (macro read_persons_only, as their staging),
                     `contact` = the rows of those persons' LPR2 contacts (recnum); every check then runs on
                     those rows only, except the row count, the years and the whitespace check of the scope's
                     key, which read every row (a damaged key would miss the lookup). A `contact`
                     scope drops `parent` (its rows are known contacts by construction). raw_audit_rows `all`
                     (make audit-raw) checks every row of every register.
      read_rows      the base model holding the scope's rows as delivered (models/staging/base, e.g.
                     base_bef__read_rows): the checks read that table instead of selecting the rows again, so the
                     register's wide columns are read once per build, for the audit and the staging model alike.
      key_repeats    the scope's key repeats many times per person (bfl's job months, sssy's services): its
                     whitespace check then tests each distinct key once (grouped first; cheaper there, dearer
                     where a key has few rows).
      optional       an optional register (the LPR3 tables): no rows at all is not an error; `lpr2_superseded`
                     (LPR2's procedure tables): optional when the whole plan period (METHOD §0) starts on or
                     after var lpr3_cutover — its plans and their procedures are then LPR3's
    Every double column of the data contract (source column data_type) is checked for NaN and infinity
    explicitly: aggregate FILTER clauses are evaluated on the rows, never answered from Parquet statistics.
-#}
{% test raw_audit(model, key=[], distinct_rows=false, not_null=[], checks={}, years={}, parent={}, dream_weeks=false, optional=false, scope=none, key_repeats=false, read_rows=none) %}
    {#- The period (METHOD §0, macros/method/period.sql): `years: {period: <register>}` takes the register's years
        from the period, and a bound `period.<name>` (register_date_from/to, register_year_from/to) its value. -#}
    {%- if years and years.get('period') -%}
        {%- set years = period_register_years(years.period) -%}
    {%- endif -%}
    {%- set checks = period_resolve_bounds(checks) -%}
    {%- set empty_problem = 'no rows at all (empty register)' -%}
    {%- if optional == 'lpr2_superseded' -%}
        {%- set empty_problem = 'no rows at all (empty or absent register): the plan period starts on '
            ~ period_value('plan_discharge_from') ~ ', before the LPR3 cut-over (var lpr3_cutover '
            ~ var('lpr3_cutover') ~ '), so its plans and procedures are in LPR2' -%}
        {%- set optional = period_value('plan_discharge_from') >= var('lpr3_cutover') -%}
    {%- endif -%}
    {%- set register = register_name(model) -%}
    {%- if var('raw_audit_rows') not in ['read', 'all'] -%}
        {{ exceptions.raise_compiler_error("var raw_audit_rows must be 'read' (the rows the method reads) or 'all' (every row), not '" ~ var('raw_audit_rows') ~ "'") }}
    {%- endif -%}
    {%- set scoped = scope is not none and var('raw_audit_rows') == 'read' -%}
    {#- The scope's key (pnr, recnum) is checked for whitespace and invisible characters on EVERY row (in `whole`):
        a read person's row with ' p1' would be missed by the lookup, never silently. -#}
    {%- set base_rows = ('select * from ' ~ ref(read_rows)) if scoped and read_rows else none -%}
    {%- if scoped and scope == 'person' -%}
        {%- set scope_key = 'pnr' -%}
        {%- set read_rows = base_rows or read_persons_only(model) -%}
    {%- elif scoped and scope == 'contact' -%}
        {%- set scope_key = 'recnum' -%}
        {%- set read_rows = base_rows or 'select * from ' ~ model ~ ' where recnum in (select contact_id from '
            ~ ref('int_hospital_plan_person_contacts') ~ " where lpr_version = 'LPR2')" -%}
        {%- set parent = {} -%}
    {%- elif scoped -%}
        {{ exceptions.raise_compiler_error("raw_audit of " ~ register ~ ": scope must be 'person' or 'contact', not '" ~ scope ~ "'") }}
    {%- endif -%}
    {%- set contract = raw_contract_columns(model) -%}
    {%- set person = 'pnr' if 'pnr' in contract else none -%}
    {#- rows: (column, problem, condition, example column (its min over the failing rows), how the example is shown:
        'hash' a key, 'quote' a value in quotes, 'plain' a value). The example is formatted after the aggregate,
        never per row: a formatting expression inside min() would be computed for every row of the register. -#}
    {%- set rows = [] -%}
    {%- for column in not_null %}
        {%- do rows.append((column, 'NULL value in a required column', column ~ ' is null', person, 'hash')) -%}
    {%- endfor %}
    {%- for column in (key + ([person] if person else [])) | unique
        if contract.get(column) == 'varchar' and not (scoped and column == scope_key) %}
        {#- macro raw_key_unclean (macros/source_checks/bad_input.sql) -#}
        {%- do rows.append((column, 'key with whitespace or invisible characters', raw_key_unclean(column),
            column, 'hash')) -%}
    {%- endfor %}
    {%- for column, type in contract.items() if type == 'double' %}
        {%- do rows.append((column, 'NaN or infinite value', 'isnan(' ~ column ~ ') or isinf(' ~ column ~ ')',
            column, 'plain')) -%}
    {%- endfor %}
    {%- set joins = [] -%}
    {%- for column, check in checks.items() %}
        {%- set value = column -%}
        {%- if check.range is defined %}
            {%- set bounds = (check.range[0] ~ ' .. ' ~ check.range[1]) | replace("cast('", "") | replace("' as date)", "") -%}
            {%- do rows.append((column, 'value outside ' ~ bounds,
                column ~ ' < ' ~ check.range[0] ~ ' or ' ~ column ~ ' > ' ~ check.range[1], value, 'quote')) -%}
        {%- elif check.in_set is defined %}
            {%- set allowed = [] -%}
            {%- for v in check.in_set %}{% do allowed.append("'" ~ v ~ "'") %}{% endfor -%}
            {#- an integer column is compared as integers (no cast of every row to text) -#}
            {%- set compared = column if contract.get(column) == 'integer' else 'cast(' ~ column ~ ' as varchar)' -%}
            {%- do rows.append((column, 'value not allowed by the data contract',
                compared ~ ' not in (' ~ allowed | join(', ') ~ ')', value, 'quote')) -%}
        {%- elif check.in_seed is defined %}
            {%- set alias = 'seed_' ~ loop.index -%}
            {%- do joins.append('left join (select distinct cast(' ~ check.in_seed[1] ~ ' as varchar) as code from '
                ~ ref(check.in_seed[0]) ~ ') as ' ~ alias ~ ' on cast(audited.' ~ column ~ ' as varchar) = '
                ~ alias ~ '.code') -%}
            {%- do rows.append((column, 'unknown code (not in seed ' ~ check.in_seed[0] ~ ')',
                column ~ ' is not null and ' ~ alias ~ '.code is null', value, 'quote')) -%}
        {%- elif check.format is defined %}
            {%- do rows.append((column, 'not a valid ' ~ check.format[1],
                "not regexp_full_match(cast(" ~ column ~ " as varchar), '" ~ check.format[0] ~ "')", value, 'quote')) -%}
        {%- elif check.yyww is defined %}
            {%- set yy = 'try_cast(' ~ column ~ ' as integer) // 100' -%}
            {%- set ww = 'try_cast(' ~ column ~ ' as integer) % 100' -%}
            {%- do rows.append((column, 'not a billing week YYWW of ' ~ check.yyww[0] ~ '-' ~ check.yyww[1],
                "not regexp_full_match(" ~ column ~ ", '[0-9]{4}') or 2000 + " ~ yy ~ " not between "
                ~ check.yyww[0] ~ " and " ~ check.yyww[1] ~ " or " ~ ww ~ " not between 1 and "
                ~ "week(make_date(2000 + " ~ yy ~ ", 12, 28))", value, 'quote')) -%}
        {%- endif %}
    {%- endfor %}
    {%- set year_list = range(years.get('from', 0) | int, (years.get('to', -1) | int) + 1) | list -%}
    {%- if years and contract.get(years.column) == 'date' -%}
        {%- set year_of = 'year(' ~ years.column ~ ')' -%}
    {%- elif years and contract.get(years.column) == 'varchar' -%}
        {%- set year_of = '2000 + try_cast(left(' ~ years.column ~ ', 2) as integer)' -%}
    {%- else -%}
        {%- set year_of = years.column -%}
    {%- endif -%}
    {#- DREAM: the window's week columns that exist (a missing one is reported by raw_columns_match_contract). -#}
    {%- set window_columns = [] -%}
    {%- if dream_weeks -%}
        {%- set present = raw_extract_columns(model) -%}
        {%- for column in dream_week_columns() if column in present or not execute %}{% do window_columns.append(column) %}{% endfor -%}
    {%- endif -%}
    {%- set needed = (key + not_null + (checks.keys() | list) + ([years.column] if years else [])
        + ([parent.column] if parent else []) + ([person] if person else []) + window_columns
        + ((contract.keys() | list) if distinct_rows else [])) | unique | list -%}
    {%- set doubles = [] -%}
    {%- for column, type in contract.items() if type == 'double' %}{% do doubles.append(column) %}{% endfor -%}
    {%- set needed = (needed + doubles) | unique | list -%}
    {%- set grouped = key or ((contract.keys() | list) if distinct_rows else []) -%}

    {% set failures %}
        {#- Referenced by the scan and the key passes. Scoped: MATERIALIZED, the read rows (about 1 % of a
            population-sized register) selected once, not once per reference (lpr_adm 14 s -> 6 s). Every row:
            NOT MATERIALIZED; DuckDB would otherwise materialize (and spill) the whole projected register before
            reading it again. -#}
        with audited as {{ '' if scoped else 'not ' }}materialized (
            select {{ needed | join(', ') }} from {{ ('(' ~ read_rows ~ ') as read_rows') if scoped else model }}
        ),
        {%- if scoped %}

        {#- The row count, the years and the scope's key count every row of the register (one narrow scan). -#}
        whole as materialized (
            select
                count(*) as n_rows
                {%- if not key_repeats %},
                count(*) filter (where {{ raw_key_unclean(scope_key) }}) as n_unclean_key,
                min({{ scope_key }}) filter (where {{ raw_key_unclean(scope_key) }}) as e_unclean_key
                {%- endif %}
                {%- for year in year_list %},
                count(*) filter (where {{ year_of }} = {{ year }}) as year_{{ year }}
                {%- endfor %}
            from {{ model }}
        ),
        {%- if key_repeats %}

        unclean_keys as materialized (
            select
                coalesce(sum(n), 0) as n_unclean_key,
                min({{ scope_key }}) as e_unclean_key
            from (select {{ scope_key }}, count(*) as n from {{ model }} group by {{ scope_key }}) as keys
            where {{ raw_key_unclean(scope_key) }}
        ),
        {%- endif %}
        {%- endif %}

        {#- Materialized: one scan, read by the list of checks and by the DREAM codes. -#}
        scanned as materialized (
            select
                count(*) as n_audited
                {%- for column, problem, condition, example, shown in rows %},
                count(*) filter (where {{ condition }}) as n_{{ loop.index }},
                min({{ example or "''" }}) filter (where {{ condition }}) as e_{{ loop.index }}
                {%- endfor %}
                {%- for year in year_list if not scoped %},
                count(*) filter (where {{ year_of }} = {{ year }}) as year_{{ year }}
                {%- endfor %}
                {%- for column in window_columns %},
                histogram({{ column }}) as {{ column }}
                {%- endfor %}
            from audited
            {{ joins | join('\n') }}
        ),
        {%- if grouped %}

        {#- Keys are compared by a 64-bit hash (one narrow column), sorted: a hash equal to the one before it in
            hash order is a repeated hash (a duplicate key or a hash collision). Sorting 8-byte hashes costs less
            CPU and memory than a hash table over every key (population-sized bfl: 25 s instead of 40 s CPU), and
            spills in sorted runs. A repeated hash is confirmed on the exact values, which DuckDB skips entirely
            when no hash repeats (empty build side). -#}
        key_hashes as (
            select h, lag(h) over (order by h) as previous_h
            from (select hash({{ grouped | join(', ') }}) as h from audited) as hashed
        ),

        repeated_hashes as (
            select distinct h
            from key_hashes
            where h = previous_h
        ),

        duplicates as (
            select min(cast({{ grouped[0] }} as varchar)) as k, count(*) as n
            from audited
            where hash({{ grouped | join(', ') }}) in (select h from repeated_hashes)
            group by {{ grouped | join(', ') }}
            having count(*) > 1
        ),
        {%- endif %}

        {%- if dream_weeks %}

        {#- DREAM: the codes of every window column with their counts (one histogram per column in the scan), then
            compared with the seed once (blank = no benefit). -#}
        dream_codes as (
            select week_column, code.key as benefit_code, code.value as n_cells
            from (
                select week_column, unnest(map_entries(codes)) as code
                from (
                    select unnest([
                        {%- for column in window_columns %}
                        {'week_column': '{{ column }}', 'codes': {{ column }}}{{ ',' if not loop.last }}
                        {%- endfor %}
                    ], recursive := true)
                    from scanned
                ) as per_column
            ) as entries
            where trim(code.key) <> ''
        ),

        dream_unknown as (
            select sum(n_cells) as n, min('''' || benefit_code || ''' in ' || week_column) as example
            from dream_codes
            where trim(benefit_code) not in (select cast(benefit_code as varchar) from {{ ref('dream_benefit_codes') }})
        ),
        {%- endif %}

        {%- if parent %}

        {#- No DISTINCT on the parent keys: an anti join keeps a row whatever the number of matches, and a distinct
            would build a second hash table as large as the join's. -#}
        orphans as (
            select count(*) as n, min({{ parent.column }}) as k
            from audited
            anti join (select {{ parent.column }} from {{ source('raw', parent.register) }}) as parent
                using ({{ parent.column }})
            where audited.{{ parent.column }} is not null
        ),
        {%- endif %}

        {#- One reference to `scanned` (a CTE referenced many times would be inlined and scanned many times). -#}
        checks as (
            select unnest([
                {%- for column, problem, condition, example, shown in rows %}
                {%- set e = 'e_' ~ loop.index %}
                {{ raw_check_struct(column, problem, 'n_' ~ loop.index, raw_example(e, true) if shown == 'hash'
                    else ("'''' || cast(" ~ e ~ " as varchar) || ''''" if shown == 'quote' else 'cast(' ~ e ~ ' as varchar)')) }},
                {%- endfor %}
                {%- for year in year_list %}
                {{ raw_check_struct(years.column, 'no rows for ' ~ years.what ~ ' ' ~ year ~ ' (the method reads '
                    ~ years.from ~ '-' ~ years.to ~ ')', 'case when year_' ~ year ~ ' = 0 then -1 else 0 end') }},
                {%- endfor %}
                {%- if scoped %}
                {{ raw_check_struct(scope_key, 'key with whitespace or invisible characters', 'n_unclean_key',
                    raw_example('e_unclean_key', true)) }},
                {%- endif %}
                {{ raw_check_struct('rows', empty_problem,
                    '0' if optional else 'case when n_rows = 0 then -1 else 0 end') }}
            ], recursive := true)
            from {{ ('scanned cross join whole' ~ (' cross join unclean_keys' if key_repeats else '')) if scoped else '(select *, n_audited as n_rows from scanned) as scanned' }}
            {%- if grouped %}
            union all
            {%- set share = 0 if key or distinct_rows is sameas true else distinct_rows %}
            select
                '{{ grouped | join(", ") }}',
                '{{ "duplicate key" if key else "exact duplicate rows" ~ (" in more than " ~ (share * 100) ~ " % of the rows" if share else "") ~ " (an extract delivered twice?)" }}',
                case when coalesce(sum(n), 0) > {{ share }} * (select n_audited from scanned) then coalesce(sum(n), 0) else 0 end,
                {{ raw_example('min(k)', true) }}
            from duplicates
            {%- endif %}
            {%- if dream_weeks %}
            union all
            select 'y_YYWW', 'unknown benefit code (not in seed dream_benefit_codes)', coalesce(n, 0), example
            from dream_unknown
            union all
            select
                'y_YYWW',
                'no benefit code in the week columns {{ window_columns[0] }}..{{ window_columns[-1] }} (empty DREAM)',
                case when count(*) = 0 then -1 else 0 end,
                null
            from dream_codes
            {%- endif %}
            {%- if parent %}
            union all
            select
                '{{ parent.column }}', 'no matching {{ parent.column }} in register {{ parent.register }}', n,
                {{ raw_example('k', true) }}
            from orphans
            {%- endif %}
        )

        select column_name, problem, n_failing, example
        from checks
        where n_failing <> 0
    {% endset %}
    {{ bad_input_report(register, failures) }}
{% endtest %}
