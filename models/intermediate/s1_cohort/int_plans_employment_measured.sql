{#-
    §1.2 employed 2 months before: paid hours summed over all jobs in the calendar month
    var employment_months_before months before the admission month; employed = >= var min_paid_hours,
    full time = >= var full_time_hours. The industry is the DB07 division of the job with most hours that
    month (Decision: ties -> lowest DB07 code, then lowest workplace id), grouped by seed db07_divisions.
-#}
with plans as (
    select * from {{ ref('int_plans_considered') }}
),

jobs as (
    select * from {{ ref('stg_bfl__job_months') }}
),

divisions as (
    select * from {{ ref('db07_divisions') }}
),

plan_months as (
    select
        plan_id,
        person_id,
        {{ add_months(month_start('admission_date'), -1 * var('employment_months_before')) }}
            as employment_month_date
    from plans
),

jobs_in_month as (
    select
        plan_months.plan_id,
        jobs.workplace_id,
        jobs.db07_code,
        jobs.db07_division,
        sum(jobs.paid_hours) as job_hours
    from plan_months
    inner join jobs
        on
            plan_months.person_id = jobs.person_id
            and plan_months.employment_month_date = jobs.employment_month_date
    group by plan_months.plan_id, jobs.workplace_id, jobs.db07_code, jobs.db07_division
),

ranked_jobs as (
    select
        plan_id,
        db07_code,
        db07_division,
        sum(job_hours) over (partition by plan_id) as total_paid_hours,
        row_number() over (
            partition by plan_id order by job_hours desc, db07_code asc nulls last, workplace_id asc
        ) as job_rank
    from jobs_in_month
),

main_job as (
    select * from ranked_jobs
    where job_rank = 1
),

final as (
    select
        plan_months.plan_id,
        plan_months.employment_month_date,
        coalesce(main_job.total_paid_hours, 0) as total_paid_hours,
        main_job.db07_code as main_job_db07_code,
        main_job.db07_division as main_job_db07_division,
        divisions.db07_section,
        divisions.report_group as industry_report_group,
        divisions.physical_demand,
        divisions.regression_group as industry_group,
        main_job.db07_division is not null and divisions.db07_division is null as is_unmapped_db07_division,
        coalesce(main_job.total_paid_hours, 0) >= {{ var('min_paid_hours') }} as is_employed,
        coalesce(main_job.total_paid_hours, 0) >= {{ var('full_time_hours') }} as is_full_time
    from plan_months
    left join main_job
        on plan_months.plan_id = main_job.plan_id
    left join divisions
        on main_job.db07_division = divisions.db07_division
)

select * from final
