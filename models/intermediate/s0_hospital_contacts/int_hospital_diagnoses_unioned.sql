{#-
    One diagnosis history whatever the register's version: LPR2 diagnoses as they are, LPR3 diagnoses that were
    not later retracted with their type read as LPR2's (seed lpr3_diagnosis_types: A action, B secondary).
    lpr_version keeps the origin.
-#}
with lpr2_diagnoses as (
    {{ read_contacts_only(ref('stg_lpr__diagnoses'), 'LPR2') }}
),

lpr3_diagnoses as (
    {{ read_contacts_only(ref('stg_lpr3__diagnoses'), 'LPR3') }}
),

lpr3_types as (
    select * from {{ ref('lpr3_diagnosis_types') }}
),

unioned as (
    select
        contact_id,
        diagnosis_code,
        diagnosis_type_code,
        'LPR2' as lpr_version
    from lpr2_diagnoses
    union all
    select
        lpr3_diagnoses.contact_id,
        lpr3_diagnoses.diagnosis_code,
        lpr3_types.diagnosis_type_code,
        'LPR3' as lpr_version
    from lpr3_diagnoses
    inner join lpr3_types
        on lpr3_diagnoses.diagnosis_type_code = lpr3_types.diag_kode_type
    where not lpr3_diagnoses.is_retracted
)

select * from unioned
