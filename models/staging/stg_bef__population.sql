with source as (
    select * from {{ ref('base_bef__read_rows') }}
),

renamed as (
    select
        cast(pnr as varchar) as person_id,
        cast(aar as integer) as status_year,
        cast(koen as integer) as sex_code,
        cast(foed_dag as date) as birth_date,
        cast(kom as integer) as municipality_code,
        cast(familie_type as integer) as family_type_code,
        cast(ie_type as integer) as origin_type_code,
        cast(opr_land as integer) as country_of_origin_code
    from source
)

select * from renamed
