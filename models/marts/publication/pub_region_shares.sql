{#-
    Figur 6.1 (METHOD §7.3): every analysed municipality's actual share on public benefits at the headline
    month by region (seed municipalities), with its region's spread. Region rows (is_region_row) carry the
    region's persons-weighted average, lowest and highest share and the spread (highest − lowest, points) over
    the municipalities whose share is published; municipality rows carry the municipality's persons and share.
    Disclosure control: only what pub_bilag2_table1_benchmark publishes (a suppressed municipality is listed
    with NULLs and left out of its region's figures, which are sums and averages of published figures only).
-#}
with table1 as (
    select * from {{ ref('pub_bilag2_table1_benchmark') }}
    where not is_national
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

municipal as (
    select
        table1.cohort_period,
        municipalities.region_kode as region_code,
        municipalities.region_navn as region_name,
        false as is_region_row,
        table1.municipality_code,
        table1.municipality_name,
        case when table1.actual_pct is not null then table1.persons end as persons,
        case when table1.persons is not null then table1.actual_pct end as actual_pct
    from table1
    inner join municipalities
        on table1.municipality_code = municipalities.kom_kode
),

regional as (
    select
        cohort_period,
        region_code,
        region_name,
        true as is_region_row,
        cast(null as integer) as municipality_code,
        region_name as municipality_name,
        cast(sum(persons) as integer) as persons,
        sum(actual_pct * persons) / nullif(sum(persons), 0) as actual_pct
    from municipal
    group by cohort_period, region_code, region_name
),

spread as (
    select
        cohort_period,
        region_code,
        count(*) as municipalities_n,
        count(actual_pct) as municipalities_published_n,
        min(actual_pct) as region_min_pct,
        max(actual_pct) as region_max_pct
    from municipal
    group by cohort_period, region_code
),

unioned as (
    select * from regional
    union all
    select * from municipal
),

final as (
    select
        unioned.cohort_period,
        unioned.region_code,
        unioned.region_name,
        unioned.is_region_row,
        unioned.municipality_code,
        unioned.municipality_name,
        unioned.persons,
        unioned.actual_pct,
        cast(spread.municipalities_n as integer) as region_municipalities_n,
        cast(spread.municipalities_published_n as integer) as region_published_n,
        spread.region_min_pct,
        spread.region_max_pct,
        spread.region_max_pct - spread.region_min_pct as region_spread_pp,
        unioned.actual_pct is null as has_suppressed_share
    from unioned
    inner join spread
        on unioned.cohort_period = spread.cohort_period and unioned.region_code = spread.region_code
)

select
    *,
    {{ build_id() }} as build_id
from final
