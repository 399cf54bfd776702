{#-
    §4 case-mix (Table 5.4): one column per variable with the report's bands (macro band(); levels and edges
    in the seeds casemix_levels / casemix_variables; the first level is the reference), plus diagnosis group and joint size, physical demand,
    and the raw values behind each band. One row per started course. The industry is carried twice: the
    regression group (Table 5.4, unmapped -> var industry_fallback_group) and the report group of the
    report's figures (Table 5.3 report_group, e.g. Figur 5.4; unmapped -> var industry_report_fallback_group).
-#}
{%- set banded_variables = [
    'hospital_days_band', 'age_band', 'income_band', 'plan_share_band', 'density_band', 'gp_contacts_band',
    'near_benefit_weeks_band', 'year_benefit_weeks_band'
] %}

with band_levels as (
    select
        spec_levels.variable_name,
        spec_levels.level_value,
        spec_levels.level_order,
        spec_levels.band_edge,
        spec_variables.band_closed
    from {{ ref('casemix_levels') }} as spec_levels
    inner join {{ ref('casemix_variables') }} as spec_variables
        on spec_levels.variable_name = spec_variables.variable_name
    where spec_variables.band_closed is not null
),

band_variables as (
    select
        variable_name,
        {
            'closed': max(band_closed),
            'edges': list(
                { 'band_edge': band_edge, 'level_value': level_value } order by band_edge
            ) filter (where band_edge is not null),
            'first': min_by(level_value, level_order),
            'last': max_by(level_value, level_order)
        } as band_spec
    from band_levels
    group by variable_name
),

{# One row, one column per banded variable (its bands), cross joined to every course (macro band()). #}
casemix_bands as (
    select
    {%- for variable in banded_variables %}
            any_value(band_spec) filter (where variable_name = '{{ variable }}') as {{ variable }}
            {{- ',' if not loop.last }}
    {%- endfor %}
    from band_variables
),

residence as (
    select * from {{ ref('int_courses_residence_assigned') }}
),

diagnoses as (
    select * from {{ ref('int_plan_diagnoses_grouped') }}
),

hospital as (
    select * from {{ ref('int_courses_hospital_history_measured') }}
),

primary_care as (
    select * from {{ ref('int_courses_primary_care_counted') }}
),

socioeconomics as (
    select * from {{ ref('int_courses_socioeconomics_joined') }}
),

employment as (
    select * from {{ ref('int_plans_employment_measured') }}
),

benefit_history as (
    select * from {{ ref('int_plans_benefit_weeks_counted') }}
),

plan_shares as (
    select * from {{ ref('int_municipality_years_plan_shares_computed') }}
),

area_population as (
    select * from {{ ref('municipality_area_population') }}
),

-- METHOD §0/§4: the density of the start year; with var density_carry_forward (opt-in, documented) a start
-- year the seed lacks takes the latest earlier year of the seed (the window check names the years carried).
density_years as (
    select
        start_years.start_year,
        max(area_population.year) as density_year
    from (select distinct residence.start_year from residence) as start_years
    inner join area_population
        on
            start_years.start_year >= area_population.year
            and (start_years.start_year = area_population.year or {{ var('density_carry_forward') }})
    group by start_years.start_year
),

joined as (
    select
        residence.plan_id,
        residence.start_year,
        residence.rehab_start_date,
        residence.residence_municipality_code,
        residence.age_at_rehab_start,
        diagnoses.diagnosis_group,
        diagnoses.joint_size,
        primary_care.physio_ergo_services,
        primary_care.has_physio_ergo_contact,
        hospital.is_operated,
        hospital.hospital_contact_days,
        hospital.is_acute,
        employment.total_paid_hours,
        employment.is_full_time,
        socioeconomics.is_woman,
        socioeconomics.has_cohabiting_partner,
        socioeconomics.origin_group,
        socioeconomics.disposable_income_dkk,
        socioeconomics.education_level,
        coalesce(employment.industry_group, '{{ var("industry_fallback_group") }}') as industry_group,
        coalesce(
            employment.industry_report_group, '{{ var("industry_report_fallback_group") }}'
        ) as industry_report_group,
        employment.physical_demand,
        hospital.specialty_group,
        plan_shares.general_plan_share_pct,
        area_population.population / nullif(area_population.area_km2, 0) as population_density,
        primary_care.gp_contacts,
        hospital.has_psychiatric_illness,
        hospital.has_comorbidity,
        benefit_history.near_benefit_weeks,
        benefit_history.year_benefit_weeks,
        cast(
            extract(month from {{ add_days('residence.rehab_start_date', var('measurement_days_after_start')) }})
            as integer
        ) as measurement_month
    from residence
    left join diagnoses
        on residence.plan_id = diagnoses.plan_id
    left join hospital
        on residence.plan_id = hospital.plan_id
    left join primary_care
        on residence.plan_id = primary_care.plan_id
    left join socioeconomics
        on residence.plan_id = socioeconomics.plan_id
    left join employment
        on residence.plan_id = employment.plan_id
    left join benefit_history
        on residence.plan_id = benefit_history.plan_id
    left join plan_shares
        on
            residence.residence_municipality_code = plan_shares.municipality_code
            and residence.start_year = plan_shares.plan_year
    left join density_years
        on residence.start_year = density_years.start_year
    left join area_population
        on
            residence.residence_municipality_code = area_population.kom_kode
            and density_years.density_year = area_population.year
),

final as (
    select
        joined.plan_id,
        joined.diagnosis_group,
        joined.joint_size,
        joined.has_physio_ergo_contact,
        joined.physio_ergo_services,
        joined.is_operated,
        joined.hospital_contact_days,
        {{ band('joined.hospital_contact_days', 'hospital_days_band') }}
            as hospital_days_band,
        joined.is_acute,
        joined.total_paid_hours,
        joined.is_full_time,
        joined.is_woman,
        joined.age_at_rehab_start,
        {{ band('joined.age_at_rehab_start', 'age_band') }} as age_band,
        joined.has_cohabiting_partner,
        joined.origin_group,
        joined.disposable_income_dkk,
        {{ band('joined.disposable_income_dkk', 'income_band', null_as_reference=true) }} as income_band,
        joined.education_level,
        joined.industry_group,
        joined.industry_report_group,
        joined.physical_demand,
        joined.specialty_group,
        joined.general_plan_share_pct,
        {{ band('joined.general_plan_share_pct', 'plan_share_band') }}
            as plan_share_band,
        joined.population_density,
        {{ band('joined.population_density', 'density_band') }}
            as density_band,
        joined.gp_contacts,
        {{ band('joined.gp_contacts', 'gp_contacts_band') }}
            as gp_contacts_band,
        joined.has_psychiatric_illness,
        joined.has_comorbidity,
        joined.near_benefit_weeks,
        {{ band('joined.near_benefit_weeks', 'near_benefit_weeks_band') }}
            as near_benefit_weeks_band,
        joined.year_benefit_weeks,
        {{ band('joined.year_benefit_weeks', 'year_benefit_weeks_band') }}
            as year_benefit_weeks_band,
        joined.measurement_month,
        joined.start_year
    from joined
    cross join casemix_bands
)

select * from final
