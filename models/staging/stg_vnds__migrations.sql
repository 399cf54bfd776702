with source as (
    select * from {{ source('raw', 'vnds') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(haend_dato as date) as migration_date,
        cast(indud_kode as varchar) as migration_direction_code
    from source
)

select * from renamed
