{#-
    The population of Tabel 3.2 and 3.3 (METHOD §7), defined once: plans passing §1.1–1.3 (general MSK plan
    discharged in the window, employed, no benefits before) of persons aged var min_age–max_age (18–64) at
    discharge. Decision: working age, as the report's Tabel 3.3 age bands cover 18–64 only; the age and the
    municipality (residence) come from the population register of the discharge year (status 1 January),
    because an unlinked plan has no rehab start. A plan without a population row of the discharge year has no
    age and is left out. One row per plan; is_linked = §1.4 (a municipal course started). The cohort period is
    read from the discharge date (publication_plan_period; a plan outside every period is left out).
-#}
with screened as (
    select * from {{ ref('int_courses_screened') }}
),

population as (
    select * from {{ ref('stg_bef__population') }}
),

dated as (
    select
        {{ publication_plan_period('screened.discharge_date') }} as cohort_period,
        screened.plan_id,
        screened.person_id,
        screened.discharge_date,
        screened.passes_course_started as is_linked,
        population.municipality_code,
        population.sex_code,
        {{ age_in_years('population.birth_date', 'screened.discharge_date') }} as age_at_discharge
    from screened
    inner join population
        on
            screened.person_id = population.person_id
            and population.status_year = year(screened.discharge_date)
    where screened.passes_employed and screened.passes_no_benefits_before
),

final as (
    select
        cohort_period,
        plan_id,
        person_id,
        discharge_date,
        is_linked,
        municipality_code,
        sex_code,
        cast(age_at_discharge as integer) as age_at_discharge
    from dated
    where age_at_discharge between {{ var('min_age') }} and {{ var('max_age') }} and cohort_period is not null
)

select * from final
