{#-
    Tabel 3.3 (METHOD §7): the profile of plans linked to a municipal course against plans not linked — the
    share of women, of the age groups 18–30 / 31–40 / 41–50 / 51–64 at discharge, of each diagnosis group and
    of each industry report group — over the plans of pub_table3_2_linkage_rates (§1.1–1.3). National.
    Decision: education and occupation of Tabel 3.3 are not reproduced (occupation is not in the registers
    of the data contract). Disclosure applied (denominator = linked / not linked plans with a known value).
-#}
{%- set characteristics = ['sex', 'age', 'diagnosis', 'industry'] %}

with screened as (
    select * from {{ ref('int_courses_screened') }}
    where passes_employed and passes_no_benefits_before
),

population as (
    select * from {{ ref('stg_bef__population') }}
),

diagnoses as (
    select * from {{ ref('int_plan_diagnoses_grouped') }}
),

employment as (
    select * from {{ ref('int_plans_employment_measured') }}
),

attributes as (
    select
        screened.passes_course_started as is_linked,
        population.sex_code,
        {{ age_in_years('population.birth_date', 'screened.discharge_date') }} as age_at_discharge,
        diagnoses.diagnosis_group,
        employment.industry_report_group
    from screened
    left join population
        on
            screened.person_id = population.person_id
            and population.status_year = year(screened.discharge_date)
    left join diagnoses
        on screened.plan_id = diagnoses.plan_id
    left join employment
        on screened.plan_id = employment.plan_id
),

plans as (
    select
        is_linked,
        case
            when sex_code is null then null
            when sex_code in ({{ var('female_sex_codes') | join(', ') }}) then 'Kvinder'
            else 'Mænd'
        end as sex,
        case
            when age_at_discharge is null then null
            when age_at_discharge <= 30 then '18-30 år'
            when age_at_discharge <= 40 then '31-40 år'
            when age_at_discharge <= 50 then '41-50 år'
            else '51-64 år'
        end as age,
        diagnosis_group as diagnosis,
        industry_report_group as industry
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

select * from final
