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
)

select * from renamed
