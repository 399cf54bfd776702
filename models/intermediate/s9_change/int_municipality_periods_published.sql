{#-
    METHOD §8.10, §7: the pooled benchmark per cohort period and municipality (int_municipality_periods_pooled)
    as it may be published: persons and the actual share from the suppressed publication cells (macro
    period_benchmark_cells), the expected share, indicator, SE and interval only where the actual share is
    published (is_published), and the rank among the period's published municipalities (1 = best). Not
    benchmarked → NULL figures (a gap, never 0). The bootstrap rank intervals among the published municipalities
    are int_municipality_periods_rank_intervals.
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
        cohort_period,
        cohort_period_order,
        municipality_code,
        municipality_name,
        is_benchmarked,
        exclusion_reason,
        shown_actual_pct is not null as is_published,
        cast(shown_persons as integer) as persons,
        cast(shown_actual_pct as double) as actual_pct,
        {%- for column in ['expected_pct', 'indicator_pp', 'std_error_pp', 'indicator_low_pp', 'indicator_high_pp'] %}
            cast(case when shown_actual_pct is not null then {{ column }} end as double) as {{ column }},
        {%- endfor %}
        cast(
            case
                when shown_actual_pct is not null
                    then rank() over (
                        partition by cohort_period, shown_actual_pct is not null order by indicator_pp
                    )
            end as integer
        ) as indicator_rank
    from shown
)

select * from final
