-- Peers to learn from (the rule of report/peers.py): the municipalities closest to the chosen one in expected
-- share (case-mix) and size (log persons), each in standard deviations over the analysed municipalities, whose
-- indicator is lower than the chosen one's and below 0. Their month-6 indicator shows whether the lead holds.
with benchmark as (
    select * from {{ ref('pub_bilag2_table1_benchmark') }}
    where not is_national and indicator_pp is not null
),

stability as (
    select * from {{ ref('pub_rank_stability') }}
),

spread as (
    select
        stddev_pop(expected_pct) as sd_expected,
        stddev_pop(ln(persons)) as sd_log_persons
    from benchmark
),

chosen as (
    select * from benchmark
    where municipality_name = '{{ var("analysis_municipality", "Vejle") }}'
),

candidates as (
    select
        benchmark.municipality_name as peer_name,
        benchmark.persons,
        benchmark.expected_pct,
        benchmark.actual_pct,
        benchmark.indicator_pp,
        sqrt(
            power((benchmark.expected_pct - chosen.expected_pct) / spread.sd_expected, 2)
            + power((ln(benchmark.persons) - ln(chosen.persons)) / spread.sd_log_persons, 2)
        ) as distance
    from benchmark
    cross join chosen
    cross join spread
    where
        benchmark.indicator_pp < chosen.indicator_pp
        and benchmark.indicator_pp < 0
        and benchmark.municipality_name != chosen.municipality_name
),

final as (
    select
        candidates.peer_name,
        candidates.persons,
        candidates.expected_pct,
        candidates.actual_pct,
        candidates.indicator_pp as indicator_m3_pp,
        stability.indicator_m6_pp,
        round(candidates.distance, 2) as distance
    from candidates
    left join stability
        on candidates.peer_name = stability.municipality_name
)

select * from final
order by distance
limit 3
