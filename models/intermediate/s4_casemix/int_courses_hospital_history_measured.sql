{#-
    §4 hospital-based case-mix of a started course:
    - is_operated: a procedure of SKS chapter var surgery_sks_prefix on any contact of the person dated
      within var operation_days_before_plan days up to the plan's registration (both ends included);
    - hospital_contact_days: distinct days with hospital contact from var hospital_days_months_before months
      before the plan contact's discharge to that discharge. Inpatient contacts (var inpatient_patient_types)
      count every day admission..discharge, other contacts 1 day (their start); overlaps count once;
    - is_acute (var acute_admission_codes) and the specialty group (seed hospital_specialties) of the plan contact;
    - has_psychiatric_illness: a contact at a psychiatric specialty with a diagnosis starting with
      var psychiatric_diagnosis_prefix (action or any other) starting in the var history_years calendar years
      before the start year;
    - has_comorbidity: any diagnosis matching a seed charlson_icd10 prefix on a contact in the same years.
-#}
with plans as (
    select * from {{ ref('int_plans_considered') }}
),

courses as (
    select * from {{ ref('int_courses_linked_to_plans') }}
),

contacts as (
    select * from {{ ref('int_hospital_contacts_unioned') }}
),

diagnoses as (
    select * from {{ ref('int_hospital_diagnoses_unioned') }}
),

procedures as (
    select * from {{ ref('int_hospital_procedures_unioned') }}
),

specialties as (
    select * from {{ ref('hospital_specialties') }}
),

charlson as (
    select * from {{ ref('charlson_icd10') }}
),

started as (
    select
        plans.plan_id,
        plans.person_id,
        plans.plan_registration_date,
        plans.discharge_date,
        plans.admission_urgency_code,
        plans.specialty_code,
        cast(extract(year from courses.rehab_start_date) as integer) as start_year
    from plans
    inner join courses
        on plans.plan_id = courses.plan_id
    where courses.rehab_start_date is not null
),

person_contacts as (
    select contacts.*
    from contacts
    where contacts.person_id in (select started.person_id from started)
),

contact_diagnoses as (
    select
        contact_id,
        action_diagnosis_code as diagnosis_code
    from person_contacts
    union
    select
        diagnoses.contact_id,
        diagnoses.diagnosis_code
    from diagnoses
    where diagnoses.contact_id in (select person_contacts.contact_id from person_contacts)
),

operations as (
    select distinct started.plan_id
    from started
    inner join person_contacts
        on started.person_id = person_contacts.person_id
    inner join procedures
        on person_contacts.contact_id = procedures.contact_id
    where
        starts_with(procedures.procedure_code, '{{ var("surgery_sks_prefix") }}')
        and procedures.procedure_date
        between {{ add_days('started.plan_registration_date', -1 * var('operation_days_before_plan')) }}
        and started.plan_registration_date
),

contact_spans as (
    select
        started.plan_id,
        greatest(
            person_contacts.admission_date,
            {{ add_months('started.discharge_date', -1 * var('hospital_days_months_before')) }}
        ) as from_date,
        least(
            case
                when
                    person_contacts.patient_type_code
                    in ({{ sql_list(var('inpatient_patient_types')) }})
                    then person_contacts.discharge_date
                else person_contacts.admission_date
            end,
            started.discharge_date
        ) as to_date
    from started
    inner join person_contacts
        on started.person_id = person_contacts.person_id
),

contact_days as (
    select
        plan_id,
        {{ days_in_range('from_date', 'to_date') }} as contact_day
    from contact_spans
    where from_date <= to_date
),

contact_day_counts as (
    select
        plan_id,
        count(distinct contact_day) as hospital_contact_days
    from contact_days
    group by plan_id
),

history_contacts as (
    select
        started.plan_id,
        person_contacts.contact_id,
        coalesce(specialties.is_psychiatry, false) as is_psychiatric_contact
    from started
    inner join person_contacts
        on
            started.person_id = person_contacts.person_id
            and person_contacts.admission_date
            between make_date(started.start_year - {{ var('history_years') }}, 1, 1)
            and make_date(started.start_year - 1, 12, 31)
    left join specialties
        on person_contacts.specialty_code = specialties.c_spec
),

history_flags as (
    select
        history_contacts.plan_id,
        bool_or(
            history_contacts.is_psychiatric_contact
            and starts_with(contact_diagnoses.diagnosis_code, '{{ var("psychiatric_diagnosis_prefix") }}')
        ) as has_psychiatric_illness,
        bool_or(charlson.icd10_prefix is not null) as has_comorbidity
    from history_contacts
    inner join contact_diagnoses
        on history_contacts.contact_id = contact_diagnoses.contact_id
    left join charlson
        on starts_with(contact_diagnoses.diagnosis_code, charlson.icd10_prefix)
    group by history_contacts.plan_id
),

final as (
    select
        started.plan_id,
        operations.plan_id is not null as is_operated,
        cast(coalesce(contact_day_counts.hospital_contact_days, 0) as integer) as hospital_contact_days,
        started.admission_urgency_code in ({{ sql_list(var('acute_admission_codes')) }})
            as is_acute,
        started.specialty_code,
        coalesce(specialties.regression_group, '{{ var("specialty_fallback_group") }}') as specialty_group,
        specialties.c_spec is null as is_unmapped_specialty,
        coalesce(history_flags.has_psychiatric_illness, false) as has_psychiatric_illness,
        coalesce(history_flags.has_comorbidity, false) as has_comorbidity
    from started
    left join operations
        on started.plan_id = operations.plan_id
    left join contact_day_counts
        on started.plan_id = contact_day_counts.plan_id
    left join history_flags
        on started.plan_id = history_flags.plan_id
    left join specialties
        on started.specialty_code = specialties.c_spec
)

select * from final
