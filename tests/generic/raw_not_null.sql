{#- A required raw column has no NULL (keys, dates the method needs). -#}
{% test raw_not_null(model, column_name) %}
    {% set failures %}
        select 'row ' || cast(row_number() over () as varchar) as example
        from {{ model }}
        where {{ column_name }} is null
    {% endset %}
    {{ bad_input_summary(register_name(model), column_name, 'NULL value in a required column', failures) }}
{% endtest %}
