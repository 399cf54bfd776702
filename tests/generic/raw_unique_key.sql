{#- The register's key (one or more columns) identifies a row: no duplicates. -#}
{% test raw_unique_key(model, columns) %}
    {% set key = columns | join(', ') %}
    {% set failures %}
        select concat_ws(' / ', {% for c in columns %}cast({{ c }} as varchar){% if not loop.last %}, {% endif %}{% endfor %})
            || ' appears ' || cast(count(*) as varchar) || ' times' as example
        from {{ model }}
        group by {{ key }}
        having count(*) > 1
    {% endset %}
    {{ bad_input_summary(register_name(model), key, 'duplicate key', failures) }}
{% endtest %}
