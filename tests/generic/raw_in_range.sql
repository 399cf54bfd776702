{#- Values (dates or numbers) lie within [min_value, max_value]; bounds are SQL literals or expressions. -#}
{% test raw_in_range(model, column_name, min_value, max_value) %}
    {% set failures %}
        select distinct cast({{ column_name }} as varchar) as example
        from {{ model }}
        where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
    {% endset %}
    {%- set bounds = (min_value ~ ' .. ' ~ max_value) | replace("cast('", "") | replace("' as date)", "") %}
    {{ bad_input_summary(register_name(model), column_name, 'value outside ' ~ bounds, failures) }}
{% endtest %}
