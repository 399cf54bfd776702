{#-
    §2 outcomes. Week 0 = the ISO week of rehab start. Month m is the window of var outcome_window_weeks
    weeks ending at week round(52/12*m) (m=3: weeks 11-13). On benefits at m = not_returned in
    >= var outcome_min_benefit_weeks of the window's weeks; excluded at m = an undeterminable week in the
    window (then the month's outcome is NULL). At start = week 0 alone. On benefits since start = on benefits
    at m and not_returned in every week from 0 to the window's end. One row per started
    course of a plan passing §1.2 (DREAM is read for those persons only).
-#}
{% set months = var('outcome_months') -%}
{% set last_week = outcome_window_end_week(months | max) -%}

with employed_plans as (
    select * from {{ ref('int_plans_employed_selected') }}
),

benefit_weeks as (
    select * from {{ ref('int_benefit_weeks_cleaned') }}
),

started_courses as (
    select
        plan_id,
        person_id,
        rehab_start_date,
        rehab_start_week_monday_date
    from employed_plans
    where rehab_start_date is not null
),

course_weeks as (
    select
        started_courses.plan_id,
        {{ weeks_between('started_courses.rehab_start_week_monday_date', 'benefit_weeks.week_monday_date') }}
            as week_number,
        benefit_weeks.is_not_returned,
        benefit_weeks.is_undeterminable,
        benefit_weeks.benefit_mix_group
    from started_courses
    inner join benefit_weeks
        on
            started_courses.person_id = benefit_weeks.person_id
            and benefit_weeks.week_monday_date between started_courses.rehab_start_week_monday_date
            and {{ add_weeks('started_courses.rehab_start_week_monday_date', last_week) }}
),

week_counts as (
    select
        plan_id,
        count(*) filter (where week_number = 0 and is_not_returned) as not_returned_weeks_m0,
        count(*) filter (where week_number = 0 and is_undeterminable) as undeterminable_weeks_m0,
        {{ last_value_where('benefit_mix_group', 'week_number', 'week_number = 0 and is_not_returned') }}
            as benefit_mix_group_m0,
        {% for m in months %}
            {% set window_end = outcome_window_end_week(m) %}
            {% set window_start = window_end - var('outcome_window_weeks') + 1 %}
            count(*) filter (
                where week_number between {{ window_start }} and {{ window_end }} and is_not_returned
            ) as not_returned_weeks_m{{ m }},
            count(*) filter (
                where week_number between {{ window_start }} and {{ window_end }} and is_undeterminable
            ) as undeterminable_weeks_m{{ m }},
            {{ last_value_where(
                'benefit_mix_group', 'week_number',
                'week_number between ' ~ window_start ~ ' and ' ~ window_end ~ ' and is_not_returned'
            ) }} as benefit_mix_group_m{{ m }},
            count(*) filter (
                where week_number between 0 and {{ window_end }} and is_not_returned
            ) as not_returned_weeks_since_start_m{{ m }},
        {% endfor %}
        count(*) as measured_benefit_weeks
    from course_weeks
    group by plan_id
),

final as (
    select
        started_courses.plan_id,
        started_courses.rehab_start_date,
        started_courses.rehab_start_week_monday_date,
        coalesce(week_counts.undeterminable_weeks_m0, 0) > 0 as is_excluded_m0,
        case
            when coalesce(week_counts.undeterminable_weeks_m0, 0) = 0
                then coalesce(week_counts.not_returned_weeks_m0, 0) > 0
        end as is_on_benefits_m0,
        case
            when coalesce(week_counts.undeterminable_weeks_m0, 0) = 0
                then coalesce(week_counts.not_returned_weeks_m0, 0) > 0
        end as is_on_benefits_since_start_m0,
        case
            when coalesce(week_counts.undeterminable_weeks_m0, 0) = 0 and week_counts.not_returned_weeks_m0 > 0
                then week_counts.benefit_mix_group_m0
        end as benefit_mix_group_m0,
        {% for m in months %}
            {% set window_end = outcome_window_end_week(m) %}
            coalesce(week_counts.not_returned_weeks_m{{ m }}, 0) as not_returned_weeks_m{{ m }},
            coalesce(week_counts.undeterminable_weeks_m{{ m }}, 0) > 0 as is_excluded_m{{ m }},
            case
                when coalesce(week_counts.undeterminable_weeks_m{{ m }}, 0) = 0
                    then coalesce(week_counts.not_returned_weeks_m{{ m }}, 0) >= {{ var('outcome_min_benefit_weeks') }}
            end as is_on_benefits_m{{ m }},
            case
                when
                    coalesce(week_counts.undeterminable_weeks_m{{ m }}, 0) = 0
                    and week_counts.not_returned_weeks_m{{ m }} >= {{ var('outcome_min_benefit_weeks') }}
                    then week_counts.benefit_mix_group_m{{ m }}
            end as benefit_mix_group_m{{ m }},
            case
                when coalesce(week_counts.undeterminable_weeks_m{{ m }}, 0) = 0
                    then
                        coalesce(week_counts.not_returned_weeks_m{{ m }}, 0) >= {{ var('outcome_min_benefit_weeks') }}
                        and coalesce(week_counts.not_returned_weeks_since_start_m{{ m }}, 0) = {{ window_end + 1 }}
            end as is_on_benefits_since_start_m{{ m }},
        {% endfor %}
        coalesce(week_counts.measured_benefit_weeks, 0) as measured_benefit_weeks
    from started_courses
    left join week_counts
        on started_courses.plan_id = week_counts.plan_id
)

select * from final
