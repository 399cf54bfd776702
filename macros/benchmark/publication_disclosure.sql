{#- Disclosure control of the public marts (METHOD §7): the marts read their counts from the suppressed cells
    (int_publication_cells_suppressed) and publish a count only when its cell is not suppressed, a share only when
    its numerator and denominator cells are both published (at the suppression's fixed point a complement is never
    the only suppressed cell of its relation, so a published numerator and denominator imply a published
    complement). -#}

{% macro publication_cells_pivot(population, cells, key='area', where=none) -%}
    {#- One row per cohort period and `key` (area, or level_name for the attrition steps) of a population (the
        cells of one period are never mixed with another's); for each alias of
        `cells` (alias -> [breakdown, level_name or none = the key, measure]) the unsuppressed count
        <alias>_persons (0 where no cell: nobody counted) and <alias>_hidden (suppressed). -#}
    select
        cohort_period,
        {{ key }},
        {%- for alias, cell in cells.items() %}
            {%- set condition -%}
                breakdown = '{{ cell[0] }}'{% if cell[1] is not none %} and level_name = '{{ cell[1] }}'{% endif %}
                and measure = '{{ cell[2] }}'
            {%- endset %}
            coalesce(max(persons) filter (where {{ condition }}), 0) as {{ alias }}_persons,
            coalesce(bool_or(is_suppressed) filter (where {{ condition }}), false) as {{ alias }}_hidden
            {{- ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('int_publication_cells_suppressed') }}
    where population = '{{ population }}'{% if where %} and ({{ where }}){% endif %}
    group by cohort_period, {{ key }}
{%- endmacro %}

{% macro disclosed_count(alias, relation='cells') -%}
    case when not {{ relation }}.{{ alias }}_hidden then cast({{ relation }}.{{ alias }}_persons as integer) end
{%- endmacro %}

{% macro disclosed_share(numerator, denominator, relation='cells') -%}
    case
        when
            not ({{ relation }}.{{ numerator }}_hidden or {{ relation }}.{{ denominator }}_hidden)
            and {{ relation }}.{{ denominator }}_persons > 0
            then 100.0 * {{ relation }}.{{ numerator }}_persons / {{ relation }}.{{ denominator }}_persons
    end
{%- endmacro %}

{% macro disclosed_any_hidden(aliases, relation='cells') -%}
    {#- The row flag: a count or share of the row is withheld by disclosure control. -#}
    (
        {%- for alias in aliases %}
        {{ relation }}.{{ alias }}_hidden{{ ' or' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro publication_trajectory_months() -%}
    {#- The months of Bilag 2 Tabel 2 (start, the headline month, 6 months) that var outcome_months measures. -#}
    {%- set measured = [0] + var('outcome_months') %}
    {{ return([0, var('headline_month'), 6] | unique | select('in', measured) | list) }}
{%- endmacro %}

{% macro publication_benchmark_months() -%}
    {#- The horizons whose municipality benchmark is public (METHOD §6.5–6.6): the report's 2, headline and 6
        months, as far as var benchmark_horizons fits them. -#}
    {{ return([2, var('headline_month'), 6] | unique | select('in', var('benchmark_horizons')) | sort | list) }}
{%- endmacro %}

{% macro publication_lost_pairs(person_months) -%}
    {#- The month pairs [a, b] (a < b) of the cells lost_m<a>_m<b> (METHOD §7): every month paired with the headline
        month, whose determinable courses are all the analysed ones (§1.9), so that lost = persons at the headline
        month − persons at the other month is a count of courses (never negative); without the headline month
        among them, consecutive months. -#}
    {%- set h = var('headline_month') %}
    {%- set pairs = [] %}
    {%- if h in person_months %}
        {%- for m in person_months if m != h %}
            {%- do pairs.append([m, h] if m < h else [h, m]) %}
        {%- endfor %}
    {%- else %}
        {%- for i in range(person_months | length - 1) %}
            {%- do pairs.append([person_months[i], person_months[i + 1]]) %}
        {%- endfor %}
    {%- endif %}
    {{ return(pairs) }}
{%- endmacro %}

{% macro publication_lost_relation(a, b) -%}
    {#- The relation of lost_m<a>_m<b>: [name, total, parts] — the headline month's persons (or the earlier
        month's, without the headline month) = the other month's persons + those lost. -#}
    {%- set lost = 'lost_m' ~ a ~ '_m' ~ b %}
    {%- if b == var('headline_month') %}
        {{ return([lost, 'determinable_m' ~ b, ['determinable_m' ~ a, lost]]) }}
    {%- else %}
        {{ return([lost, 'determinable_m' ~ a, ['determinable_m' ~ b, lost]]) }}
    {%- endif %}
{%- endmacro %}
