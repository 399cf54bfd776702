{#-
    GES has no service key: one row per distinct (pnr, kom, d_ydelse, c_ydelse), with the number of times it
    was delivered. An exact duplicate row is the same service written twice and is removed here; the removed
    rows (delivered_rows - 1) are counted in duplicate_rows_summary and the build warns (METHOD §1.4,
    DATA_CONTRACT "ges"). Two services of a person on one day carry different service codes: two rows.
-#}
{#- A table, not a view: the grouping runs once, and three models read it. -#}
{{ config(materialized='table') }}

with source as (
    select * from {{ source('raw', 'ges') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(kom as integer) as reporting_municipality_code,
        cast(d_ydelse as date) as service_date,
        cast(c_ydelse as varchar) as service_code
    from source
),

deduplicated as (
    select
        person_id,
        reporting_municipality_code,
        service_date,
        service_code,
        count(*) as delivered_rows
    from renamed
    group by person_id, reporting_municipality_code, service_date, service_code
)

select * from deduplicated
