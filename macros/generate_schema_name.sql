{#-
    Schemas are named for what they hold (codes, staging, intermediate, restricted, benchmark,
    publication), not prefixed with the target schema: analysts query `publication.…` directly.
    Models without a custom schema land in the target schema (main).
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{- (custom_schema_name or target.schema) | trim -}}
{%- endmacro %}
