{#-
    §4 person case-mix of a started course: sex, cohabiting partner and origin from the residence row of
    BEF (int_courses_residence_assigned), disposable income (DISPON_13) of the year before the start year,
    highest completed education of the start year (seed education_levels; a code not in the seed or no
    row -> var education_fallback_level = øvrige). Origin: origin types of var danish_origin_ie_types are
    Danish; otherwise the country of origin via seed countries_of_origin (unknown -> var origin_fallback_group,
    flagged).
-#}
with residence as (
    select * from {{ ref('int_courses_residence_assigned') }}
),

income as (
    select * from {{ ref('stg_ind__income') }}
),

education as (
    select * from {{ ref('stg_udda__education') }}
),

education_levels as (
    select * from {{ ref('education_levels') }}
),

countries as (
    select * from {{ ref('countries_of_origin') }}
),

final as (
    select
        residence.plan_id,
        residence.sex_code in ({{ sql_list(var('female_sex_codes')) }}) as is_woman,
        coalesce(
            residence.family_type_code in ({{ sql_list(var('cohabiting_family_types')) }}), false
        ) as has_cohabiting_partner,
        case
            when residence.origin_type_code in ({{ sql_list(var('danish_origin_ie_types')) }})
                then 'danish'
            else coalesce(countries.origin_group, '{{ var("origin_fallback_group") }}')
        end as origin_group,
        coalesce(
            residence.origin_type_code not in ({{ sql_list(var('danish_origin_ie_types')) }})
            and countries.opr_land is null,
            false
        ) as is_unmapped_country,
        income.disposable_income_dkk,
        education.hfaudd_code,
        coalesce(education_levels.education_level, '{{ var("education_fallback_level") }}') as education_level,
        education.hfaudd_code is not null and education_levels.hfaudd is null as is_unmapped_education
    from residence
    left join income
        on
            residence.person_id = income.person_id
            and residence.start_year - 1 = income.income_year
    left join education
        on
            residence.person_id = education.person_id
            and residence.start_year = education.education_year
    left join education_levels
        on education.hfaudd_code = cast(education_levels.hfaudd as varchar)
    left join countries
        on residence.country_of_origin_code = countries.opr_land
)

select * from final
