{#-
    §1.1 plans considered: a general rehabilitation plan on a contact with DRG MDC 08 (var msk_mdc_codes),
    discharged in the period's plan window (macro period(), from var start_years, METHOD §0). One row per plan (= plan contact);
    this is the first row of the attrition table.
-#}
with plans as (
    select * from {{ ref('int_rehab_plans_registered') }}
),

considered as (
    select *
    from plans
    where
        is_general_plan
        and is_msk_contact
        and discharge_date between cast('{{ period_value("plan_discharge_from") }}' as date)
        and cast('{{ period_value("plan_discharge_to") }}' as date)
),

final as (
    select
        plan_id,
        person_id,
        contact_id,
        plan_registration_date,
        admission_date,
        discharge_date,
        {{ week_monday('admission_date') }} as admission_week_monday_date,
        patient_type_code,
        admission_urgency_code,
        specialty_code,
        action_diagnosis_code,
        mdc_code
    from considered
)

select * from final
