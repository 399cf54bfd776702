{#- Small generic tests for the method models (no dbt packages in this project). -#}

{% test method_in_range(model, column_name, min_value=none, max_value=none) %}
    {#- Fails on rows whose value lies outside [min_value, max_value]; NULL passes (test not_null separately). -#}
    select {{ column_name }} as failing_value
    from {{ model }}
    where {{ column_name }} is not null
      and (
        false
        {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
        {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
      )
{% endtest %}

{% test method_unique_combination(model, columns) %}
    {#- Fails on every combination of `columns` that occurs more than once. -#}
    select {{ columns | join(', ') }}, count(*) as n_rows
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{% test method_expression_true(model, expression, column_name=none) %}
    {#- Fails on rows where the boolean SQL expression is not true. -#}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
{% endtest %}

{% test casemix_level(model, column_name, variable) %}
    {#- Fails on values that are not a level of the case-mix variable in seed casemix_levels (METHOD §4). -#}
    select {{ column_name }} as failing_value
    from {{ model }}
    where
        {{ column_name }} is not null
        and cast({{ column_name }} as varchar) not in (
            select level_value from {{ ref('casemix_levels') }} where variable_name = '{{ variable }}'
        )
{% endtest %}
