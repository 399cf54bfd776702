{{ config(enabled=var('check_against_report'), tags=['acceptance']) }}
{#-
    Headline month: the mean absolute difference between our and the published Bilag 2 Table 1 indicator is at
    most var benchmark_published_max_mean_abs_difference_pp, and at least var benchmark_published_min_top_overlap
    of the published top 10 and of the published bottom 10 (by indicator) are ours too.
    Returns one row per failed criterion.
-#}
{%- set top_n = var('benchmark_top_n') %}

with ours as (
    select * from {{ ref('benchmark_municipalities') }}
    where horizon_month = {{ var('headline_month') }}
),

published as (
    select
        municipality,
        indicator_pp,
        rank() over (order by indicator_pp) as published_rank,
        count(*) over () as published_n
    from {{ ref('published_bilag2_table1_benchmark') }}
    where municipality <> 'Landsgennemsnit' and indicator_pp is not null
),

agreement as (
    select
        avg(abs(ours.indicator_pp - published.indicator_pp)) as mean_abs_difference_pp,
        count(*) filter (where published.published_rank <= {{ top_n }} and ours.is_top_n_indicator)
            as top_overlap,
        count(*) filter (
            where published.published_rank > published.published_n - {{ top_n }} and ours.is_bottom_n_indicator
        ) as bottom_overlap
    from published
    left join ours
        on published.municipality = ours.municipality_name
),

final as (
    select 'mean absolute difference ' || round(mean_abs_difference_pp, 2) || ' pp' as problem
    from agreement
    where coalesce(mean_abs_difference_pp > {{ var('benchmark_published_max_mean_abs_difference_pp') }}, true)
    union all
    select 'top {{ top_n }} overlap ' || top_overlap as problem
    from agreement
    where top_overlap < {{ var('benchmark_published_min_top_overlap') }}
    union all
    select 'bottom {{ top_n }} overlap ' || bottom_overlap as problem
    from agreement
    where bottom_overlap < {{ var('benchmark_published_min_top_overlap') }}
)

select * from final
