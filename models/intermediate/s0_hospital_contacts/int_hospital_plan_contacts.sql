{#-
    The hospital contacts on which a rehabilitation plan code (seed rehab_plan_codes) is registered, LPR2
    (lpr_sksube) and LPR3 (lpr_a_procedure_andre), with the person of the contact. An LPR2 registration whose
    contact is not in lpr_adm has no person (NULL): its test stops the build, since that plan would otherwise be
    lost without a word (the LPR2 audits read only the contacts of persons with a plan). An LPR3 registration
    counts only on a contact the method reads (reported through var lpr3_reporting_systems, stg_lpr3__contacts);
    one on a contact missing from lpr_a_kontakt stops raw_audit_lpr_a_procedure_andre. The persons here are the
    persons whose register rows the method reads (METHOD §0.1).
-#}
with lpr2_codes as (
    select * from {{ ref('stg_lpr__examinations_treatments') }}
),

lpr3_procedures as (
    select * from {{ ref('stg_lpr3__procedures') }}
),

plan_codes as (
    select * from {{ ref('rehab_plan_codes') }}
),

lpr2_contacts as (
    select * from {{ ref('stg_lpr__contacts') }}
),

lpr3_contacts as (
    select * from {{ ref('stg_lpr3__contacts') }}
),

registered as (
    select distinct
        lpr2_codes.contact_id,
        'LPR2' as lpr_version
    from lpr2_codes
    inner join plan_codes
        on lpr2_codes.sks_code = plan_codes.sks_code
    union
    select distinct
        lpr3_procedures.contact_id,
        'LPR3' as lpr_version
    from lpr3_procedures
    inner join plan_codes
        on lpr3_procedures.procedure_code = plan_codes.sks_code
    where lpr3_procedures.procedure_table = 'andre'
),

contacts as (
    select
        contact_id,
        person_id,
        'LPR2' as lpr_version
    from lpr2_contacts
    union all
    select
        contact_id,
        person_id,
        'LPR3' as lpr_version
    from lpr3_contacts
),

final as (
    select
        registered.contact_id,
        contacts.person_id,
        registered.lpr_version
    from registered
    left join contacts
        on
            registered.contact_id = contacts.contact_id
            and registered.lpr_version = contacts.lpr_version
    where registered.lpr_version = 'LPR2' or contacts.person_id is not null
)

select * from final
