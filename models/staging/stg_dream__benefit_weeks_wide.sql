{#- Only the week columns of the analysis window (the period's DREAM weeks, macro period(), METHOD §0). -#}
{% set week_columns = dream_week_columns() -%}

with source as (
    select * from {{ ref('base_dream__read_rows') }}
),

renamed as (
    select
        {% for column in week_columns %}
            nullif(trim(cast({{ column }} as varchar)), '') as {{ column }},
        {% endfor %}
        cast(pnr as varchar) as person_id
    from source
)

select * from renamed
