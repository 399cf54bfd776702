-- A municipality's profile beside the national figures: Bilag 2 Tables 1-4 in one row each.
-- dbt compile --select municipality_profile --vars '{analysis_municipality: Vejle}', then run the SQL in
-- target/compiled/... against the warehouse (or swap the refs for read_parquet('data/marts/<mart>.parquet')).
with benchmark as (
    select * from {{ ref('pub_bilag2_table1_benchmark') }}
),

trajectory as (
    select * from {{ ref('pub_bilag2_table2_trajectory') }}
),

persistence as (
    select * from {{ ref('pub_bilag2_table3_persistence') }}
),

characteristics as (
    select * from {{ ref('pub_bilag2_table4_characteristics') }}
),

final as (
    select
        benchmark.cohort_period,
        benchmark.municipality_name,
        benchmark.persons,
        benchmark.actual_pct,
        benchmark.expected_pct,
        benchmark.indicator_pp,
        benchmark.indicator_low_pp,
        benchmark.indicator_high_pp,
        benchmark.indicator_rank,
        benchmark.rank_low,
        benchmark.rank_high,
        benchmark.quintile,
        benchmark.benchmark_flag,
        trajectory.on_benefits_m0_pct,
        trajectory.on_benefits_m3_pct,
        trajectory.on_benefits_m6_pct,
        persistence.since_start_m3_pct,
        persistence.since_start_m6_pct,
        characteristics.physically_demanding_pct,
        characteristics.large_joint_pct,
        characteristics.women_pct,
        characteristics.men_pct,
        characteristics.under50_pct,
        characteristics.over50_pct
    from benchmark
    left join trajectory
        on
            benchmark.cohort_period = trajectory.cohort_period
            and benchmark.municipality_name = trajectory.municipality_name
    left join persistence
        on
            benchmark.cohort_period = persistence.cohort_period
            and benchmark.municipality_name = persistence.municipality_name
    left join characteristics
        on
            benchmark.cohort_period = characteristics.cohort_period
            and benchmark.municipality_name = characteristics.municipality_name
    where
        benchmark.municipality_name = '{{ var("analysis_municipality", "Vejle") }}'
        or benchmark.is_national
)

select * from final
order by municipality_name = 'Landsgennemsnit'
