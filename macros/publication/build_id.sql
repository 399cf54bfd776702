{#-
    The id of the build that wrote a public mart (var `build_id`, set by the build orchestration rtw_build;
    'unpublished' for a plain `dbt build`). Every public mart selects it as column `build_id`, so a reader
    can refuse a publication that mixes builds (report/provenance.py).
-#}
{% macro build_id() %}
    {{- return("cast(" ~ dbt.string_literal(var('build_id', 'unpublished')) ~ " as varchar)") -}}
{% endmacro %}
