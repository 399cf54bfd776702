{#-
    One contact history whatever the register's version, in LPR2's shape (lpr_version keeps the origin):
    - LPR2 contacts as they are; musculoskeletal (METHOD §1.1) = DRG MDC in var msk_mdc_codes.
    - LPR3 contacts (no DRG group): admission / discharge date = the date of the start / end timestamp (an open
      contact ends on its start day); patient type `0` (inpatient) when the contact type is a physical
      attendance (seed lpr3_codes) lasting var lpr3_inpatient_min_hours hours or more, else `2`; admission
      urgency = the LPR2 code of the priority (seed lpr3_codes), `2` when not listed; specialty = the c_spec
      of seed hospital_specialties whose specialty_name is the unit's main specialty (case-insensitive),
      else the name itself (then unmapped); action diagnosis = the type-A diagnosis (the first, if several);
      musculoskeletal = the action diagnosis, or for an administrative action diagnosis (seed diagnosis_groups)
      any secondary diagnosis (var secondary_diagnosis_types), in a range of seed lpr3_msk_diagnoses.
-#}
with lpr2_contacts as (
    {{ read_contacts_only(ref('stg_lpr__read_contacts'), 'LPR2') }}
),

lpr3_contacts as (
    {{ read_contacts_only(ref('stg_lpr3__contacts'), 'LPR3') }}
),

diagnoses as (
    select * from {{ ref('int_hospital_diagnoses_unioned') }}
    where lpr_version = 'LPR3'
),

lpr3_codes as (
    select * from {{ ref('lpr3_codes') }}
),

msk_ranges as (
    select * from {{ ref('lpr3_msk_diagnoses') }}
),

diagnosis_groups as (
    select * from {{ ref('diagnosis_groups') }}
),

specialties as (
    select * from {{ ref('hospital_specialties') }}
),

lpr3_action as (
    select
        contact_id,
        min(diagnosis_code) as action_diagnosis_code
    from diagnoses
    where diagnosis_type_code = 'A'
    group by contact_id
),

lpr3_msk_codes as (
    select distinct
        diagnoses.contact_id,
        diagnoses.diagnosis_type_code
    from diagnoses
    inner join msk_ranges
        on left(diagnoses.diagnosis_code, 4) between msk_ranges.icd10_from and msk_ranges.icd10_to
),

lpr3_administrative as (
    select distinct lpr3_action.contact_id
    from lpr3_action
    inner join diagnosis_groups
        on left(lpr3_action.action_diagnosis_code, 4) between diagnosis_groups.icd10_from and diagnosis_groups.icd10_to
    where diagnosis_groups.is_administrative
),

lpr3_msk as (
    select contact_id
    from lpr3_msk_codes
    where diagnosis_type_code = 'A'
    union
    select lpr3_msk_codes.contact_id
    from lpr3_msk_codes
    inner join lpr3_administrative
        on lpr3_msk_codes.contact_id = lpr3_administrative.contact_id
    where lpr3_msk_codes.diagnosis_type_code in ({{ sql_list(var('secondary_diagnosis_types')) }})
),

lpr3_mapped as (
    select
        lpr3_contacts.contact_id,
        lpr3_contacts.person_id,
        cast(lpr3_contacts.contact_start_at as date) as admission_date,
        cast(coalesce(lpr3_contacts.contact_end_at, lpr3_contacts.contact_start_at) as date) as discharge_date,
        case
            when
                attendance.lpr3_code is not null
                and date_diff('minute', lpr3_contacts.contact_start_at, lpr3_contacts.contact_end_at)
                >= 60 * {{ var('lpr3_inpatient_min_hours') }}
                then attendance.lpr2_code
            else '2'
        end as patient_type_code,
        coalesce(priority.lpr2_code, '2') as admission_urgency_code,
        coalesce(specialties.c_spec, lpr3_contacts.specialty_name) as specialty_code,
        lpr3_action.action_diagnosis_code,
        cast(null as varchar) as mdc_code,
        lpr3_msk.contact_id is not null as is_msk_contact,
        'LPR3' as lpr_version
    from lpr3_contacts
    left join lpr3_codes as attendance
        on
            lpr3_contacts.contact_type_code = attendance.lpr3_code
            and attendance.rule = 'physical_attendance'
    left join lpr3_codes as priority
        on
            lpr3_contacts.priority_code = priority.lpr3_code
            and priority.rule = 'priority'
    left join specialties
        on lower(lpr3_contacts.specialty_name) = lower(specialties.specialty_name)
    left join lpr3_action
        on lpr3_contacts.contact_id = lpr3_action.contact_id
    left join lpr3_msk
        on lpr3_contacts.contact_id = lpr3_msk.contact_id
),

unioned as (
    select
        contact_id,
        person_id,
        admission_date,
        discharge_date,
        patient_type_code,
        admission_urgency_code,
        specialty_code,
        action_diagnosis_code,
        mdc_code,
        coalesce(mdc_code in ({{ sql_list(var('msk_mdc_codes')) }}), false) as is_msk_contact,
        'LPR2' as lpr_version
    from lpr2_contacts
    union all
    select * from lpr3_mapped
)

select * from unioned
