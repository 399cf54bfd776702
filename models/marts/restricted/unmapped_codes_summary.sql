{#-
    Data quality: every value a rule could not map to its seed, per register and column — counted, never
    dropped. Scope: DREAM codes of the unpivoted window (plan persons), the diagnosis used for the plan
    contacts considered, and the whole staged register for the other code lists.
-#}
with benefit_weeks as (
    select * from {{ ref('int_benefit_weeks_classified') }}
),

plan_diagnoses as (
    select * from {{ ref('int_plan_diagnoses_grouped') }}
),

education as (
    select * from {{ ref('stg_udda__education') }}
),

education_levels as (
    select * from {{ ref('education_levels') }}
),

population as (
    select * from {{ ref('stg_bef__population') }}
),

countries as (
    select * from {{ ref('countries_of_origin') }}
),

contacts as (
    select * from {{ ref('stg_lpr__contacts') }}
),

specialties as (
    select * from {{ ref('hospital_specialties') }}
),

jobs as (
    select * from {{ ref('stg_bfl__job_months') }}
),

divisions as (
    select * from {{ ref('db07_divisions') }}
),

sssy as (
    select * from {{ ref('stg_sssy__services') }}
),

sssy_services as (
    select * from {{ ref('sssy_services') }}
),

unmapped_values as (
    select
        'dream' as register,
        'benefit_code' as column_name,
        'dream_benefit_codes' as seed_name,
        benefit_code as code
    from benefit_weeks
    where not is_known_code
    union all
    select
        'lpr_adm' as register,
        'c_adiag (diagnosis used for the plan)' as column_name,
        'diagnosis_groups' as seed_name,
        diagnosis_code_used as code
    from plan_diagnoses
    where is_unmapped_diagnosis
    union all
    select
        'udda' as register,
        'hfaudd' as column_name,
        'education_levels' as seed_name,
        education.hfaudd_code as code
    from education
    left join education_levels
        on education.hfaudd_code = cast(education_levels.hfaudd as varchar)
    where education.hfaudd_code is not null and education_levels.hfaudd is null
    union all
    select
        'bef' as register,
        'opr_land' as column_name,
        'countries_of_origin' as seed_name,
        cast(population.country_of_origin_code as varchar) as code
    from population
    left join countries
        on population.country_of_origin_code = countries.opr_land
    where population.country_of_origin_code is not null and countries.opr_land is null
    union all
    select
        'lpr_adm' as register,
        'c_spec' as column_name,
        'hospital_specialties' as seed_name,
        contacts.specialty_code as code
    from contacts
    left join specialties
        on contacts.specialty_code = specialties.c_spec
    where contacts.specialty_code is not null and specialties.c_spec is null
    union all
    select
        'bfl' as register,
        'ajo_branche07 (division)' as column_name,
        'db07_divisions' as seed_name,
        jobs.db07_division as code
    from jobs
    left join divisions
        on jobs.db07_division = divisions.db07_division
    where jobs.db07_division is not null and divisions.db07_division is null
    union all
    select
        'sssy' as register,
        'speciale (provider specialty)' as column_name,
        'sssy_services' as seed_name,
        sssy.provider_specialty_code as code
    from sssy
    where sssy.provider_specialty_code not in (select sssy_services.provider_specialty from sssy_services)
),

registers as (
    select
        'dream' as register,
        'benefit_code' as column_name,
        'dream_benefit_codes' as seed_name
    union all
    select
        'lpr_adm' as register,
        'c_adiag (diagnosis used for the plan)' as column_name,
        'diagnosis_groups' as seed_name
    union all
    select
        'udda' as register,
        'hfaudd' as column_name,
        'education_levels' as seed_name
    union all
    select
        'bef' as register,
        'opr_land' as column_name,
        'countries_of_origin' as seed_name
    union all
    select
        'lpr_adm' as register,
        'c_spec' as column_name,
        'hospital_specialties' as seed_name
    union all
    select
        'bfl' as register,
        'ajo_branche07 (division)' as column_name,
        'db07_divisions' as seed_name
    union all
    select
        'sssy' as register,
        'speciale (provider specialty)' as column_name,
        'sssy_services' as seed_name
),

counted as (
    select
        register,
        column_name,
        count(*) as unmapped_rows,
        count(distinct code) as unmapped_distinct_codes,
        string_agg(distinct code, ', ' order by code) as unmapped_codes
    from unmapped_values
    group by register, column_name
),

final as (
    select
        registers.register,
        registers.column_name,
        registers.seed_name,
        coalesce(counted.unmapped_rows, 0) as unmapped_rows,
        coalesce(counted.unmapped_distinct_codes, 0) as unmapped_distinct_codes,
        counted.unmapped_codes
    from registers
    left join counted
        on
            registers.register = counted.register
            and registers.column_name = counted.column_name
)

select * from final
