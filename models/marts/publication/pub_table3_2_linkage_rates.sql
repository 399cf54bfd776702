{#-
    Tabel 3.2 (METHOD §7): per municipality and nationally, the share of rehabilitation plans that can be
    linked to a municipal rehabilitation course (§1.4: a first service within 60 days and >= 2 services).
    Decision: the plans are int_plans_linkage_population_selected's — passing §1.1–1.3 (general MSK plan,
    employed, no benefits before) of persons aged 18–64 at discharge (vars min_age/max_age; the report's
    population is of working age); the municipality is the residence in the population register of the
    discharge year (status 1 January), because an unlinked plan has no rehab start. The national row carries
    the minimum, maximum, median and mean rate over the analysed municipalities (Tabel 3.2's figures).
    Disclosure applied.
-#}
with plans as (
    select * from {{ ref('int_plans_linkage_population_selected') }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

analysed as (
    select distinct municipality_code from {{ ref('benchmark_municipalities') }}
),

counted as (
    select
        municipality_code,
        grouping(municipality_code) = 1 as is_national,  -- the rollup's grand total: all plans
        count(*) as considered_plans,
        count(*) filter (where is_linked) as linked_plans
    from plans
    group by rollup(municipality_code)  -- = grouping sets ((municipality_code), ())
),

rated as (
    select
        counted.*,
        analysed.municipality_code is not null as is_analysed,
        {{ publication_share('counted.linked_plans', 'counted.considered_plans') }} as linkage_pct
    from counted
    left join analysed
        on counted.municipality_code = analysed.municipality_code
),

spread as (
    select
        min(linkage_pct) as linkage_min_pct,
        max(linkage_pct) as linkage_max_pct,
        median(linkage_pct) as linkage_median_pct,
        avg(linkage_pct) as linkage_mean_pct
    from rated
    where is_analysed
),

final as (
    select
        rated.municipality_code,
        case
            when rated.is_national then 'Landsgennemsnit'
            else coalesce(municipalities.kom_navn, 'unknown residence')
        end as municipality_name,
        rated.is_national,
        rated.is_analysed,
        cast(rated.considered_plans as integer) as considered_plans,
        rated.linkage_pct,
        case when rated.is_national then spread.linkage_min_pct end as linkage_min_pct,
        case when rated.is_national then spread.linkage_max_pct end as linkage_max_pct,
        case when rated.is_national then spread.linkage_median_pct end as linkage_median_pct,
        case when rated.is_national then spread.linkage_mean_pct end as linkage_mean_pct,
        {{ publication_is_suppressed(['rated.considered_plans']) }} as has_suppressed_share
    from rated
    cross join spread
    left join municipalities
        on rated.municipality_code = municipalities.kom_kode
)

select
    *,
    {{ build_id() }} as build_id
from final
