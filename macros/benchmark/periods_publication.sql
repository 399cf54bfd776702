{% macro period_benchmark_cells() -%}
    {#- METHOD §8.10, §7: per cohort period and area (municipality code or 'national') the disclosure-controlled
        counts of the headline month's benchmark: persons_m<h>_persons/_hidden (determinable outcome) and
        on_m<h>_persons/_hidden (on public benefits), from the suppressed publication cells of each period (the
        same cells as Bilag 2 Tabel 1). -#}
    {{ publication_cells_pivot('courses', benchmark_cell_map([var('headline_month')]), where="breakdown = 'all'") }}
{%- endmacro %}
