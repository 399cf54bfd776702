{#-
    Bilag 2 Tabel 1 (METHOD §6.3–6.4, §7): per analysed municipality and nationally, the actual and expected
    share on public benefits 3 months after rehab start, the indicator (points), its quintile (1 = best),
    flag and rank interval. Disclosure applied.
-#}
with benchmark as (
    select * from {{ ref('benchmark_municipalities') }}
    where horizon_month = {{ var('headline_month') }}
),

predictions as (
    select * from {{ ref('benchmark_course_predictions') }}
    where horizon_month = {{ var('headline_month') }}
),

municipal as (
    select
        municipality_code,
        municipality_name,
        false as is_national,
        persons,
        {{ publication_share('observed', 'persons') }} as actual_pct,
        {{ publication_share('expected', 'persons') }} as expected_pct,
        case when persons > {{ var('disclosure_max_persons') }} then indicator_pp end as indicator_pp,
        case when persons > {{ var('disclosure_max_persons') }} then indicator_low_pp end as indicator_low_pp,
        case when persons > {{ var('disclosure_max_persons') }} then indicator_high_pp end as indicator_high_pp,
        quintile,
        benchmark_flag,
        indicator_rank,
        rank_low,
        rank_high
    from benchmark
),

national as (
    select
        cast(null as integer) as municipality_code,
        'Landsgennemsnit' as municipality_name,
        true as is_national,
        cast(count(*) as integer) as persons,
        {{ publication_share('sum(is_on_benefits)', 'count(*)') }} as actual_pct,
        {{ publication_share('sum(predicted_probability)', 'count(*)') }} as expected_pct,
        case
            when count(*) > {{ var('disclosure_max_persons') }}
                then 100.0 * (sum(is_on_benefits) - sum(predicted_probability)) / count(*)
        end as indicator_pp,
        cast(null as double) as indicator_low_pp,
        cast(null as double) as indicator_high_pp,
        cast(null as integer) as quintile,
        cast(null as varchar) as benchmark_flag,
        cast(null as integer) as indicator_rank,
        cast(null as integer) as rank_low,
        cast(null as integer) as rank_high
    from predictions
    having count(*) > 0
),

unioned as (
    select * from municipal
    union all
    select * from national
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
