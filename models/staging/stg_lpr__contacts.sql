with source as (
    select * from {{ source('raw', 'lpr_adm') }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(pnr as varchar) as person_id,
        cast(d_inddto as date) as admission_date,
        cast(d_uddto as date) as discharge_date,
        cast(c_pattype as varchar) as patient_type_code,
        cast(c_indm as varchar) as admission_urgency_code,
        cast(c_spec as varchar) as specialty_code,
        cast(c_adiag as varchar) as action_diagnosis_code,
        cast(c_mdc as varchar) as mdc_code
    from source
)

select * from renamed
