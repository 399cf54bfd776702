{#- A code column holds only the values the data contract lists (NULL allowed unless not_null is tested). -#}
{% test raw_in_set(model, column_name, values) %}
    {% set failures %}
        select distinct '''' || cast({{ column_name }} as varchar) || '''' as example
        from {{ model }}
        where {{ column_name }} is not null
          and cast({{ column_name }} as varchar) not in (
              {%- for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor -%}
          )
    {% endset %}
    {{ bad_input_summary(register_name(model), column_name, 'value not allowed by the data contract', failures) }}
{% endtest %}
