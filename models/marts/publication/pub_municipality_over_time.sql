{#-
    METHOD §8.10: each municipality's benchmark over the cohort periods — one row per period × municipality (all
    of seed municipalities, also those not benchmarked in a period), from the pooled fit at the headline month
    (int_municipality_periods_pooled): persons, actual and expected share, indicator with its 95 % interval, its
    rank among the period's published municipalities and the bootstrap rank interval. A municipality-period that
    is not benchmarked (exclusion_reason) has NULL figures — a gap, never 0. Disclosure control (METHOD §7):
    persons and the actual share from the suppressed publication cells (macro period_benchmark_cells); expected
    share, indicator, interval and ranks only where the actual share is published.
-#}

with municipality_periods as (
    select * from {{ ref('int_municipality_periods_pooled') }}
),

cells as (
    {{ period_benchmark_cells() }}
),

shown as (
    select
        municipality_periods.*,
        case
            when municipality_periods.is_benchmarked
                then {{ disclosed_count('persons_m' ~ var('headline_month')) }}
        end as shown_persons,
        case
            when municipality_periods.is_benchmarked
                then {{ disclosed_share('on_m' ~ var('headline_month'), 'persons_m' ~ var('headline_month')) }}
        end as shown_actual_pct
    from municipality_periods
    left join cells
        on
            municipality_periods.cohort_period = cells.cohort_period
            and cast(municipality_periods.municipality_code as varchar) = cells.area
),

final as (
    select
        cast(cohort_period as varchar) as cohort_period,
        cast(cohort_period_order as integer) as cohort_period_order,
        cast(municipality_code as integer) as municipality_code,
        cast(municipality_name as varchar) as municipality_name,
        cast(is_benchmarked as boolean) as is_benchmarked,
        cast(exclusion_reason as varchar) as exclusion_reason,
        cast(shown_persons as integer) as persons,
        cast(shown_actual_pct as double) as actual_pct,
        {%- for column in ['expected_pct', 'indicator_pp', 'indicator_low_pp', 'indicator_high_pp'] %}
            cast(case when shown_actual_pct is not null then {{ column }} end as double) as {{ column }},
        {%- endfor %}
        cast(
            case
                when shown_actual_pct is not null
                    then rank() over (
                        partition by cohort_period, shown_actual_pct is not null order by indicator_pp
                    )
            end as integer
        ) as indicator_rank,
        cast(case when shown_actual_pct is not null then rank_low end as integer) as rank_low,
        cast(case when shown_actual_pct is not null then rank_high end as integer) as rank_high,
        {{ build_id() }} as build_id
    from shown
)

select * from final
