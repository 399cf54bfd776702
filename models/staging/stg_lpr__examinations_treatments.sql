with source as (
    select * from {{ source('raw', 'lpr_sksube') }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(c_opr as varchar) as sks_code,
        cast(d_odto as date) as registration_date
    from source
)

select * from renamed
