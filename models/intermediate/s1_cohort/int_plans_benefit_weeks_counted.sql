{#-
    §1.3 and the two benefit-weeks covariates of §4, all relative to the ISO week of admission (week 0),
    on the cleaned benefit weeks (§3):
    - pre_admission_benefit_weeks: weeks -9..-7 (vars pre_admission_weeks_from/_to) with any benefit
      (not_returned or undeterminable); the plan passes with <= var pre_admission_max_benefit_weeks;
    - near_benefit_weeks: not_returned weeks from week -9 (var near_benefit_weeks_from) up to and including
      the rehab-start week (NULL when no course started);
    - year_benefit_weeks: not_returned weeks -61..-10 (vars year_benefit_weeks_from/_to).
    One row per considered plan that passes §1.2 (employed): DREAM is read for those persons only.
-#}
with plan_windows as (
    select * from {{ ref('int_plans_employed_selected') }}
),

benefit_weeks as (
    select * from {{ ref('int_benefit_weeks_cleaned') }}
),

relative_weeks as (
    select
        plan_windows.plan_id,
        {{ weeks_between('plan_windows.admission_week_monday_date', 'benefit_weeks.week_monday_date') }}
            as week_from_admission,
        benefit_weeks.week_monday_date <= plan_windows.rehab_start_week_monday_date as is_up_to_rehab_start,
        benefit_weeks.is_benefit,
        benefit_weeks.is_not_returned
    from plan_windows
    inner join benefit_weeks
        on
            plan_windows.person_id = benefit_weeks.person_id
            and benefit_weeks.week_monday_date
            >= {{ add_weeks('plan_windows.admission_week_monday_date', var('year_benefit_weeks_from')) }}
            and benefit_weeks.week_monday_date <= greatest(
                plan_windows.admission_week_monday_date, plan_windows.rehab_start_week_monday_date
            )
),

counted as (
    select
        plan_id,
        count(*) filter (
            where is_benefit
            and week_from_admission between -{{ var('pre_admission_weeks_to') }}
            and -{{ var('pre_admission_weeks_from') }}
        ) as pre_admission_benefit_weeks,
        count(*) filter (
            where is_not_returned
            and week_from_admission >= {{ var('near_benefit_weeks_from') }}
            and is_up_to_rehab_start
        ) as near_benefit_weeks,
        count(*) filter (
            where is_not_returned
            and week_from_admission between {{ var('year_benefit_weeks_from') }}
            and {{ var('year_benefit_weeks_to') }}
        ) as year_benefit_weeks
    from relative_weeks
    group by plan_id
),

final as (
    select
        plan_windows.plan_id,
        cast(coalesce(counted.pre_admission_benefit_weeks, 0) as integer) as pre_admission_benefit_weeks,
        coalesce(counted.pre_admission_benefit_weeks, 0) <= {{ var('pre_admission_max_benefit_weeks') }}
            as has_no_benefits_before,
        case
            when plan_windows.rehab_start_week_monday_date is not null
                then cast(coalesce(counted.near_benefit_weeks, 0) as integer)
        end as near_benefit_weeks,
        cast(coalesce(counted.year_benefit_weeks, 0) as integer) as year_benefit_weeks
    from plan_windows
    left join counted
        on plan_windows.plan_id = counted.plan_id
)

select * from final
