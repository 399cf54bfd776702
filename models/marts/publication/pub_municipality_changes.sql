{#-
    METHOD §8.10: each municipality's change in indicator (pooled fit, headline month) between consecutive cohort
    periods and over the whole span (int_municipality_changes_compared): change with SE, 95 % interval, p-value
    and the flag after the Benjamini–Hochberg correction (var change_fdr), and the rank movement with each
    period's rank interval (both among the period's published municipalities, pub_municipality_over_time).
    Disclosure control (METHOD §7): figures only where both periods' actual shares are
    published in pub_municipality_over_time; otherwise the row is a 'gap' with NULL figures (never 0).
-#}

with changes as (
    select * from {{ ref('int_municipality_changes_compared') }}
),

over_time as (
    select * from {{ ref('pub_municipality_over_time') }}
),

joined as (
    select
        changes.*,
        from_period.actual_pct is not null and to_period.actual_pct is not null as is_shown,
        from_period.indicator_rank as shown_rank_from,
        to_period.indicator_rank as shown_rank_to,
        from_period.rank_low as shown_rank_from_low,
        from_period.rank_high as shown_rank_from_high,
        to_period.rank_low as shown_rank_to_low,
        to_period.rank_high as shown_rank_to_high
    from changes
    inner join over_time as from_period
        on changes.period_from = from_period.cohort_period and changes.municipality_code = from_period.municipality_code
    inner join over_time as to_period
        on changes.period_to = to_period.cohort_period and changes.municipality_code = to_period.municipality_code
),

final as (
    select
        cast(comparison as varchar) as comparison,
        cast(period_from as varchar) as period_from,
        cast(period_to as varchar) as period_to,
        cast(municipality_code as integer) as municipality_code,
        cast(municipality_name as varchar) as municipality_name,
        {%- for column in ['indicator_from_pp', 'indicator_to_pp', 'change_pp', 'change_std_error_pp',
            'change_low_pp', 'change_high_pp', 'p_value'] %}
            cast(case when is_shown then {{ column }} end as double) as {{ column }},
        {%- endfor %}
        cast(case when is_shown then change_flag else 'gap' end as varchar) as change_flag,
        cast(case when is_shown then shown_rank_from end as integer) as rank_from,
        cast(case when is_shown then shown_rank_to end as integer) as rank_to,
        cast(case when is_shown then shown_rank_from - shown_rank_to end as integer) as rank_move,
        {%- for column in ['rank_from_low', 'rank_from_high', 'rank_to_low', 'rank_to_high'] %}
            cast(case when is_shown then shown_{{ column }} end as integer) as {{ column }},
        {%- endfor %}
        {{ build_id() }} as build_id
    from joined
)

select * from final
