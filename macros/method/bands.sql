{% macro band(expr, edges, labels, closed='left') -%}
    {#-
        Map a number to a band label. `edges` are the inner cut points, `labels` has one label more.
        closed='left': [.., e1) [e1, e2) .. [ek, ..)  (bands "closed on the left, as printed").
        closed='right': (.., e1] (e1, e2] .. (ek, ..)  (bands printed as upper bounds, e.g. <= 100).
        NULL stays NULL.
    -#}
    {%- if (labels | length) != (edges | length) + 1 -%}
        {{ exceptions.raise_compiler_error('band(): need one label more than edges, got ' ~ edges ~ ' / ' ~ labels) }}
    {%- endif -%}
    case
        when ({{ expr }}) is null then null
        {%- for i in range(edges | length, 0, -1) %}
        when ({{ expr }}) {{ '>=' if closed == 'left' else '>' }} {{ edges[i - 1] }} then '{{ labels[i] }}'
        {%- endfor %}
        else '{{ labels[0] }}'
    end
{%- endmacro %}
