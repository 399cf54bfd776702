with source as (
    select * from {{ ref('base_ind__read_rows') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(aar as integer) as income_year,
        cast(dispon_13 as double) as disposable_income_dkk
    from source
)

select * from renamed
