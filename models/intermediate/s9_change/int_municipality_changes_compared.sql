{#-
    METHOD §8.10: the change of each municipality's pooled indicator (int_municipality_periods_pooled) between
    consecutive cohort periods (comparison 'consecutive') and from the first to the last period ('whole_span',
    whenever there are 2 or more periods; with 2 it is the one consecutive pair again). change_pp = indicator_to −
    indicator_from; SE = √(SE_from² + SE_to²) (independent courses; the pooled predictions taken as fixed); 95 %
    interval (var benchmark_z_inner); two-sided p-value 2·(1 − Φ(|z|)) (macro normal_cdf; shown rounded to 4
    decimals, the test uses it unrounded);
    flag with the Benjamini–Hochberg false-discovery rate var change_fdr over the municipalities benchmarked in
    both periods of the comparison: 'better' (significant change below 0 = fewer on benefits than expected),
    'worse' (above 0), 'no_evidence'; 'gap' when the municipality is not benchmarked in one or both periods (its
    figures NULL, never 0). Rank movement: rank_from − rank_to (positive = moved up) with each period's bootstrap
    rank interval.
-#}
{%- set z_inner = var('benchmark_z_inner') -%}
{%- set fdr = var('change_fdr') -%}

with municipality_periods as (
    select * from {{ ref('int_municipality_periods_pooled') }}
),

period_orders as (
    select max(cohort_period_order) as last_order
    from municipality_periods
),

pairs as (
    select distinct
        'consecutive' as comparison,
        earlier.cohort_period as period_from,
        later.cohort_period as period_to,
        earlier.cohort_period_order as order_from
    from municipality_periods as earlier
    inner join municipality_periods as later
        on earlier.cohort_period_order + 1 = later.cohort_period_order
    union all
    select distinct
        'whole_span' as comparison,
        earlier.cohort_period as period_from,
        later.cohort_period as period_to,
        earlier.cohort_period_order as order_from
    from municipality_periods as earlier
    cross join period_orders
    inner join municipality_periods as later
        on period_orders.last_order = later.cohort_period_order
    where earlier.cohort_period_order = 1 and period_orders.last_order > 1
),

compared as (
    select
        pairs.comparison,
        pairs.period_from,
        pairs.period_to,
        pairs.order_from,
        from_period.municipality_code,
        from_period.municipality_name,
        from_period.is_benchmarked and to_period.is_benchmarked as is_compared,
        from_period.indicator_pp as indicator_from_pp,
        to_period.indicator_pp as indicator_to_pp,
        from_period.std_error_pp as std_error_from_pp,
        to_period.std_error_pp as std_error_to_pp,
        from_period.indicator_rank as rank_from,
        to_period.indicator_rank as rank_to,
        from_period.rank_low as rank_from_low,
        from_period.rank_high as rank_from_high,
        to_period.rank_low as rank_to_low,
        to_period.rank_high as rank_to_high
    from pairs
    inner join municipality_periods as from_period
        on pairs.period_from = from_period.cohort_period
    inner join municipality_periods as to_period
        on
            pairs.period_to = to_period.cohort_period
            and from_period.municipality_code = to_period.municipality_code
),

tested as (
    select
        *,
        case when is_compared then indicator_to_pp - indicator_from_pp end as change_pp,
        case
            when is_compared then sqrt(power(std_error_from_pp, 2) + power(std_error_to_pp, 2))
        end as change_std_error_pp
    from compared
),

with_p as (
    select
        *,
        case
            when change_std_error_pp > 0
                then 2 * (1 - {{ normal_cdf('abs(change_pp) / change_std_error_pp') }})
        end as p_value_exact
    from tested
),

ordered as (
    select
        *,
        count(p_value_exact) over (partition by comparison, period_from, period_to) as tests_n,
        case
            when p_value_exact is not null
                then row_number() over (
                    partition by comparison, period_from, period_to, p_value_exact is null
                    order by p_value_exact, municipality_code
                )
        end as p_rank
    from with_p
),

thresholded as (
    select
        *,
        max(case when p_value_exact <= p_rank * {{ fdr }} / tests_n then p_rank end)
            over (partition by comparison, period_from, period_to) as bh_cutoff_rank
    from ordered
),

final as (
    select
        comparison,
        period_from,
        period_to,
        municipality_code,
        municipality_name,
        indicator_from_pp,
        indicator_to_pp,
        change_pp,
        change_std_error_pp,
        change_pp - {{ z_inner }} * change_std_error_pp as change_low_pp,
        change_pp + {{ z_inner }} * change_std_error_pp as change_high_pp,
        round(p_value_exact, 4) as p_value,
        case
            when not is_compared then 'gap'
            when p_rank <= bh_cutoff_rank and change_pp < 0 then 'better'
            when p_rank <= bh_cutoff_rank and change_pp > 0 then 'worse'
            else 'no_evidence'
        end as change_flag,
        case when is_compared then rank_from end as rank_from,
        case when is_compared then rank_to end as rank_to,
        case when is_compared then rank_from - rank_to end as rank_move,
        case when is_compared then rank_from_low end as rank_from_low,
        case when is_compared then rank_from_high end as rank_from_high,
        case when is_compared then rank_to_low end as rank_to_low,
        case when is_compared then rank_to_high end as rank_to_high,
        order_from
    from thresholded
)

select * from final
