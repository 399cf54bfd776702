with source as (
    select * from {{ ref('base_sssy__read_rows') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(honuge as varchar) as billing_week_yyww,
        {{ yyww_monday('cast(honuge as varchar)') }} as billing_week_monday_date,
        cast(speciale as varchar) as speciale_code,
        left(cast(speciale as varchar), 2) as provider_specialty_code,
        right(cast(speciale as varchar), 4) as service_code,
        cast(ydlant as integer) as service_count
    from source
)

select * from renamed
