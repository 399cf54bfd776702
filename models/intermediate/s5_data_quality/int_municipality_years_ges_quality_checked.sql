{#-
    §5 criteria 1–2 (Sundhedsdatastyrelsen's quality requirements) per municipality and calendar year of
    the cohort periods' start years (METHOD §8.10), on the GES services the municipality reported:
    1. services in all var dq_months_required (12) months;
    2. a_m = services / distinct persons served in month m; a swing is a month m = 2..12 with
       a_m / a_(m-1) > var dq_swing_upper or < var dq_swing_lower (only where both months have services);
       at most var dq_max_swings swings.
    One row per municipality of seed municipalities and year.
-#}
with services as (
    select * from {{ ref('stg_ges__services') }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

years as (
    select unnest([{{ sql_list(period_start_years()) }}]) as quality_year
),

monthly as (
    select
        reporting_municipality_code as municipality_code,
        cast(extract(year from service_date) as integer) as quality_year,
        cast(extract(month from service_date) as integer) as service_month,
        count(*) as services,
        count(distinct person_id) as persons_served
    from services
    where extract(year from service_date) in ({{ sql_list(period_start_years()) }})
    group by
        reporting_municipality_code,
        extract(year from service_date),
        extract(month from service_date)
),

ratios as (
    select
        *,
        services / persons_served as services_per_person,
        lag(services / persons_served) over (
            partition by municipality_code, quality_year order by service_month
        ) as previous_services_per_person,
        lag(service_month) over (partition by municipality_code, quality_year order by service_month)
            as previous_month
    from monthly
),

per_year as (
    select
        municipality_code,
        quality_year,
        count(*) as months_with_services,
        cast(sum(services) as bigint) as services,
        count(*) filter (
            where previous_month = service_month - 1
            and (
                services_per_person / previous_services_per_person > {{ var('dq_swing_upper') }}
                or services_per_person / previous_services_per_person < {{ var('dq_swing_lower') }}
            )
        ) as swing_months
    from ratios
    group by municipality_code, quality_year
),

final as (
    select
        municipalities.kom_kode as municipality_code,
        years.quality_year,
        coalesce(per_year.services, 0) as services,
        coalesce(per_year.months_with_services, 0) as months_with_services,
        coalesce(per_year.swing_months, 0) as swing_months,
        coalesce(per_year.months_with_services, 0) >= {{ var('dq_months_required') }} as passes_twelve_months,
        coalesce(per_year.swing_months, 0) <= {{ var('dq_max_swings') }} as passes_swing,
        coalesce(per_year.months_with_services, 0) >= {{ var('dq_months_required') }}
        and coalesce(per_year.swing_months, 0) <= {{ var('dq_max_swings') }} as passes_ges_quality
    from municipalities
    cross join years
    left join per_year
        on
            municipalities.kom_kode = per_year.municipality_code
            and years.quality_year = per_year.quality_year
)

select * from final
