{% macro sql_list(values) -%}
    {#- A Jinja list as the inside of a SQL `in (...)` or list literal: strings quoted (quotes doubled), numbers
        as they are. The one place where a var's list of codes becomes SQL. -#}
    {%- set items = [] -%}
    {%- for value in values -%}
        {%- if value is number -%}
            {%- do items.append(value | string) -%}
        {%- else -%}
            {%- do items.append("'" ~ (value | string | replace("'", "''")) ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(items | join(', ')) }}
{%- endmacro %}
