with source as (
    select * from {{ source('raw', 'lpr_a_diagnose') }}
),

renamed as (
    select
        cast(dw_ek_kontakt as varchar) as contact_id,
        cast(diag_kode as varchar) as diagnosis_code,
        cast(diag_kode_type as varchar) as diagnosis_type_code,
        coalesce(cast(senere_afkraeftet as varchar) = 'Ja', false) as is_retracted
    from source
)

select * from renamed
