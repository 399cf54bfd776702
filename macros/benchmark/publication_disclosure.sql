{#- Disclosure control for the publication marts (METHOD §7): a share based on var disclosure_max_persons
    persons or fewer is not published. -#}

{% macro publication_share(numerator, persons) -%}
    case
        when ({{ persons }}) > {{ var('disclosure_max_persons') }}
            then 100.0 * ({{ numerator }}) / ({{ persons }})
    end
{%- endmacro %}

{% macro publication_is_suppressed(persons_columns) -%}
    {#- True when any of the given denominators is at or below the threshold (the row's flag). -#}
    (
        {%- for p in persons_columns %}
        coalesce({{ p }}, 0) <= {{ var('disclosure_max_persons') }}{{ ' or' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{% macro publication_trajectory_months() -%}
    {#- The months of Bilag 2 Tabel 2 (start, the headline month, 6 months). -#}
    {{ return([0, var('headline_month'), 6] | unique | list) }}
{%- endmacro %}
