{#-
    Tabel 3.2 (METHOD §7): per municipality and nationally, the share of rehabilitation plans that can be
    linked to a municipal rehabilitation course (§1.4: a first service within 60 days and >= 2 services).
    Decision: the plans are int_plans_linkage_population_selected's — passing §1.1–1.3 (general MSK plan,
    employed, no benefits before) of persons aged 18–64 at discharge (vars min_age/max_age; the report's
    population is of working age); the municipality is the residence in the population register of the
    discharge year (status 1 January), because an unlinked plan has no rehab start. The national row carries
    the minimum, maximum, median and mean rate over the analysed municipalities (Tabel 3.2's figures).
    The national row's spread is over the published rates. Counts from the suppressed cells (disclosure control,
    int_publication_cells_suppressed).
-#}
{%- set cell_map = {'plans': ['all', 'all', 'plans'], 'linked': ['all', 'all', 'linked']} %}

with cells as (
    {{ publication_cells_pivot('plans', cell_map, where="breakdown = 'all'") }}
),

municipalities as (
    select * from {{ ref('municipalities') }}
),

analysed as (
    select distinct
        cohort_period,
        municipality_code
    from {{ ref('benchmark_municipalities') }}
),

rated as (
    select
        cells.*,
        cells.area = 'national' as is_national,
        case when cells.area not in ('national', 'unknown') then cast(cells.area as integer) end as municipality_code,
        analysed.municipality_code is not null as is_analysed,
        {{ disclosed_count('plans') }} as considered_plans,
        {{ disclosed_share('linked', 'plans') }} as linkage_pct
    from cells
    left join analysed
        on cells.cohort_period = analysed.cohort_period and cells.area = cast(analysed.municipality_code as varchar)
),

spread as (
    -- over the published rates of the analysed municipalities
    select
        cohort_period,
        min(linkage_pct) as linkage_min_pct,
        max(linkage_pct) as linkage_max_pct,
        median(linkage_pct) as linkage_median_pct,
        avg(linkage_pct) as linkage_mean_pct
    from rated
    where is_analysed
    group by cohort_period
),

final as (
    select
        rated.cohort_period,
        rated.municipality_code,
        case
            when rated.is_national then 'Landsgennemsnit'
            else coalesce(municipalities.kom_navn, 'unknown residence')
        end as municipality_name,
        rated.is_national,
        rated.is_analysed,
        rated.considered_plans,
        rated.linkage_pct,
        case when rated.is_national then spread.linkage_min_pct end as linkage_min_pct,
        case when rated.is_national then spread.linkage_max_pct end as linkage_max_pct,
        case when rated.is_national then spread.linkage_median_pct end as linkage_median_pct,
        case when rated.is_national then spread.linkage_mean_pct end as linkage_mean_pct,
        {{ disclosed_any_hidden(cell_map.keys() | list, 'rated') }} as has_suppressed_share
    from rated
    left join spread
        on rated.cohort_period = spread.cohort_period
    left join municipalities
        on rated.municipality_code = municipalities.kom_kode
)

select
    *,
    {{ build_id() }} as build_id
from final
