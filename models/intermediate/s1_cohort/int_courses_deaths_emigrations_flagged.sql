{#-
    §1.7 alive and resident: no death and no emigration from var alive_months_before_admission months
    before admission until the end (Sunday) of the last outcome window (week round(52/12 * max month)
    after the rehab-start week). Evidence: the death register, an emigration (vnds codes of var
    emigration_codes), or a DREAM week with an exit code (seed dream_benefit_codes.exit_event: death or
    emigration). One row per started course of a plan passing §1.2 (DREAM is read for those persons only).
-#}
{%- set last_week = outcome_window_end_week(var('outcome_months') | max) -%}

with employed_plans as (
    select * from {{ ref('int_plans_employed_selected') }}
),

deaths as (
    select * from {{ ref('stg_dod__deaths') }}
),

migrations as (
    select * from {{ ref('stg_vnds__migrations') }}
),

benefit_weeks as (
    select * from {{ ref('int_benefit_weeks_cleaned') }}
),

windows as (
    select
        plan_id,
        person_id,
        {{ add_months('admission_date', -1 * var('alive_months_before_admission')) }} as window_start_date,
        {{ add_days('rehab_start_week_monday_date', 7 * last_week + 6) }} as window_end_date
    from employed_plans
    where rehab_start_date is not null
),

deaths_in_window as (
    select distinct windows.plan_id
    from windows
    inner join deaths
        on
            windows.person_id = deaths.person_id
            and deaths.death_date between windows.window_start_date and windows.window_end_date
),

emigrations_in_window as (
    select distinct windows.plan_id
    from windows
    inner join migrations
        on
            windows.person_id = migrations.person_id
            and migrations.migration_date between windows.window_start_date and windows.window_end_date
    where migrations.migration_direction_code in ({{ sql_list(var('emigration_codes')) }})
),

dream_exits_in_window as (
    select
        windows.plan_id,
        bool_or(benefit_weeks.exit_event = 'death') as has_dream_death,
        bool_or(benefit_weeks.exit_event = 'emigration') as has_dream_emigration
    from windows
    inner join benefit_weeks
        on
            windows.person_id = benefit_weeks.person_id
            and {{ add_days('benefit_weeks.week_monday_date', 6) }} >= windows.window_start_date
            and windows.window_end_date >= benefit_weeks.week_monday_date
    where benefit_weeks.exit_event is not null
    group by windows.plan_id
),

final as (
    select
        windows.plan_id,
        windows.window_start_date,
        windows.window_end_date,
        deaths_in_window.plan_id is not null or coalesce(dream_exits_in_window.has_dream_death, false)
            as has_died,
        emigrations_in_window.plan_id is not null or coalesce(dream_exits_in_window.has_dream_emigration, false)
            as has_emigrated
    from windows
    left join deaths_in_window
        on windows.plan_id = deaths_in_window.plan_id
    left join emigrations_in_window
        on windows.plan_id = emigrations_in_window.plan_id
    left join dream_exits_in_window
        on windows.plan_id = dream_exits_in_window.plan_id
)

select * from final
