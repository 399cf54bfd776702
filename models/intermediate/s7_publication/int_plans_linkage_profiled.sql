{#-
    Tabel 3.3's characteristics (METHOD §7) of every plan of int_plans_linkage_population_selected, one row per
    plan: sex, age group at discharge (18–30 / 31–40 / 41–50 / 51–64), diagnosis group, education level (the six
    levels of Tabel 3.3, `Øvrige/uoplyst` for no UDDA row or a code not in seed education_levels) and the DB07
    section name of the main job (§1.2 month; the seed section_name up to the first ';'). Dating as for sex and
    age: an unlinked plan has no rehab start, so the registers are read at the discharge year. NULL = unknown.
    Read by pub_table3_3_linked_profile and the disclosure cells (int_publication_cells).
-#}
{%- set education_labels = {
    'grundskole': 'Grundskole',
    'gymnasial': 'Gymnasial',
    'erhvervsfaglig': 'Erhvervsfaglig uddannelse',
    'KVU': 'Kort videregående uddannelse',
    'MVU': 'Mellemlang videregående uddannelse',
    'LVU': 'Lang videregående uddannelse',
} %}

with screened as (
    select * from {{ ref('int_plans_linkage_population_selected') }}
),

diagnoses as (
    select * from {{ ref('int_plan_diagnoses_grouped') }}
),

employment as (
    select * from {{ ref('int_plans_employment_measured') }}
),

education as (
    select * from {{ ref('stg_udda__education') }}
),

education_levels as (
    select * from {{ ref('education_levels') }}
),

sections as (
    select distinct
        db07_section,
        trim(split_part(section_name, ';', 1)) as section_label
    from {{ ref('db07_divisions') }}
),

attributes as (
    select
        screened.cohort_period,
        screened.plan_id,
        screened.municipality_code,
        screened.is_linked,
        screened.sex_code,
        screened.age_at_discharge,
        diagnoses.diagnosis_group,
        coalesce(education_levels.education_level, '{{ var("education_fallback_level") }}') as education_level,
        sections.section_label
    from screened
    left join diagnoses
        on screened.plan_id = diagnoses.plan_id
    left join employment
        on screened.plan_id = employment.plan_id
    left join sections
        on employment.db07_section = sections.db07_section
    left join education
        on
            screened.person_id = education.person_id
            and education.education_year = year(screened.discharge_date)
    left join education_levels
        on education.hfaudd_code = cast(education_levels.hfaudd as varchar)
),

final as (
    select
        cohort_period,
        plan_id,
        municipality_code,
        is_linked,
        case
            when sex_code is null then null
            when sex_code in ({{ sql_list(var('female_sex_codes')) }}) then 'Kvinder'
            else 'Mænd'
        end as sex,
        case
            when age_at_discharge <= 30 then '18-30 år'
            when age_at_discharge <= 40 then '31-40 år'
            when age_at_discharge <= 50 then '41-50 år'
            else '51-64 år'
        end as age,
        diagnosis_group as diagnosis,
        case education_level
            {%- for level, label in education_labels.items() %}
                when '{{ level }}' then '{{ label }}'
            {%- endfor %}
            else 'Øvrige/uoplyst'
        end as education,
        section_label as industry
    from attributes
)

select * from final
