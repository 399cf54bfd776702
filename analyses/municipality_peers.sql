-- Peers to learn from (METHOD §8.7, the public mart pub_municipality_peers): the municipalities closest to the
-- chosen one in expected share (case-mix) and size that do better, with their month-6 indicator beside to show
-- whether the lead holds.
with peers as (
    select * from {{ ref('pub_municipality_peers') }}
    where municipality_name = '{{ var("analysis_municipality", "Vejle") }}'
),

benchmark as (
    select * from {{ ref('pub_bilag2_table1_benchmark') }}
),

stability as (
    select * from {{ ref('pub_rank_stability') }}
),

final as (
    select
        peers.cohort_period,
        peers.peer_rank,
        peers.peer_name,
        benchmark.persons,
        benchmark.expected_pct,
        benchmark.actual_pct,
        benchmark.indicator_pp as indicator_m3_pp,
        stability.indicator_m6_pp,
        round(peers.distance, 2) as distance
    from peers
    inner join benchmark
        on peers.cohort_period = benchmark.cohort_period and peers.peer_code = benchmark.municipality_code
    left join stability
        on peers.cohort_period = stability.cohort_period and peers.peer_code = stability.municipality_code
)

select * from final
order by peer_rank
