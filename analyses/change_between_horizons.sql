-- How municipalities move between horizons: the share on benefits at start, 3 and 6 months (Bilag 2
-- Table 2), and the indicator, rank and quintile at months 3 and 6 (rank stability), largest movers first.
with trajectory as (
    select * from {{ ref('pub_bilag2_table2_trajectory') }}
    where not is_national
),

stability as (
    select * from {{ ref('pub_rank_stability') }}
),

final as (
    select
        stability.cohort_period,
        stability.municipality_name,
        trajectory.on_benefits_m0_pct,
        trajectory.on_benefits_m3_pct,
        trajectory.on_benefits_m6_pct,
        trajectory.on_benefits_m6_pct - trajectory.on_benefits_m3_pct as share_change_3_to_6_pp,
        stability.indicator_m3_pp,
        stability.indicator_m6_pp,
        stability.rank_m3,
        stability.rank_m6,
        stability.rank_change,
        stability.quintile_m3,
        stability.quintile_m6,
        stability.is_same_quintile
    from stability
    left join trajectory
        on
            stability.cohort_period = trajectory.cohort_period
            and stability.municipality_code = trajectory.municipality_code
)

select * from final
order by abs(rank_change) desc, municipality_name
