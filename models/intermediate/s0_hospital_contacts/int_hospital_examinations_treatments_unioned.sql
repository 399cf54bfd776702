{#-
    The SKS codes where rehabilitation plans are registered, whatever the register's version (lpr_version keeps
    the origin): LPR2's additional codes (lpr_sksube) and LPR3's other procedures (lpr_a_procedure_andre),
    registered on the date of their start.
-#}
with read_contacts as (
    select * from {{ ref('int_hospital_plan_person_contacts') }}
),

lpr2_codes as (
    select registered.*
    from {{ ref('stg_lpr__examinations_treatments') }} as registered
    inner join read_contacts
        on registered.contact_id = read_contacts.contact_id
    where read_contacts.lpr_version = 'LPR2'
),

lpr3_procedures as (
    select registered.*
    from {{ ref('stg_lpr3__procedures') }} as registered
    inner join read_contacts
        on registered.contact_id = read_contacts.contact_id
    where read_contacts.lpr_version = 'LPR3'
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
