with source as (
    select * from {{ ref('base_udda__read_rows') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(aar as integer) as education_year,
        cast(hfaudd as varchar) as hfaudd_code
    from source
)

select * from renamed
