{#-
    Figur 5.1 (METHOD §7.3): how the analysed courses on and not on public benefits at the headline month are
    distributed over the weeks on benefits from 2 months before admission to rehab start (bands of
    analysis_cohort.near_benefit_weeks_band). One row per band: the share of those on benefits and the share of
    those not on benefits in the band. Counts from the suppressed cells (disclosure control,
    int_publication_cells_suppressed): the band's on_m<h> / off_m<h> cells over the national ones.
-#}
{%- set h = var('headline_month') %}

with cells as (
    select * from {{ ref('int_publication_cells_suppressed') }}
    where population = 'courses' and area = 'national' and measure in ('on_m{{ h }}', 'off_m{{ h }}')
),

totals as (
    select
        cohort_period,
        coalesce(max(persons) filter (where measure = 'on_m{{ h }}'), 0) as on_total_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = 'on_m{{ h }}'), false) as on_total_hidden,
        coalesce(max(persons) filter (where measure = 'off_m{{ h }}'), 0) as off_total_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = 'off_m{{ h }}'), false) as off_total_hidden
    from cells
    where breakdown = 'all'
    group by cohort_period
),

bands as (
    select
        cohort_period,
        level_name as weeks_band,
        coalesce(max(persons) filter (where measure = 'on_m{{ h }}'), 0) as on_band_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = 'on_m{{ h }}'), false) as on_band_hidden,
        coalesce(max(persons) filter (where measure = 'off_m{{ h }}'), 0) as off_band_persons,
        coalesce(bool_or(is_suppressed) filter (where measure = 'off_m{{ h }}'), false) as off_band_hidden
    from cells
    where breakdown = 'benefit_weeks_before_start'
    group by cohort_period, level_name
),

final as (
    select
        bands.cohort_period,
        bands.weeks_band,
        {{ disclosed_count('on_total', 'totals') }} as on_benefits,
        {{ disclosed_count('off_total', 'totals') }} as off_benefits,
        case
            when not (bands.on_band_hidden or totals.on_total_hidden) and totals.on_total_persons > 0
                then 100.0 * bands.on_band_persons / totals.on_total_persons
        end as on_benefits_share_pct,
        case
            when not (bands.off_band_hidden or totals.off_total_hidden) and totals.off_total_persons > 0
                then 100.0 * bands.off_band_persons / totals.off_total_persons
        end as off_benefits_share_pct,
        bands.on_band_hidden or bands.off_band_hidden or totals.on_total_hidden or totals.off_total_hidden
            as has_suppressed_share
    from bands
    inner join totals
        on bands.cohort_period = totals.cohort_period
)

select
    *,
    {{ build_id() }} as build_id
from final
