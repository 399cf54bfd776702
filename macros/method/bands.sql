{% macro band(expr, variable, levels='casemix_bands', null_as_reference=false) -%}
    {#-
        Map a number to its band (METHOD §4) from the case-mix spec (seeds casemix_variables/casemix_levels, as
        the relation `levels`: variable_name, level_value, level_order, band_edge, band_closed):
        closed on the left (band_edge = the band's lower bound; the first band, without an edge, also takes
        values below the first edge) or on the right (band_edge = the band's upper bound, e.g. density <= 100;
        the last band has none). NULL stays NULL, or is the reference level when null_as_reference.
    -#}
    case
        when ({{ expr }}) is null then
            {%- if null_as_reference %}
                (select min_by(level_value, level_order) from {{ levels }} where variable_name = '{{ variable }}')
            {%- else %} null
            {%- endif %}
        else coalesce(
            (
                select
                    case when max(band_closed) = 'right'
                        then min_by(level_value, band_edge) filter (where band_edge >= ({{ expr }}))
                        else max_by(level_value, band_edge) filter (where band_edge <= ({{ expr }}))
                    end
                from {{ levels }}
                where variable_name = '{{ variable }}'
            ),
            (
                select
                    case when max(band_closed) = 'right'
                        then max_by(level_value, level_order)
                        else min_by(level_value, level_order)
                    end
                from {{ levels }}
                where variable_name = '{{ variable }}'
            )
        )
    end
{%- endmacro %}
