{#-
    Peers to learn from (METHOD §8.7): for each municipality with a published indicator at the headline month,
    the var peers_per_municipality municipalities closest to it in expected share (who it gets: the case-mix)
    and in size (log persons), each distance in standard deviations over the published municipalities, among
    those whose indicator is lower than its own and below 0. Reads the public Bilag 2 Tabel 1 only, so a
    suppressed municipality is neither given peers nor named as one.
-#}
with benchmark as (
    select
        cohort_period,
        municipality_code,
        municipality_name,
        persons,
        expected_pct,
        indicator_pp
    from {{ ref('pub_bilag2_table1_benchmark') }}
    where
        not is_national
        and indicator_pp is not null
        and expected_pct is not null
        and persons > 0
),

spread as (
    -- a spread of 0 (one municipality, or all alike) counts as 1, so distances stay defined
    select
        cohort_period,
        coalesce(nullif(stddev_pop(expected_pct), 0), 1) as sd_expected,
        coalesce(nullif(stddev_pop(ln(persons)), 0), 1) as sd_log_persons
    from benchmark
    group by cohort_period
),

pairs as (
    select
        chosen.cohort_period,
        chosen.municipality_code,
        chosen.municipality_name,
        peer.municipality_code as peer_code,
        peer.municipality_name as peer_name,
        sqrt(
            power((peer.expected_pct - chosen.expected_pct) / spread.sd_expected, 2)
            + power((ln(peer.persons) - ln(chosen.persons)) / spread.sd_log_persons, 2)
        ) as distance
    from benchmark as chosen
    inner join benchmark as peer
        on
            chosen.cohort_period = peer.cohort_period
            and chosen.indicator_pp > peer.indicator_pp
            and chosen.municipality_code != peer.municipality_code
            and peer.indicator_pp < 0
    inner join spread
        on chosen.cohort_period = spread.cohort_period
),

final as (
    select
        cohort_period,
        municipality_code,
        municipality_name,
        cast(row_number() over (
            partition by cohort_period, municipality_code order by distance, peer_code
        ) as integer) as peer_rank,
        peer_code,
        peer_name,
        round(distance, 6) as distance,
        {{ build_id() }} as build_id
    from pairs
    qualify peer_rank <= {{ var('peers_per_municipality') }}
)

select * from final
