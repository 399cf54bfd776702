{#-
    §5 data quality per municipality and year (Table 3.1 shape): criteria 1–2 on the GES services the
    municipality reported, then on the courses passing §1.1–9 by residence municipality and start year:
    3. >= var dq_min_persons_year courses in a year that passed 1–2 (else the year is dropped);
    4. >= var dq_min_persons_total courses over the years kept of the same cohort period (else the municipality
       is dropped in that period; METHOD §8.10: each period judged as a separate build would).
    Criterion 3 is judged only for years passing 1–2, criterion 4 only when a year is left after 1–3 (as in
    Table 3.1). Decision: "persons" are counted as courses (the cohort's unit).
-#}
with ges_quality as (
    select * from {{ ref('int_municipality_years_ges_quality_checked') }}
),

screened as (
    select * from {{ ref('int_courses_screened') }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

cohort_counts as (
    select
        residence_municipality_code as municipality_code,
        start_year,
        count(*) as courses,
        count(distinct person_id) as persons
    from screened
    where passes_criteria_1_to_9
    group by residence_municipality_code, start_year
),

per_year as (
    select
        ges_quality.municipality_code,
        {{ cohort_period_of('ges_quality.quality_year') }} as cohort_period,
        ges_quality.quality_year,
        ges_quality.services,
        ges_quality.months_with_services,
        ges_quality.swing_months,
        ges_quality.passes_twelve_months,
        ges_quality.passes_swing,
        ges_quality.passes_ges_quality,
        coalesce(cohort_counts.courses, 0) as cohort_courses,
        coalesce(cohort_counts.persons, 0) as cohort_persons,
        case
            when ges_quality.passes_ges_quality
                then coalesce(cohort_counts.courses, 0) >= {{ var('dq_min_persons_year') }}
        end as passes_min_persons_year
    from ges_quality
    left join cohort_counts
        on
            ges_quality.municipality_code = cohort_counts.municipality_code
            and ges_quality.quality_year = cohort_counts.start_year
),

per_municipality as (
    select
        municipality_code,
        cohort_period,
        cast(sum(cohort_courses) filter (where passes_min_persons_year) as bigint) as courses_in_kept_years,
        count(*) filter (where passes_min_persons_year) as years_kept_after_min_year
    from per_year
    group by municipality_code, cohort_period
),

final as (
    select
        per_year.cohort_period,
        per_year.municipality_code,
        municipalities.kom_navn as municipality_name,
        per_year.quality_year,
        per_year.services,
        per_year.months_with_services,
        per_year.swing_months,
        per_year.passes_twelve_months,
        per_year.passes_swing,
        per_year.passes_ges_quality,
        per_year.cohort_courses,
        per_year.cohort_persons,
        per_year.passes_min_persons_year,
        coalesce(per_municipality.courses_in_kept_years, 0) as courses_in_kept_years,
        case
            when per_municipality.years_kept_after_min_year > 0
                then per_municipality.courses_in_kept_years >= {{ var('dq_min_persons_total') }}
        end as passes_min_persons_total,
        coalesce(
            per_year.passes_min_persons_year
            and per_municipality.courses_in_kept_years >= {{ var('dq_min_persons_total') }},
            false
        ) as is_year_kept,
        case
            when not per_year.passes_ges_quality then 'sds_quality'
            when not per_year.passes_min_persons_year then 'min_persons_year'
            when not per_municipality.courses_in_kept_years >= {{ var('dq_min_persons_total') }}
                then 'min_persons_total'
        end as failed_criterion
    from per_year
    inner join municipalities
        on per_year.municipality_code = municipalities.kom_kode
    left join per_municipality
        on
            per_year.municipality_code = per_municipality.municipality_code
            and per_year.cohort_period = per_municipality.cohort_period
)

select * from final
