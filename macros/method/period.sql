{#-
    METHOD §0 (the period): every window the method uses, derived from ONE setting, var `start_years` (the cohort
    start years, e.g. [2016, 2017] or [2022, 2023]). Nothing else is edited to build another period. The rules
    (docs/METHOD.md "§0 The period"):
      - plans considered: discharged from the first day of the month that holds the day var
        max_days_discharge_to_start days before 1 January of the first start year, to 31 December of the last;
      - DREAM week columns read: from ISO week 1 of the ISO year that holds the week var year_benefit_weeks_from
        (−61) before the earliest discharge considered, to the last ISO week of the ISO year that holds week
        round(52/12 · max(var outcome_months)) (26) after 31 December of the last start year;
      - register years each register must cover (period_register_windows);
      - the plausibility ranges of the raw checks: from 1 January 11 years before the first start year to
        31 December 2 years after the last (the margins of the report's 2016–17 analysis, kept relative);
      - the density year = the start year (seed municipality_area_population must hold every start year).
-#}

{% macro cohort_periods() -%}
    {#- METHOD §8.10: the cohort periods of var `periods` (a list of lists of consecutive start years, e.g.
        [[2016, 2017], [2018, 2019]]) as dicts {label, first_year, last_year, years, order, plan_discharge_from,
        plan_discharge_to}, in time order (order 1 = earliest). Not set (none or empty) = one period, var
        start_years. A one-year period is labelled '2016', else 'first-last'. Clear errors: an empty period, years
        not consecutive, periods overlapping, or var start_years given too (not the default) and not the union. -#}
    {%- set configured = var('periods', none) -%}
    {%- set start_years = var('start_years') | map('int') | list -%}
    {%- if configured is none or configured | length == 0 -%}
        {%- set raw = [start_years] -%}
    {%- else -%}
        {%- set raw = [] -%}
        {%- for years in configured -%}
            {%- if years is number or years is string -%}
                {%- do raw.append([years | int]) -%}
            {%- else -%}
                {%- do raw.append(years | map('int') | list) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set seen = [] -%}
    {%- for years in raw -%}
        {%- if years | length == 0 -%}
            {{ exceptions.raise_compiler_error('var periods: period ' ~ loop.index ~ ' is empty; give each period'
                ~ ' its consecutive start years, e.g. [[2016, 2017], [2018, 2019]]') }}
        {%- endif -%}
        {%- if (years | max) - (years | min) + 1 != years | unique | list | length
            or years | unique | list | length != years | length -%}
            {{ exceptions.raise_compiler_error('var periods: period ' ~ years | join('/') ~ ' is not a run of'
                ~ ' consecutive start years without repeats') }}
        {%- endif -%}
        {%- for year in years if year in seen -%}
            {{ exceptions.raise_compiler_error('var periods: start year ' ~ year ~ ' is in more than one period') }}
        {%- endfor -%}
        {%- do seen.extend(years) -%}
    {%- endfor -%}
    {%- if configured is not none and configured | length > 0 and start_years != [2016, 2017]
        and (start_years | sort | list) != (seen | sort | list) -%}
        {{ exceptions.raise_compiler_error('var periods (' ~ seen | sort | join('/') ~ ') and var start_years ('
            ~ start_years | join('/') ~ ') disagree: set only var periods (METHOD §8.10)') }}
    {%- endif -%}
    {%- set dt = modules.datetime -%}
    {%- set out = [] -%}
    {%- for years in raw | sort(attribute='0') -%}
        {%- set first = years | min -%}
        {%- set last = years | max -%}
        {%- set earliest = dt.date(first, 1, 1) - dt.timedelta(days=var('max_days_discharge_to_start') | int) -%}
        {%- do out.append({
            'label': (first | string) if first == last else (first ~ '-' ~ last),
            'first_year': first,
            'last_year': last,
            'years': years | sort | list,
            'order': loop.index,
            'plan_discharge_from': dt.date(earliest.year, earliest.month, 1).isoformat(),
            'plan_discharge_to': dt.date(last, 12, 31).isoformat(),
        }) -%}
    {%- endfor -%}
    {{- return(out) -}}
{%- endmacro %}

{% macro cohort_period_of(start_year) -%}
    {#- SQL: the cohort_period label of the start year `start_year` (an SQL expression); null outside every period. -#}
    case
        {%- for p in cohort_periods() %}
        when {{ start_year }} between {{ p.first_year }} and {{ p.last_year }} then '{{ p.label }}'
        {%- endfor %}
    end
{%- endmacro %}

{% macro cohort_period_order_of(cohort_period) -%}
    {#- SQL: the order (1 = earliest) of the cohort_period label `cohort_period` (an SQL expression). -#}
    case {{ cohort_period }}
        {%- for p in cohort_periods() %}
        when '{{ p.label }}' then {{ p.order }}
        {%- endfor %}
    end
{%- endmacro %}

{% macro cohort_periods_relation() -%}
    {#- SQL: the periods as rows (cohort_period, cohort_period_order, first_year, last_year, plan_discharge_from,
        plan_discharge_to), for joins. -#}
    (
        {%- for p in cohort_periods() %}
        select
            cast('{{ p.label }}' as varchar) as cohort_period,
            cast({{ p.order }} as integer) as cohort_period_order,
            cast({{ p.first_year }} as integer) as first_year,
            cast({{ p.last_year }} as integer) as last_year,
            cast('{{ p.plan_discharge_from }}' as date) as plan_discharge_from,
            cast('{{ p.plan_discharge_to }}' as date) as plan_discharge_to
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    )
{%- endmacro %}

{% macro period_start_years() -%}
    {#- The union of the periods' start years (ascending): var start_years when var periods is not set. -#}
    {%- set years = [] -%}
    {%- for p in cohort_periods() -%}
        {%- do years.extend(p.years) -%}
    {%- endfor -%}
    {{- return(years | sort | list) -}}
{%- endmacro %}

{% macro period() -%}
    {#- The derived windows as a dict (dates as 'YYYY-MM-DD', DREAM weeks as 'YYYY-Www', years as numbers), over
        the union of the cohort periods' start years (METHOD §8.10; var start_years when var periods is unset). -#}
    {%- set dt = modules.datetime -%}
    {%- set years = period_start_years() -%}
    {%- if years | length == 0 -%}
        {{ exceptions.raise_compiler_error('var start_years is empty: give the cohort start years, e.g. [2016, 2017]') }}
    {%- endif -%}
    {%- set first = years | min -%}
    {%- set last = years | max -%}
    {%- set earliest = dt.date(first, 1, 1) - dt.timedelta(days=var('max_days_discharge_to_start') | int) -%}
    {%- set discharge_from = dt.date(earliest.year, earliest.month, 1) -%}
    {%- set discharge_to = dt.date(last, 12, 31) -%}
    {%- set weeks_before = [var('year_benefit_weeks_from'), var('near_benefit_weeks_from'),
        - (var('pre_admission_weeks_to') | int)] | min | int -%}
    {%- set first_week_year = (discharge_from + dt.timedelta(days=7 * weeks_before)).isocalendar()[0] -%}
    {%- set weeks_after = outcome_window_end_week(var('outcome_months') | max) -%}
    {%- set last_week_year = (discharge_to + dt.timedelta(days=7 * weeks_after)).isocalendar()[0] -%}
    {{- return({
        'start_years': years,
        'first_start_year': first,
        'last_start_year': last,
        'plan_discharge_from': discharge_from.isoformat(),
        'plan_discharge_to': discharge_to.isoformat(),
        'dream_first_week': '%04d-W01' % first_week_year,
        'dream_last_week': '%04d-W%02d' % (last_week_year, iso_weeks_in_year(last_week_year) | int),
        'register_year_from': first - 11,
        'register_year_to': last + 2,
        'register_date_from': '%04d-01-01' % (first - 11),
        'register_date_to': '%04d-12-31' % (last + 2),
    }) -}}
{%- endmacro %}

{% macro period_value(name) -%}
    {#- One derived window value, e.g. period_value('plan_discharge_from') = '2015-11-01' for [2016, 2017]. -#}
    {{- return(period()[name]) -}}
{%- endmacro %}

{% macro period_register_windows() -%}
    {#- The years each register must hold for the period: register -> {column, from, to, what}. The column is a
        year, a date or a YYWW week (as the raw_audit `years` check reads it). -#}
    {%- set p = period() -%}
    {%- set dt = modules.datetime -%}
    {%- set discharge_from = dt.date.fromisoformat(p.plan_discharge_from) -%}
    {%- set first, last = p.first_start_year, p.last_start_year -%}
    {#- GP contacts are counted var gp_months_before_admission months before the admission month. -#}
    {%- set gp_months = (discharge_from.year * 12 + discharge_from.month - 1) - (var('gp_months_before_admission') | int) -%}
    {%- set employment_months = (discharge_from.year * 12 + discharge_from.month - 1) - (var('employment_months_before') | int) -%}
    {{- return({
        'bef': {'column': 'aar', 'from': discharge_from.year,
            'to': last + (1 if var('residence_status') == 'end_of_year' else 0), 'what': 'status year'},
        'lpr_adm': {'column': 'd_inddto', 'from': first - (var('history_years') | int), 'to': last,
            'what': 'contacts in', 'also': [{'register': 'lpr_a_kontakt', 'column': 'kont_starttidspunkt'}]},
        'ges': {'column': 'd_ydelse', 'from': first, 'to': last, 'what': 'services in'},
        'bfl': {'column': 'aar', 'from': employment_months // 12, 'to': last, 'what': 'employment year'},
        'ind': {'column': 'aar', 'from': first - 1, 'to': last - 1, 'what': 'income year'},
        'udda': {'column': 'aar', 'from': first, 'to': last, 'what': 'education year'},
        'sssy': {'column': 'honuge', 'from': gp_months // 12, 'to': last, 'what': 'billing weeks of'},
    }) -}}
{%- endmacro %}

{% macro period_register_years(register) -%}
    {#- The raw_audit `years` argument of one register (sources yml): its period window, except for lpr_adm (LPR2,
        contacts until February 2019), which must hold the admissions of the plan years up to 2019; its history
        years (and LPR3's) are checked by check_extract_windows over LPR2 and LPR3 together. -#}
    {%- set window = period_register_windows()[register] -%}
    {%- if register == 'lpr_adm' -%}
        {%- set p = period() -%}
        {{- return({'column': 'd_inddto', 'from': p.plan_discharge_from[:4] | int,
            'to': [p.last_start_year, 2019] | min, 'what': 'admissions in'}) -}}
    {%- endif -%}
    {{- return({'column': window.column, 'from': window.from, 'to': window.to, 'what': window.what}) -}}
{%- endmacro %}

{% macro check_extract_windows() -%}
    {#- on-run-start, after create_raw_views: before any model runs, compare the period's windows with what the
        extract holds and stop with ONE message listing each register and its missing years or DREAM weeks (and
        missing years of seed municipality_area_population, the density). Runs only when the invocation selects a
        model (a run of seeds or source checks alone, e.g. the raw-input tests, is not gated); var
        check_extract_windows: false switches it off. -#}
    {%- if execute and var('check_extract_windows', true) and period_selects_a_model() -%}
        {%- set p = period() -%}
        {%- set problems = [] -%}
        {%- for register, window in period_register_windows().items() -%}
            {%- set columns = adapter.get_columns_in_relation(api.Relation.create(schema='raw', identifier=register))
                | map(attribute='name') | map('lower') | list -%}
            {%- if columns == ['no_files'] -%}
                {%- do problems.append(register ~ ': no Parquet files (needs ' ~ window.what ~ ' '
                    ~ window.from ~ '-' ~ window.to ~ ')') -%}
            {%- else -%}
                {%- if window.column == 'honuge' -%}
                    {%- set year_of = '2000 + try_cast(left(honuge, 2) as integer)' -%}
                {%- elif window.column.startswith('d_') -%}
                    {%- set year_of = 'year(' ~ window.column ~ ')' -%}
                {%- else -%}
                    {%- set year_of = window.column -%}
                {%- endif -%}
                {#- The distinct values first, then their years: a YYWW week is parsed once per value, not per
                    row (population-sized sssy: 2.1 s -> 0.4 s). -#}
                {%- set scans = ['select ' ~ year_of ~ ' as y from (select distinct ' ~ window.column ~ ' from raw.'
                    ~ register ~ ') as v'] -%}
                {#- Registers continued by another (LPR2 -> LPR3 from March 2019): their years count too. -#}
                {%- for other in window.get('also', []) -%}
                    {%- set other_columns = adapter.get_columns_in_relation(api.Relation.create(schema='raw',
                        identifier=other.register)) | map(attribute='name') | map('lower') | list -%}
                    {%- if other.column in other_columns -%}
                        {%- do scans.append('select year(' ~ other.column ~ ') from raw.' ~ other.register) -%}
                    {%- endif -%}
                {%- endfor -%}
                {%- set present = run_query('select distinct y from (' ~ scans | join(' union all ') ~ ') as years'
                    ~ ' where y between ' ~ window.from ~ ' and ' ~ window.to).columns[0].values()
                    | map('int') | list -%}
                {%- set missing = [] -%}
                {%- for year in range(window.from, window.to + 1) if year not in present -%}
                    {%- do missing.append(year) -%}
                {%- endfor -%}
                {%- if missing -%}
                    {%- do problems.append(register ~ ': no ' ~ window.what ~ ' ' ~ missing | join(', ')
                        ~ ' (' ~ window.column ~ '; the period needs ' ~ window.from ~ '-' ~ window.to ~ ')') -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set dream_columns = adapter.get_columns_in_relation(api.Relation.create(schema='raw', identifier='dream'))
            | map(attribute='name') | map('lower') | list -%}
        {%- set missing_weeks = [] -%}
        {%- for column in dream_week_columns() if column not in dream_columns -%}
            {%- do missing_weeks.append(column) -%}
        {%- endfor -%}
        {%- if dream_columns == ['no_files'] -%}
            {%- do problems.append('dream: no Parquet files (needs week columns ' ~ p.dream_first_week ~ ' .. '
                ~ p.dream_last_week ~ ')') -%}
        {%- elif missing_weeks -%}
            {%- do problems.append('dream: ' ~ missing_weeks | length ~ ' week columns missing: '
                ~ period_week_ranges(missing_weeks) ~ ' (the period needs ' ~ p.dream_first_week ~ ' .. '
                ~ p.dream_last_week ~ ')') -%}
        {%- endif -%}
        {%- set seed_years = period_seed_years('municipality_area_population', 'year') -%}
        {%- set missing_density = [] -%}
        {%- for year in p.start_years if year not in seed_years -%}
            {%- do missing_density.append(year) -%}
        {%- endfor -%}
        {%- set carried = [] -%}
        {%- if var('density_carry_forward') -%}
            {%- for year in missing_density if seed_years | select('lt', year) | list -%}
                {%- do carried.append(year) -%}
            {%- endfor -%}
            {%- for year in carried -%}
                {%- do missing_density.remove(year) -%}
            {%- endfor -%}
            {%- if carried -%}
                {{ log('WARNING (var density_carry_forward): no land area and population for ' ~ carried | join(', ')
                    ~ ' in seed municipality_area_population; the latest earlier year ('
                    ~ seed_years | max ~ ' at most) is carried forward', info=true) }}
            {%- endif -%}
        {%- endif -%}
        {%- if missing_density -%}
            {%- do problems.append('seed municipality_area_population: no land area and population for '
                ~ missing_density | join(', ') ~ ' (the density of the start year; add the year from Statistics'
                ~ ' Denmark ARE207 / FOLK1A, or set var density_carry_forward: true)') -%}
        {%- endif -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error('The extract does not cover the period of var '
                ~ ('periods' if var('periods', none) else 'start_years') ~ ' '
                ~ p.start_years | join('/') ~ ' (METHOD §0): ' ~ problems | join('; ')) }}
        {%- endif -%}
        {{ log('Period ' ~ p.start_years | join('/') ~ ': every register covers its window (METHOD §0)') }}
    {%- endif -%}
    select 1
{%- endmacro %}

{% macro period_selects_a_model() -%}
    {#- True when the invocation runs at least one model (selected_resources lists unique ids). -#}
    {%- for unique_id in selected_resources if unique_id.startswith('model.') -%}
        {{- return(true) -}}
    {%- endfor -%}
    {{- return(false) -}}
{%- endmacro %}

{% macro period_seed_years(seed_name, column) -%}
    {#- The distinct years of a seed's CSV file, read directly (at on-run-start the seed may not be loaded). -#}
    {%- for node in graph.nodes.values() if node.resource_type == 'seed' and node.name == seed_name -%}
        {%- set path = node.root_path ~ '/' ~ node.original_file_path -%}
        {{- return(run_query('select distinct cast(' ~ column ~ ' as integer) from read_csv(' ~ dbt.string_literal(path)
            ~ ', header = true)').columns[0].values() | map('int') | list) -}}
    {%- endfor -%}
    {{- return([]) -}}
{%- endmacro %}

{% macro period_week_ranges(columns) -%}
    {#- Consecutive DREAM columns (in window order) as 'y_1401..y_1452, y_1801' for a short message. -#}
    {%- set all = dream_week_columns() -%}
    {%- set ranges = [] -%}
    {%- set ns = namespace(start=none, prev=-2) -%}
    {%- for column in columns -%}
        {%- set i = all.index(column) -%}
        {%- if i != ns.prev + 1 -%}
            {%- if ns.start is not none -%}{% do ranges.append(ns.start ~ ('..' ~ all[ns.prev] if all[ns.prev] != ns.start else '')) %}{%- endif -%}
            {%- set ns.start = column -%}
        {%- endif -%}
        {%- set ns.prev = i -%}
    {%- endfor -%}
    {%- if ns.start is not none -%}{% do ranges.append(ns.start ~ ('..' ~ all[ns.prev] if all[ns.prev] != ns.start else '')) %}{%- endif -%}
    {{- return(ranges | join(', ')) -}}
{%- endmacro %}

{% macro period_resolve_bounds(checks) -%}
    {#- raw_audit checks with their `period.<name>` bounds replaced by the period's values (dates as SQL dates; SQL after
        the name is kept, e.g. `period.register_date_to + interval 1 day` for a timestamp column). -#}
    {%- set p = period() -%}
    {%- set resolved = {} -%}
    {%- for column, check in checks.items() -%}
        {%- set out = {} -%}
        {%- for kind, arguments in check.items() -%}
            {%- if kind in ('range', 'yyww') -%}
                {%- set bounds = [] -%}
                {%- for bound in arguments -%}
                    {%- if bound is string and bound.startswith('period.') -%}
                        {#- 'period.<name>' optionally followed by SQL, e.g. 'period.register_date_to + interval 1 day' -#}
                        {%- set name, rest = (bound[7:] ~ ' ').split(' ', 1) -%}
                        {%- set value = p[name] -%}
                        {%- do bounds.append(("cast('" ~ value ~ "' as date)" if value is string else value | string) ~ (' ' ~ rest.strip() if rest.strip() else '')) -%}
                    {%- else -%}
                        {%- do bounds.append(bound) -%}
                    {%- endif -%}
                {%- endfor -%}
                {%- do out.update({kind: bounds}) -%}
            {%- else -%}
                {%- do out.update({kind: arguments}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do resolved.update({column: out}) -%}
    {%- endfor -%}
    {{- return(resolved) -}}
{%- endmacro %}
