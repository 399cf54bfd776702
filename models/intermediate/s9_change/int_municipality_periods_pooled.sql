{#-
    METHOD §8.10: the pooled benchmark per cohort period and municipality at the headline month — every period ×
    every municipality of seed municipalities (also those not benchmarked in a period: a gap, never a 0). From the
    pooled fit's municipality rows (benchmark_model_results, fit = 'pooled'): persons, observed, expected, the
    indicator = (observed − expected)/persons in points with SE = 100·√Σp(1−p)/persons (the binomial sampling
    error of the actual share under the model), its 95 % interval (var benchmark_z_inner), the rank among the
    period's benchmarked municipalities (1 = lowest = best) and the seeded bootstrap rank interval (§8.4) of the
    pooled indicators in the period. Why not benchmarked: the data-quality criterion of §5 that removed the
    municipality's every year of the period (exclusion_reason), else 'no_analysed_courses'.
-#}
{%- set z_inner = var('benchmark_z_inner') -%}

with periods as (
    select * from {{ cohort_periods_relation() }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

pooled as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(municipality_code as integer) as municipality_code,
        max(value) filter (where metric = 'persons') as persons,
        max(value) filter (where metric = 'observed') as observed,
        max(value) filter (where metric = 'expected') as expected,
        max(value) filter (where metric = 'variance') as variance_sum,
        max(value) filter (where metric = 'expected_reference') as expected_reference,
        cast(max(value) filter (where metric = 'rank_low') as integer) as rank_low,
        cast(max(value) filter (where metric = 'rank_high') as integer) as rank_high
    from {{ ref('benchmark_model_results') }}
    where
        fit = 'pooled'
        and record_kind = 'municipality'
        and horizon_month = {{ var('headline_month') }}
    group by all
),

quality as (
    select
        cohort_period,
        municipality_code,
        bool_or(is_year_kept) as has_year_kept,
        bool_and(failed_criterion = 'sds_quality') as fails_sds_every_year,
        bool_or(failed_criterion = 'min_persons_total') as fails_min_total
    from {{ ref('municipality_data_quality') }}
    group by cohort_period, municipality_code
),

measured as (
    select
        periods.cohort_period,
        periods.cohort_period_order,
        municipalities.kom_kode as municipality_code,
        municipalities.kom_navn as municipality_name,
        pooled.municipality_code is not null as is_benchmarked,
        case
            when pooled.municipality_code is not null then null
            when quality.has_year_kept is null then 'no_quality_data'
            when quality.has_year_kept then 'no_analysed_courses'
            when quality.fails_sds_every_year then 'sds_quality'
            when quality.fails_min_total then 'min_persons_total'
            else 'min_persons_year'
        end as exclusion_reason,
        cast(pooled.persons as integer) as persons,
        cast(pooled.observed as integer) as observed,
        pooled.expected,
        pooled.expected_reference,
        100.0 * pooled.observed / pooled.persons as actual_pct,
        100.0 * pooled.expected / pooled.persons as expected_pct,
        100.0 * (pooled.observed - pooled.expected) / pooled.persons as indicator_pp,
        100.0 * sqrt(pooled.variance_sum) / pooled.persons as std_error_pp,
        pooled.rank_low,
        pooled.rank_high
    from periods
    cross join municipalities
    left join pooled
        on
            periods.cohort_period = pooled.cohort_period
            and municipalities.kom_kode = pooled.municipality_code
    left join quality
        on
            periods.cohort_period = quality.cohort_period
            and municipalities.kom_kode = quality.municipality_code
),

final as (
    select
        cohort_period,
        cohort_period_order,
        municipality_code,
        municipality_name,
        is_benchmarked,
        exclusion_reason,
        persons,
        observed,
        expected,
        expected_reference,
        actual_pct,
        expected_pct,
        indicator_pp,
        std_error_pp,
        indicator_pp - {{ z_inner }} * std_error_pp as indicator_low_pp,
        indicator_pp + {{ z_inner }} * std_error_pp as indicator_high_pp,
        case
            when is_benchmarked
                then cast(rank() over (
                    partition by cohort_period, is_benchmarked order by indicator_pp
                ) as integer)
        end as indicator_rank,
        rank_low,
        rank_high
    from measured
)

select * from final
