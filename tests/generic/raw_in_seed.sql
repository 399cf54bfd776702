{#- A code column's values exist in a code-list seed (unknown codes are data errors). -#}
{% test raw_in_seed(model, column_name, seed, seed_column) %}
    {% set failures %}
        select distinct '''' || cast(raw.{{ column_name }} as varchar) || '''' as example
        from {{ model }} as raw
        where raw.{{ column_name }} is not null
          and cast(raw.{{ column_name }} as varchar) not in (
              select cast(codes.{{ seed_column }} as varchar) from {{ ref(seed) }} as codes
          )
    {% endset %}
    {{ bad_input_summary(register_name(model), column_name, 'unknown code (not in seed ' ~ seed ~ ')', failures) }}
{% endtest %}
