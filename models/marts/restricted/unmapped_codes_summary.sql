{#-
    Data quality: every value a rule could not map to its seed, per register and column — counted, never
    dropped. Scope: the rows the method reads (METHOD §0.1): DREAM codes of the unpivoted window, the diagnosis
    used for the plan contacts considered, and the staged registers for the other code lists (UDDA, BFL, SSSY,
    BEF and the hospital contacts: the persons with a plan).
-#}
{#- Code columns checked against their seed by an anti-join: a non-null code without a seed row is unmapped. #}
{%- set seed_lookups = [
    {'register': 'udda', 'column_name': 'hfaudd', 'seed_name': 'education_levels',
        'source': 'education', 'code': 'hfaudd_code',
        'seed': 'education_levels', 'seed_code': 'cast(education_levels.hfaudd as varchar)'},
    {'register': 'bef', 'column_name': 'opr_land', 'seed_name': 'countries_of_origin',
        'source': 'population', 'code': 'country_of_origin_code',
        'seed': 'countries', 'seed_code': 'countries.opr_land'},
    {'register': 'lpr_adm', 'column_name': 'c_spec', 'seed_name': 'hospital_specialties',
        'source': 'contacts', 'code': 'specialty_code',
        'seed': 'specialties', 'seed_code': 'specialties.c_spec'},
    {'register': 'bfl', 'column_name': 'ajo_branche07 (division)', 'seed_name': 'db07_divisions',
        'source': 'jobs', 'code': 'db07_division',
        'seed': 'divisions', 'seed_code': 'divisions.db07_division'},
] %}

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
    select * from {{ ref('int_hospital_contacts_unioned') }}
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
    {%- for lookup in seed_lookups %}
        union all
        select
            '{{ lookup.register }}' as register,
            '{{ lookup.column_name }}' as column_name,
            '{{ lookup.seed_name }}' as seed_name,
            cast({{ lookup.source }}.{{ lookup.code }} as varchar) as code
        from {{ lookup.source }}
        left join {{ lookup.seed }}
            on {{ lookup.source }}.{{ lookup.code }} = {{ lookup.seed_code }}
        where {{ lookup.source }}.{{ lookup.code }} is not null and {{ lookup.seed_code }} is null
    {%- endfor %}
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
