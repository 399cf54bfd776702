{#-
    Tabel 1.1 (METHOD §6.4): the var benchmark_top_n municipalities with the lowest and highest actual share
    and with the lowest (best) and highest indicator at the headline month, each list with its (unweighted)
    average row. Disclosure applied.
-#}
{%- set top_n = var('benchmark_top_n') %}

with benchmark_all as (
    select * from {{ ref('benchmark_municipalities') }}
    where horizon_month = {{ var('headline_month') }}
),

benchmark as (
    select
        *,
        count(*) over () as municipalities_n
    from benchmark_all
),

listed as (
    select
        'lowest_actual_share' as list_name,
        actual_rank as list_position,
        *
    from benchmark
    where is_top_n_actual
    union all
    select
        'highest_actual_share' as list_name,
        cast(municipalities_n - actual_rank + 1 as integer) as list_position,
        *
    from benchmark
    where is_bottom_n_actual
    union all
    select
        'best_indicator' as list_name,
        indicator_rank as list_position,
        *
    from benchmark
    where is_top_n_indicator
    union all
    select
        'worst_indicator' as list_name,
        cast(municipalities_n - indicator_rank + 1 as integer) as list_position,
        *
    from benchmark
    where is_bottom_n_indicator
),

rows_listed as (
    select
        list_name,
        cast(list_position as integer) as list_position,
        municipality_name,
        persons,
        {{ publication_share('observed', 'persons') }} as actual_pct,
        {{ publication_share('expected', 'persons') }} as expected_pct,
        case when persons > {{ var('disclosure_max_persons') }} then indicator_pp end as indicator_pp
    from listed
),

averages as (
    select
        list_name,
        cast(null as integer) as list_position,
        'Gennemsnit' as municipality_name,
        cast(sum(persons) as integer) as persons,
        avg(actual_pct) as actual_pct,
        avg(expected_pct) as expected_pct,
        avg(indicator_pp) as indicator_pp
    from rows_listed
    group by list_name
),

unioned as (
    select * from rows_listed
    union all
    select * from averages
),

final as (
    select
        *,
        {{ publication_is_suppressed(['persons']) }} as has_suppressed_share
    from unioned
)

select
    *,
    {{ build_id() }} as build_id
from final
