{#-
    Tabel 3.3 (METHOD §7): the profile of plans linked to a municipal course against plans not linked — the
    share of women, of the age groups 18–30 / 31–40 / 41–50 / 51–64 at discharge, of each diagnosis group, of
    each education level and of each industry — over the plans of pub_table3_2_linkage_rates
    (int_plans_linkage_population_selected: §1.1–1.3 of persons aged 18–64 at discharge, so the four age
    bands cover every plan). National. Dating as for sex and age: an unlinked plan has no rehab start, so the
    registers are read at the discharge year (population register status 1 January; highest completed
    education of the discharge year).
    Education: the six levels of Tabel 3.3 plus `Øvrige/uoplyst` (no UDDA row or a code not in seed
    education_levels -> var education_fallback_level); every plan has a level, so the denominator is all plans
    of the group (the report's shares exclude uoplyst from the printed rows but not from the denominator).
    Industry: the DB07 section of the main job (§1.2 month) by its section name as Tabel 3.3 prints it — the
    seed section_name up to the first ';' (G -> Engroshandel og detailhandel); all sections are published,
    the report prints the five largest. This is not Table 5.3's report_group (Figur 5.4), which merges sections.
    Decision: occupation (DISCO, Fagklassifikation) of Tabel 3.3 is not reproduced: no register of the data
    contract carries it. Disclosure applied (denominator = linked / not linked plans with a known value).
-#}
{%- set characteristics = ['sex', 'age', 'diagnosis', 'education', 'industry'] %}
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

plans as (
    select
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
),

long_levels as (
    unpivot plans
    on
    {%- for name in characteristics %}
        {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
    into name characteristic value level_name
),

counted as (
    select
        characteristic,
        level_name,
        count(*) filter (where is_linked) as linked_in_level,
        count(*) filter (where not is_linked) as not_linked_in_level
    from long_levels
    where level_name is not null
    group by all
),

totals as (
    select
        *,
        sum(linked_in_level) over (partition by characteristic) as linked_plans,
        sum(not_linked_in_level) over (partition by characteristic) as not_linked_plans
    from counted
),

final as (
    select
        characteristic,
        level_name,
        cast(linked_plans as integer) as linked_plans,
        {{ publication_share('linked_in_level', 'linked_plans') }} as linked_pct,
        cast(not_linked_plans as integer) as not_linked_plans,
        {{ publication_share('not_linked_in_level', 'not_linked_plans') }} as not_linked_pct,
        {{ publication_is_suppressed(['linked_plans', 'not_linked_plans']) }} as has_suppressed_share
    from totals
)

select
    *,
    {{ build_id() }} as build_id
from final
