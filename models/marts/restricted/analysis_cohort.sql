{#-
    The analysed cohort (§1): one row per course passing criteria 1–10, with its residence municipality,
    rehab start, the outcomes of §2 and every case-mix variable of §4. Person-level: restricted schema only.
-#}
{% set months = var('outcome_months') -%}

with screened as (
    select * from {{ ref('int_courses_screened') }}
),

data_quality as (
    select * from {{ ref('municipality_data_quality') }}
),

outcomes as (
    select * from {{ ref('int_courses_outcomes_measured') }}
),

casemix as (
    select * from {{ ref('int_courses_casemix_banded') }}
),

final as (
    select
        screened.cohort_period,
        screened.plan_id as course_id,
        screened.person_id,
        screened.residence_municipality_code as municipality_code,
        screened.admission_date,
        screened.discharge_date,
        screened.rehab_start_date,
        screened.start_year,
        cast(screened.course_sequence_number as integer) as course_sequence_number,
        outcomes.is_on_benefits_m0,
        outcomes.is_on_benefits_since_start_m0,
        outcomes.benefit_mix_group_m0,
        {% for m in months %}
            outcomes.is_excluded_m{{ m }},
            outcomes.is_on_benefits_m{{ m }},
            outcomes.is_on_benefits_since_start_m{{ m }},
            outcomes.benefit_mix_group_m{{ m }},
        {% endfor %}
        casemix.diagnosis_group,
        casemix.joint_size,
        casemix.has_physio_ergo_contact,
        casemix.is_operated,
        cast(casemix.hospital_contact_days as integer) as hospital_contact_days,
        casemix.hospital_days_band,
        casemix.is_acute,
        casemix.is_full_time,
        casemix.is_woman,
        cast(casemix.age_at_rehab_start as integer) as age_at_rehab_start,
        casemix.age_band,
        casemix.has_cohabiting_partner,
        casemix.origin_group,
        casemix.income_band,
        casemix.education_level,
        casemix.industry_group,
        casemix.industry_report_group,
        casemix.physical_demand,
        casemix.specialty_group,
        casemix.general_plan_share_pct,
        casemix.plan_share_band,
        casemix.population_density,
        casemix.density_band,
        cast(casemix.gp_contacts as integer) as gp_contacts,
        casemix.gp_contacts_band,
        casemix.has_psychiatric_illness,
        casemix.has_comorbidity,
        cast(casemix.near_benefit_weeks as integer) as near_benefit_weeks,
        casemix.near_benefit_weeks_band,
        cast(casemix.year_benefit_weeks as integer) as year_benefit_weeks,
        casemix.year_benefit_weeks_band,
        casemix.measurement_month
    from screened
    inner join data_quality
        on
            screened.residence_municipality_code = data_quality.municipality_code
            and screened.start_year = data_quality.quality_year
            and data_quality.is_year_kept
    inner join outcomes
        on screened.plan_id = outcomes.plan_id
    inner join casemix
        on screened.plan_id = casemix.plan_id
    where screened.passes_criteria_1_to_9
)

select * from final
