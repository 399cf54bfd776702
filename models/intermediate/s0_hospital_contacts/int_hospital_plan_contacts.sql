{#-
    The hospital contacts on which a rehabilitation plan code is registered (int_hospital_examinations_treatments_
    unioned: LPR2 lpr_sksube, LPR3 lpr_a_procedure_andre), with the person of the contact. An LPR2 registration
    whose contact is not in lpr_adm has no person (NULL): its test stops the build, since that plan would otherwise
    be lost without a word (the LPR2 audits read only the contacts of persons with a plan). An LPR3 registration
    counts only on a contact the method reads (reported through var lpr3_reporting_systems, stg_lpr3__contacts);
    one on a contact missing from lpr_a_kontakt stops raw_audit_lpr_a_procedure_andre. The persons here are the
    persons whose register rows the method reads (METHOD §0.1).
-#}
with registrations as (
    select * from {{ ref('int_hospital_examinations_treatments_unioned') }}
),

lpr2_contacts as (
    select * from {{ ref('stg_lpr__contacts') }}
),

lpr3_contacts as (
    select * from {{ ref('stg_lpr3__contacts') }}
),

registered as (
    select distinct
        contact_id,
        lpr_version
    from registrations
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
