{% macro period_cells_by_period() -%}
    {#- True when the publication cells (int_publication_cells_suppressed) carry cohort_period (the cells per
        cohort period, METHOD §8.10), read from the model's documented columns. -#}
    {%- if not execute or graph.nodes is not defined -%}
        {#- parsing, or a unit test (no graph): the single period's cells -#}
        {{- return(false) -}}
    {%- endif -%}
    {%- for node in graph.nodes.values() if node.name == 'int_publication_cells_suppressed' -%}
        {{- return('cohort_period' in node.columns) -}}
    {%- endfor -%}
    {{- return(false) -}}
{%- endmacro %}

{% macro period_benchmark_cells() -%}
    {#- METHOD §8.10, §7: per cohort period and area (municipality code or 'national') the disclosure-controlled
        counts of the headline month's benchmark: persons_m<h>_persons/_hidden (determinable outcome) and
        on_m<h>_persons/_hidden (on public benefits), from the suppressed publication cells (the same cells as
        Bilag 2 Tabel 1). The cells are per cohort period when int_publication_cells_suppressed carries
        cohort_period; with a single period (the default) they are that period's. Several periods with cells that
        are not per period stop the build (the counts would mix the periods). -#}
    {%- set h = var('headline_month') -%}
    {%- if period_cells_by_period() -%}
        {{ publication_cells_pivot('courses', benchmark_cell_map([h]), key='cohort_period, area', where="breakdown = 'all'") }}
    {%- elif cohort_periods() | length == 1 or not execute -%}
        select '{{ cohort_periods()[0].label }}' as cohort_period, *
        from ({{ publication_cells_pivot('courses', benchmark_cell_map([h]), where="breakdown = 'all'") }}) as cells
    {%- elif var('periods_unchecked_disclosure', false) -%}
        {#- A private check only (not for publication): the counts of the pooled fit, primary suppression only. -#}
        {%- set m = var('disclosure_max_persons') -%}
        select
            cohort_period,
            area,
            persons as persons_m{{ h }}_persons,
            persons between 1 and {{ m }} as persons_m{{ h }}_hidden,
            observed as on_m{{ h }}_persons,
            observed between 1 and {{ m }} or persons - observed between 1 and {{ m }} as on_m{{ h }}_hidden
        from (
            select
                cohort_period,
                coalesce(cast(municipality_code as varchar), 'national') as area,
                sum(persons) as persons,
                sum(observed) as observed
            from {{ ref('int_municipality_periods_pooled') }}
            where is_benchmarked
            group by grouping sets ((cohort_period, municipality_code), (cohort_period))
        ) as counted
    {%- else -%}
        {{ exceptions.raise_compiler_error('The publication marts of METHOD §8.10 need the publication cells per cohort'
            ~ ' period (int_publication_cells_suppressed with column cohort_period) when var periods lists several'
            ~ ' periods (var periods_unchecked_disclosure: true builds them for a private check only)') }}
    {%- endif -%}
{%- endmacro %}
