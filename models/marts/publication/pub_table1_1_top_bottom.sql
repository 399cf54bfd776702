{#-
    Tabel 1.1 (METHOD §6.4): the var benchmark_top_n municipalities with the lowest and highest actual share
    and with the lowest (best) and highest indicator at the headline month, each list with its (unweighted)
    average row. Disclosure control: only municipalities whose benchmark is published
    (int_benchmark_units_published), ranked among themselves; the average row sums and averages published rows only.
-#}
{%- set top_n = var('benchmark_top_n') %}

with units as (
    select * from {{ ref('int_benchmark_units_published') }}
    where horizon_month = {{ var('headline_month') }} and is_published
),

benchmark as (
    select
        benchmark_municipalities.*,
        units.indicator_rank as published_indicator_rank,
        units.actual_rank as published_actual_rank,
        units.published_units_n
    from {{ ref('benchmark_municipalities') }} as benchmark_municipalities
    inner join units
        on
            benchmark_municipalities.cohort_period = units.cohort_period
            and benchmark_municipalities.horizon_month = units.horizon_month
            and benchmark_municipalities.municipality_code = units.municipality_code
),

listed as (
    select
        'lowest_actual_share' as list_name,
        published_actual_rank as list_position,
        *
    from benchmark
    where published_actual_rank <= {{ top_n }}
    union all
    select
        'highest_actual_share' as list_name,
        published_units_n - published_actual_rank + 1 as list_position,
        *
    from benchmark
    where published_actual_rank > published_units_n - {{ top_n }}
    union all
    select
        'best_indicator' as list_name,
        published_indicator_rank as list_position,
        *
    from benchmark
    where published_indicator_rank <= {{ top_n }}
    union all
    select
        'worst_indicator' as list_name,
        published_units_n - published_indicator_rank + 1 as list_position,
        *
    from benchmark
    where published_indicator_rank > published_units_n - {{ top_n }}
),

rows_listed as (
    select
        cohort_period,
        list_name,
        cast(list_position as integer) as list_position,
        municipality_name,
        persons,
        actual_pct,
        expected_pct,
        indicator_pp
    from listed
),

averages as (
    select
        cohort_period,
        list_name,
        cast(null as integer) as list_position,
        'Gennemsnit' as municipality_name,
        cast(sum(persons) as integer) as persons,
        avg(actual_pct) as actual_pct,
        avg(expected_pct) as expected_pct,
        avg(indicator_pp) as indicator_pp
    from rows_listed
    group by cohort_period, list_name
),

unioned as (
    select * from rows_listed
    union all
    select * from averages
),

final as (
    select
        *,
        false as has_suppressed_share
    from unioned
)

select
    *,
    {{ build_id() }} as build_id
from final
