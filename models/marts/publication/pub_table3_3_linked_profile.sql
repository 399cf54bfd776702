{#-
    Tabel 3.3 (METHOD §7): the profile of plans linked to a municipal course against plans not linked — the
    share of women, of the age groups 18–30 / 31–40 / 41–50 / 51–64 at discharge, of each diagnosis group, of
    each education level and of each industry — over the plans of pub_table3_2_linkage_rates
    (int_plans_linkage_population_selected: §1.1–1.3 of persons aged 18–64 at discharge, so the four age
    bands cover every plan). National. Dating as for sex and age: an unlinked plan has no rehab start, so the
    registers are read at the discharge year (population register status 1 January; highest completed
    education of the discharge year).
    Education: the six levels of Tabel 3.3 plus `Øvrige/uoplyst` (no UDDA row or a code not in seed
    education_levels -> var education_fallback_level); every plan has a level, so the denominator is all plans
    of the group (the report's shares exclude uoplyst from the printed rows but not from the denominator).
    Industry: the DB07 section of the main job (§1.2 month) by its section name as Tabel 3.3 prints it — the
    seed section_name up to the first ';' (G -> Engroshandel og detailhandel); all sections are published,
    the report prints the five largest. This is not Table 5.3's report_group (Figur 5.4), which merges sections.
    Decision: occupation (DISCO, Fagklassifikation) of Tabel 3.3 is not reproduced: no register of the data
    contract carries it. The characteristics are int_plans_linkage_profiled's; counts from the suppressed cells
    (disclosure control, int_publication_cells_suppressed; denominator = linked / not linked plans with a known value).
-#}
with cells as (
    select * from {{ ref('int_publication_cells_suppressed') }}
    where population = 'plans' and area = 'national' and breakdown <> 'all' and level_name <> 'unknown'
),

levels as (
    select
        cohort_period,
        breakdown as characteristic,
        level_name,
        {%- for measure in ['linked', 'not_linked'] %}
            coalesce(max(persons) filter (where measure = '{{ measure }}'), 0) as {{ measure }}_persons,
            coalesce(bool_or(is_suppressed) filter (where measure = '{{ measure }}'), false) as {{ measure }}_hidden,
        {%- endfor %}
        level_name = 'known' as is_known_total
    from cells
    group by cohort_period, breakdown, level_name
),

totals as (
    select
        levels.*,
        known.linked_persons as linked_plans_persons,
        known.linked_hidden as linked_plans_hidden,
        known.not_linked_persons as not_linked_plans_persons,
        known.not_linked_hidden as not_linked_plans_hidden
    from levels
    inner join levels as known
        on
            levels.cohort_period = known.cohort_period
            and levels.characteristic = known.characteristic
            and known.is_known_total
    where not levels.is_known_total
),

final as (
    select
        totals.cohort_period,
        totals.characteristic,
        totals.level_name,
        {{ disclosed_count('linked_plans', 'totals') }} as linked_plans,
        {{ disclosed_share('linked', 'linked_plans', 'totals') }} as linked_pct,
        {{ disclosed_count('not_linked_plans', 'totals') }} as not_linked_plans,
        {{ disclosed_share('not_linked', 'not_linked_plans', 'totals') }} as not_linked_pct,
        {{ disclosed_any_hidden(['linked', 'not_linked', 'linked_plans', 'not_linked_plans'], 'totals') }}
            as has_suppressed_share
    from totals
)

select
    *,
    {{ build_id() }} as build_id
from final
