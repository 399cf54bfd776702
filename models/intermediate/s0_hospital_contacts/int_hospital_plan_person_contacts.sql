{#-
    Every hospital contact, LPR2 and LPR3, of a person with a rehabilitation plan code on any contact
    (int_hospital_plan_contacts): the hospital history the method reads (METHOD §0.1). The other hospital
    models keep only these contacts, and the raw audits check these persons' rows (var raw_audit_rows). The
    LPR2 contacts are base_lpr_adm__read_rows' (lpr_adm read once for these persons; its keys as in
    stg_lpr__contacts), the LPR3 ones are selected here.
-#}
with plan_contacts as (
    select * from {{ ref('int_hospital_plan_contacts') }}
),

lpr2_read_contacts as (
    select
        cast(recnum as varchar) as contact_id,
        cast(pnr as varchar) as person_id
    from {{ ref('base_lpr_adm__read_rows') }}
),

lpr3_contacts as (
    select * from {{ ref('stg_lpr3__contacts') }}
),

plan_persons as (
    select distinct person_id
    from plan_contacts
    where person_id is not null
),

final as (
    select
        contact_id,
        person_id,
        'LPR2' as lpr_version
    from lpr2_read_contacts
    union all
    select
        lpr3_contacts.contact_id,
        lpr3_contacts.person_id,
        'LPR3' as lpr_version
    from lpr3_contacts
    inner join plan_persons
        on lpr3_contacts.person_id = plan_persons.person_id
)

select * from final
