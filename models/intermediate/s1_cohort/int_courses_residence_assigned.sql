{#-
    Residence municipality and person facts at rehab start, from the population register (BEF).
    Decision (var residence_status): 'start_of_year' = the BEF row of the start year (status 1 January);
    'end_of_year' = the row of the following year (status 1 January next year = 31 December).
    Birth date and sex come from the person's latest BEF row, so age is known also without the residence row.
    One row per started course (plans whose first service exists). The course persons' BEF rows are selected
    once.
-#}
{%- set year_offset = 1 if var('residence_status') == 'end_of_year' else 0 -%}
{%- if var('residence_status') not in ['start_of_year', 'end_of_year'] -%}
    {{ exceptions.raise_compiler_error("var residence_status must be 'start_of_year' or 'end_of_year'") }}
{%- endif -%}

with courses as (
    select * from {{ ref('int_courses_linked_to_plans') }}
),

population as (
    select * from {{ ref('stg_bef__population') }}
),

started_courses as (
    select
        plan_id,
        person_id,
        rehab_start_date,
        cast(extract(year from rehab_start_date) as integer) as start_year
    from courses
    where rehab_start_date is not null
),

course_persons as (
    select distinct person_id
    from started_courses
),

course_population as (
    select population.*
    from population
    inner join course_persons
        on population.person_id = course_persons.person_id
),

latest_person_rows as (
    select
        person_id,
        birth_date,
        sex_code
    from course_population
    qualify row_number() over (partition by person_id order by status_year desc) = 1
),

final as (
    select
        started_courses.plan_id,
        started_courses.person_id,
        started_courses.rehab_start_date,
        started_courses.start_year,
        started_courses.start_year + {{ year_offset }} as residence_status_year,
        residence.municipality_code as residence_municipality_code,
        residence.municipality_code is not null as is_resident,
        latest_person_rows.birth_date,
        latest_person_rows.sex_code,
        cast(
            {{ age_in_years('latest_person_rows.birth_date', 'started_courses.rehab_start_date') }} as integer
        ) as age_at_rehab_start,
        residence.family_type_code,
        residence.origin_type_code,
        residence.country_of_origin_code
    from started_courses
    left join course_population as residence
        on
            started_courses.person_id = residence.person_id
            and started_courses.start_year + {{ year_offset }} = residence.status_year
    left join latest_person_rows
        on started_courses.person_id = latest_person_rows.person_id
)

select * from final
