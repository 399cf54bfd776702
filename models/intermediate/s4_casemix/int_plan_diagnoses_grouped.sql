{#-
    §4 diagnosis group of the plan contact (seed diagnosis_groups: left(code, 4) between icd10_from and
    icd10_to; overlapping ranges -> lowest group_order). If the action diagnosis falls in an administrative
    group (DZ…) and the contact has a secondary/additional diagnosis (var secondary_diagnosis_types) in a
    group that is neither administrative nor the fallback (i.e. DM/DS/DT), the alphabetically first such
    code is used. A code in no range -> the fallback group (Andre sygdomme), flagged as unmapped.
-#}
with plans as (
    select * from {{ ref('int_plans_considered') }}
),

diagnoses as (
    select * from {{ ref('int_hospital_diagnoses_unioned') }}
),

diagnosis_groups as (
    select * from {{ ref('diagnosis_groups') }}
),

fallback_group as (
    select
        min(diagnosis_group) as diagnosis_group,
        min(joint_size) as joint_size
    from diagnosis_groups
    where is_fallback
),

action_grouped as (
    select
        plans.plan_id,
        plans.contact_id,
        plans.action_diagnosis_code,
        diagnosis_groups.diagnosis_group,
        coalesce(diagnosis_groups.is_administrative, false) as is_administrative
    from plans
    left join diagnosis_groups
        on left(plans.action_diagnosis_code, 4) between diagnosis_groups.icd10_from and diagnosis_groups.icd10_to
    qualify row_number() over (partition by plans.plan_id order by diagnosis_groups.group_order nulls last) = 1
),

secondary_candidates as (
    select
        action_grouped.plan_id,
        min(diagnoses.diagnosis_code) as secondary_diagnosis_code
    from action_grouped
    inner join diagnoses
        on action_grouped.contact_id = diagnoses.contact_id
    inner join diagnosis_groups
        on left(diagnoses.diagnosis_code, 4) between diagnosis_groups.icd10_from and diagnosis_groups.icd10_to
    where
        action_grouped.is_administrative
        and diagnoses.diagnosis_type_code in ({{ sql_list(var('secondary_diagnosis_types')) }})
        and not diagnosis_groups.is_administrative
        and not diagnosis_groups.is_fallback
    group by action_grouped.plan_id
),

code_used as (
    select
        action_grouped.plan_id,
        action_grouped.action_diagnosis_code,
        secondary_candidates.secondary_diagnosis_code,
        coalesce(secondary_candidates.secondary_diagnosis_code, action_grouped.action_diagnosis_code)
            as diagnosis_code_used,
        case when secondary_candidates.secondary_diagnosis_code is not null then 'secondary' else 'action' end
            as diagnosis_source
    from action_grouped
    left join secondary_candidates
        on action_grouped.plan_id = secondary_candidates.plan_id
),

grouped as (
    select
        code_used.*,
        diagnosis_groups.diagnosis_group,
        diagnosis_groups.joint_size
    from code_used
    left join diagnosis_groups
        on left(code_used.diagnosis_code_used, 4) between diagnosis_groups.icd10_from and diagnosis_groups.icd10_to
    qualify row_number() over (partition by code_used.plan_id order by diagnosis_groups.group_order nulls last) = 1
),

final as (
    select
        grouped.plan_id,
        grouped.action_diagnosis_code,
        grouped.secondary_diagnosis_code,
        grouped.diagnosis_code_used,
        grouped.diagnosis_source,
        coalesce(grouped.diagnosis_group, fallback_group.diagnosis_group) as diagnosis_group,
        coalesce(grouped.joint_size, fallback_group.joint_size) as joint_size,
        grouped.diagnosis_group is null as is_unmapped_diagnosis
    from grouped
    cross join fallback_group
)

select * from final
