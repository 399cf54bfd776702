with source as (
    select * from {{ ref('base_bfl__read_rows') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(aar as integer) as employment_year,
        cast(mdr as integer) as employment_month,
        make_date(cast(aar as integer), cast(mdr as integer), 1) as employment_month_date,
        cast(ajo_arbnr_senr as varchar) as workplace_id,
        cast(ajo_loentimer as double) as paid_hours,
        cast(ajo_branche07 as varchar) as db07_code,
        left(cast(ajo_branche07 as varchar), 2) as db07_division
    from source
)

select * from renamed
