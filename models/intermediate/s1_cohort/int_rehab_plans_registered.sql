{#-
    Every rehabilitation plan registered in LPR (seed rehab_plan_codes), any type and any diagnosis,
    one row per hospital contact. A contact with a general plan code is a general plan (Decision: a
    contact carrying both a general and a specialised code counts as general). The plan's registration
    date is the first registration of a code of the plan's type.
-#}
with sks_codes as (
    select * from {{ ref('int_hospital_examinations_treatments_unioned') }}
),

plan_codes as (
    select * from {{ ref('rehab_plan_codes') }}
),

contacts as (
    select * from {{ ref('int_hospital_contacts_unioned') }}
),

plan_registrations as (
    select
        sks_codes.contact_id,
        sks_codes.registration_date,
        plan_codes.plan_type
    from sks_codes
    inner join plan_codes
        on sks_codes.sks_code = plan_codes.sks_code
),

plans_per_contact as (
    select
        contact_id,
        bool_or(plan_type = 'general') as is_general_plan,
        coalesce(
            min(registration_date) filter (where plan_type = 'general'),
            min(registration_date)
        ) as plan_registration_date,
        case
            when bool_or(plan_type = 'general') then 'general'
            else min(plan_type)
        end as plan_type
    from plan_registrations
    group by contact_id
),

joined as (
    select
        plans_per_contact.contact_id as plan_id,
        plans_per_contact.contact_id,
        contacts.person_id,
        plans_per_contact.plan_type,
        plans_per_contact.is_general_plan,
        plans_per_contact.plan_registration_date,
        contacts.admission_date,
        contacts.discharge_date,
        contacts.patient_type_code,
        contacts.admission_urgency_code,
        contacts.specialty_code,
        contacts.action_diagnosis_code,
        contacts.mdc_code,
        contacts.is_msk_contact
    from plans_per_contact
    inner join contacts
        on plans_per_contact.contact_id = contacts.contact_id
),

final as (
    select * from joined
)

select * from final
