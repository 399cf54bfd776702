{#-
    The SKS codes where rehabilitation plans are registered, whatever the register's version (lpr_version keeps
    the origin): LPR2's additional codes (lpr_sksube) and LPR3's other procedures (lpr_a_procedure_andre),
    registered on the date of their start.
-#}
with lpr2_codes as (
    {{ read_contacts_only(ref('stg_lpr__examinations_treatments'), 'LPR2') }}
),

lpr3_procedures as (
    {{ read_contacts_only(ref('stg_lpr3__procedures'), 'LPR3') }}
),

unioned as (
    select
        contact_id,
        sks_code,
        registration_date,
        'LPR2' as lpr_version
    from lpr2_codes
    union all
    select
        contact_id,
        procedure_code as sks_code,
        cast(procedure_start_at as date) as registration_date,
        'LPR3' as lpr_version
    from lpr3_procedures
    where procedure_table = 'andre'
)

select * from unioned
