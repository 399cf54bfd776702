{#- A code column has the data contract's format (a full-match regular expression). -#}
{% test raw_matches_format(model, column_name, pattern, format_name) %}
    {% set failures %}
        select distinct '''' || cast({{ column_name }} as varchar) || '''' as example
        from {{ model }}
        where {{ column_name }} is not null
          and not regexp_full_match(cast({{ column_name }} as varchar), '{{ pattern }}')
    {% endset %}
    {{ bad_input_summary(register_name(model), column_name, 'not a valid ' ~ format_name, failures) }}
{% endtest %}
