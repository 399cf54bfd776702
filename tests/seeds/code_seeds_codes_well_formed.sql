-- Code formats the models rely on: hospital specialty 2 digits, hfaudd 4 digits, Charlson prefixes are
-- ICD-10 with the Danish D prefix and no dot. Returns offending codes.
with problems as (
    select
        'hospital_specialties' as seed_name,
        c_spec as code
    from {{ ref('hospital_specialties') }}
    where not regexp_full_match(c_spec, '[0-9]{2}')
    union all
    select
        'education_levels' as seed_name,
        hfaudd as code
    from {{ ref('education_levels') }}
    where not regexp_full_match(hfaudd, '[0-9]{4}')
    union all
    select
        'charlson_icd10' as seed_name,
        icd10_prefix as code
    from {{ ref('charlson_icd10') }}
    where not regexp_full_match(icd10_prefix, 'D[A-Z][0-9]{2}[0-9A-Z]?')
)

select * from problems
