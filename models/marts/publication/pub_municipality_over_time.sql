{#-
    METHOD §8.10: each municipality's benchmark over the cohort periods — one row per period × municipality (all
    of seed municipalities, also those not benchmarked in a period), from the pooled fit at the headline month:
    persons, actual and expected share, indicator with its 95 % interval, its rank among the period's published
    municipalities and the bootstrap rank interval among them. A municipality-period that is not benchmarked
    (exclusion_reason) has NULL figures — a gap, never 0. Disclosure control (METHOD §7) is applied in
    int_municipality_periods_published (suppressed publication cells).
-#}

with published as (
    select * from {{ ref('int_municipality_periods_published') }}
),

intervals as (
    select * from {{ ref('int_municipality_periods_rank_intervals') }}
),

final as (
    select
        cast(published.cohort_period as varchar) as cohort_period,
        cast(published.cohort_period_order as integer) as cohort_period_order,
        cast(published.municipality_code as integer) as municipality_code,
        cast(published.municipality_name as varchar) as municipality_name,
        cast(published.is_benchmarked as boolean) as is_benchmarked,
        cast(published.exclusion_reason as varchar) as exclusion_reason,
        published.persons,
        published.actual_pct,
        published.expected_pct,
        published.indicator_pp,
        published.indicator_low_pp,
        published.indicator_high_pp,
        published.indicator_rank,
        cast(intervals.rank_low as integer) as rank_low,
        cast(intervals.rank_high as integer) as rank_high,
        {{ build_id() }} as build_id
    from published
    left join intervals
        on
            published.cohort_period = intervals.cohort_period
            and published.municipality_code = intervals.municipality_code
)

select * from final
