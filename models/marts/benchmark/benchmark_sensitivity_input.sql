{#-
    The input of the sensitivity refits (METHOD §8.8): one row per analysis and course in it, with the 0/1
    outcome at the headline month under the analysis's rule and the 23 case-mix variables as text level values
    (as benchmark_regression_input at the headline month). Analyses:
    - holiday_as_benefit: holiday-benefit weeks count as `not_returned`; the courses criterion 9 left out only
      for holiday benefit come in (other undeterminable weeks still exclude);
    - min_weeks_<k> (var sensitivity_min_benefit_weeks): on benefits = `not_returned` in ≥ k of the window's
      weeks, the analysed cohort;
    - neither_excluded: the analysed cohort without the courses neither on benefits nor with paid hours in the
      month of measurement (the report's delanalyse), main outcome;
    - frame_conditions_dropped: the analysed cohort and main outcome; the Python model leaves out the variables of
      var sensitivity_frame_variables (density and plan share).
    Person-level: group restricted. The dbt Python model benchmark_sensitivity_results refits each analysis,
    per cohort period (METHOD §8.10; the course's period from its start year).
-#}
{%- set h = var('headline_month') %}
{%- set min_weeks = var('outcome_min_benefit_weeks') %}

with measured as (
    select * from {{ ref('int_courses_sensitivity_measured') }}
),

cohort as (
    select
        course_id,
        is_on_benefits_m{{ h }} as is_on_benefits_main
    from {{ ref('analysis_cohort') }}
),

universe as (
    select
        measured.*,
        cohort.course_id is not null as is_in_cohort,
        cohort.is_on_benefits_main,
        casemix.* exclude (plan_id)  -- noqa: RF02
    from measured
    inner join {{ ref('int_courses_casemix_banded') }} as casemix
        on measured.course_id = casemix.plan_id
    left join cohort
        on measured.course_id = cohort.course_id
),

analyses as (
    select
        'holiday_as_benefit' as analysis,
        *,
        not_returned_weeks + holiday_weeks >= {{ min_weeks }} as is_on
    from universe
    where other_undeterminable_weeks = 0 and (is_in_cohort or holiday_weeks > 0)
    {%- for k in var('sensitivity_min_benefit_weeks') %}
        union all
        select
            'min_weeks_{{ k }}' as analysis,
            *,
            not_returned_weeks >= {{ k }} as is_on
        from universe
        where is_in_cohort
    {%- endfor %}
    union all
    select
        'neither_excluded' as analysis,
        *,
        is_on_benefits_main as is_on
    from universe
    where is_in_cohort and (is_on_benefits_main or has_paid_hours)
    union all
    select
        'frame_conditions_dropped' as analysis,
        *,
        is_on_benefits_main as is_on
    from universe
    where is_in_cohort
),

final as (
    select
        cast({{ cohort_period_of('start_year') }} as varchar) as cohort_period,
        analysis,
        cast(course_id as varchar) as course_id,
        cast(municipality_code as integer) as municipality_code,
        {%- for name in benchmark_casemix_columns() %}
            {{ benchmark_level_value(name, h) }} as {{ name }},
        {%- endfor %}
        cast(is_on as integer) as is_on_benefits
    from analyses
)

select * from final
