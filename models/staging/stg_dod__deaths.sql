with source as (
    select * from {{ source('raw', 'dod') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(doddato as date) as death_date
    from source
)

select * from renamed
