{#-
    Bilag 3 Figur 1.2 and Figur 4.1 (METHOD §7.3): persons discharged with a general rehabilitation plan from
    the plan discharge window of the period (METHOD §0) — all diagnoses, of them with a plan on an MSK contact
    (var msk_mdc_codes, = §1.1's plans considered), of them aged var min_age–max_age (working age) at the
    discharge of such a plan (age from the population register of the discharge year; no row = not counted as
    working age). Persons, not plans: a person counts once per row. Per cohort period (the plan's period from its
    discharge date, publication_plan_period) one row for the whole period (`all`) and one per discharge year; a
    person with plans in two years counts in both years (the years do not add up), and in two periods in both.
    The complements (not MSK, MSK of another age) are counted too: a reader computes them.
-#}
with plans as (
    select * from {{ ref('int_rehab_plans_registered') }}
),

population as (
    select * from {{ ref('stg_bef__population') }}
),

general_plans as (
    select
        {{ publication_plan_period('plans.discharge_date') }} as cohort_period,
        plans.person_id,
        plans.is_msk_contact,
        cast(year(plans.discharge_date) as varchar) as discharge_year,
        plans.is_msk_contact
        and {{ age_in_years('population.birth_date', 'plans.discharge_date') }}
        between {{ var('min_age') }} and {{ var('max_age') }} as is_msk_working_age
    from plans
    left join population
        on
            plans.person_id = population.person_id
            and population.status_year = year(plans.discharge_date)
    where
        plans.is_general_plan
        and plans.discharge_date between cast('{{ period_value("plan_discharge_from") }}' as date)
        and cast('{{ period_value("plan_discharge_to") }}' as date)
),

counted as (
    select
        cohort_period,
        case when grouping(discharge_year) = 1 then 'all' else discharge_year end as discharge_year,
        count(distinct person_id) as persons_all_diagnoses,
        count(distinct person_id) filter (where is_msk_contact) as persons_msk,
        count(distinct person_id) filter (where coalesce(is_msk_working_age, false)) as persons_msk_working_age
    from general_plans
    where cohort_period is not null
    group by cohort_period, rollup(discharge_year)
),

final as (
    select
        cohort_period,
        discharge_year,
        cast(persons_all_diagnoses as bigint) as persons_all_diagnoses,
        cast(persons_msk as bigint) as persons_msk,
        cast(persons_all_diagnoses - persons_msk as bigint) as persons_not_msk,
        cast(persons_msk_working_age as bigint) as persons_msk_working_age,
        cast(persons_msk - persons_msk_working_age as bigint) as persons_msk_other_age
    from counted
)

select * from final
