{% macro band(expr, variable, bands='casemix_bands', null_as_reference=false) -%}
    {#-
        Map a number to its band (METHOD §4) from the case-mix spec (seeds casemix_variables/casemix_levels).
        `bands` is a one-row relation with one column per banded variable: {closed, edges, first, last}:
        edges = the (band_edge, level_value) pairs with an edge, sorted by edge; first/last = the levels of
        the lowest/highest level_order. Closed on the left (band_edge = the band's lower bound): the level of
        the largest edge <= value; below the first edge, the first level. Closed on the right (band_edge = the
        band's upper bound, e.g. density <= 100): the level of the smallest edge >= value; above the last
        edge, the last level. NULL stays NULL, or is the reference (first) level when null_as_reference.
        One list filter per row on a one-row spec (cross joined), not a lookup subquery per row.
    -#}
    {%- set spec = bands ~ '.' ~ variable -%}
    case
        when ({{ expr }}) is null then {{ spec ~ '.first' if null_as_reference else 'null' }}
        when {{ spec }}.closed = 'right'
            then coalesce(list_filter({{ spec }}.edges, edge -> edge.band_edge >= ({{ expr }}))[1].level_value, {{ spec }}.last)
        else coalesce(list_filter({{ spec }}.edges, edge -> edge.band_edge <= ({{ expr }}))[-1].level_value, {{ spec }}.first)
    end
{%- endmacro %}
