{#-
    METHOD §8.8 per sensitivity analysis and municipality: the refit's indicator (actual − expected, points) beside
    the main headline indicator, both ranked among the municipalities whose headline benchmark is published
    (int_benchmark_units_published) and present in the refit (1 = best, ties share the lower rank); the rank
    change (analysis − main), the order of the moves (1 = largest absolute change, ties by code) and the Spearman
    correlation of the two rankings (Pearson on the ranks), NULL when undefined. Per cohort period: ranks and
    correlations among the period's municipalities, the refit of the period.
-#}
with units as (
    select
        cohort_period,
        municipality_code,
        indicator_pp as main_indicator_pp
    from {{ ref('int_benchmark_units_published') }}
    where horizon_month = {{ var('headline_month') }} and is_published
),

refits as (
    select
        cohort_period,
        analysis,
        cast(municipality_code as integer) as municipality_code,
        100.0 * (observed - expected) / persons as indicator_pp
    from {{ ref('benchmark_sensitivity_results') }}
    where municipality_code is not null and persons > 0
),

ranked as (
    select
        refits.cohort_period,
        refits.analysis,
        refits.municipality_code,
        units.main_indicator_pp,
        refits.indicator_pp,
        cast(rank() over (
            partition by refits.cohort_period, refits.analysis order by units.main_indicator_pp
        ) as integer) as rank_main,
        cast(rank() over (
            partition by refits.cohort_period, refits.analysis order by refits.indicator_pp
        ) as integer) as rank_analysis
    from refits
    inner join units
        on refits.cohort_period = units.cohort_period and refits.municipality_code = units.municipality_code
),

moved as (
    select
        *,
        rank_analysis - rank_main as rank_change,
        corr(rank_main, rank_analysis) over (partition by cohort_period, analysis) as rank_correlation_raw
    from ranked
)

select
    cohort_period,
    analysis,
    municipality_code,
    main_indicator_pp,
    indicator_pp,
    rank_main,
    rank_analysis,
    rank_change,
    cast(row_number() over (
        partition by cohort_period, analysis order by abs(rank_change) desc, municipality_code
    ) as integer) as move_order,
    case when not isnan(rank_correlation_raw) then rank_correlation_raw end as rank_correlation
from moved
