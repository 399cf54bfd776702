{#-
    METHOD §8.10: the national trend — one row per cohort period at the headline month: persons and actual share
    (the suppressed national cell), the share expected from the case-mix alone at the first period's level (the
    pooled fit with the period terms set to 0, so actual − expected is the change beyond case-mix), the number
    of benchmarked municipalities, the 10/25/50/75/90 % quantiles of the published municipality indicators, and
    the municipalities flagged better / worse against the previous period (NULL in the first period).
-#}

with over_time as (
    select * from {{ ref('pub_municipality_over_time') }}
),

changes as (
    select * from {{ ref('pub_municipality_changes') }}
    where comparison = 'consecutive'
),

cells as (
    {{ period_benchmark_cells() }}
),

pooled as (
    select
        cohort_period,
        sum(persons) as persons,
        sum(expected_reference) as expected_reference
    from {{ ref('int_municipality_periods_pooled') }}
    where is_benchmarked
    group by cohort_period
),

per_period as (
    select
        cohort_period,
        cohort_period_order,
        count(*) filter (where is_benchmarked) as municipalities_benchmarked,
        quantile_cont(indicator_pp, 0.10) as indicator_p10_pp,
        quantile_cont(indicator_pp, 0.25) as indicator_p25_pp,
        quantile_cont(indicator_pp, 0.50) as indicator_median_pp,
        quantile_cont(indicator_pp, 0.75) as indicator_p75_pp,
        quantile_cont(indicator_pp, 0.90) as indicator_p90_pp
    from over_time
    group by cohort_period, cohort_period_order
),

flags as (
    select
        period_to as cohort_period,
        count(*) filter (where change_flag = 'better') as municipalities_better,
        count(*) filter (where change_flag = 'worse') as municipalities_worse
    from changes
    group by period_to
),

final as (
    select
        cast(per_period.cohort_period as varchar) as cohort_period,
        cast(per_period.cohort_period_order as integer) as cohort_period_order,
        {{ disclosed_count('persons_m' ~ var('headline_month')) }} as persons,
        cast(
            {{ disclosed_share('on_m' ~ var('headline_month'), 'persons_m' ~ var('headline_month')) }} as double
        ) as actual_pct,
        cast(
            case
                when
                    {{ disclosed_share('on_m' ~ var('headline_month'), 'persons_m' ~ var('headline_month')) }}
                    is not null
                    then 100.0 * pooled.expected_reference / pooled.persons
            end as double
        ) as expected_pct,
        cast(per_period.municipalities_benchmarked as integer) as municipalities_benchmarked,
        cast(per_period.indicator_p10_pp as double) as indicator_p10_pp,
        cast(per_period.indicator_p25_pp as double) as indicator_p25_pp,
        cast(per_period.indicator_median_pp as double) as indicator_median_pp,
        cast(per_period.indicator_p75_pp as double) as indicator_p75_pp,
        cast(per_period.indicator_p90_pp as double) as indicator_p90_pp,
        cast(
            case when per_period.cohort_period_order > 1 then coalesce(flags.municipalities_better, 0) end as integer
        ) as municipalities_better,
        cast(
            case when per_period.cohort_period_order > 1 then coalesce(flags.municipalities_worse, 0) end as integer
        ) as municipalities_worse,
        {{ build_id() }} as build_id
    from per_period
    left join cells
        on per_period.cohort_period = cells.cohort_period and cells.area = 'national'
    left join pooled
        on per_period.cohort_period = pooled.cohort_period
    left join flags
        on per_period.cohort_period = flags.cohort_period
)

select * from final
