{#- A foreign key into another register of the same source exists there (e.g. lpr_diag.recnum in lpr_adm). -#}
{% test raw_in_register(model, column_name, register, register_column) %}
    {% set failures %}
        select distinct '''' || cast(raw.{{ column_name }} as varchar) || '''' as example
        from {{ model }} as raw
        where raw.{{ column_name }} is not null
          and raw.{{ column_name }} not in (
              select parent.{{ register_column }} from {{ source('raw', register) }} as parent
          )
    {% endset %}
    {{ bad_input_summary(register_name(model), column_name, 'no matching ' ~ register_column ~ ' in register ' ~ register, failures) }}
{% endtest %}
