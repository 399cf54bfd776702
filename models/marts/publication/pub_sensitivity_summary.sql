{#-
    The sensitivity analyses, one row each (METHOD §8.8): what the analysis changes, the national courses and
    share on benefits under its rule, the courses it changes against the main benchmark (brought in, off → on,
    on → off or left out) as a count and as a percent of the main benchmark's courses — for neither_excluded the
    share neither on benefits nor with paid hours at the headline month (the report: about 1 %) — and the Spearman
    correlation of its ranking with the main one and the largest rank move. Counts from the suppressed cells
    (int_publication_cells_sensitivity, METHOD §7); ranks among the published municipalities only.
-#}
{%- set h = var('headline_month') %}
{%- set labels = {
    'holiday_as_benefit': 'Feriedagpenge regnet som offentlig ydelse (ikke udeladt)',
    'neither_excluded': 'Uden personer, der hverken er på ydelse eller har løntimer',
    'frame_conditions_dropped': 'Uden befolkningstæthed og andel almene genoptræningsplaner (kommunale rammevilkår)',
} %}
{%- set cell_map = {'main_persons': ['all', 'all', 'determinable_m' ~ h], 'main_on': ['all', 'all', 'on_m' ~ h]} %}
{%- set analyses = sensitivity_analyses() %}
{%- for a in analyses if a.kind != 'same' %}
    {%- do cell_map.update({
        a.name ~ '_persons': ['all', 'all', 'sens_' ~ a.name ~ '_persons'],
        a.name ~ '_on': ['all', 'all', 'sens_' ~ a.name ~ '_on'],
        a.name ~ '_changed': ['all', 'all', 'sens_' ~ a.name ~ '_changed'],
    }) %}
{%- endfor %}

with cells as (
    {{ publication_cells_pivot('courses', cell_map, where="area = 'national' and breakdown = 'all'") }}
),

compared as (
    select
        cohort_period,
        analysis,
        count(*) as municipalities_ranked,
        max(rank_correlation) as rank_correlation,
        max(abs(rank_change)) as largest_rank_move
    from {{ ref('int_municipalities_sensitivity_compared') }}
    group by cohort_period, analysis
),

fits as (
    select
        cohort_period,
        analysis,
        max(not_estimated_reason) as not_estimated_reason,
        max(variables_left_out) as variables_left_out
    from {{ ref('benchmark_sensitivity_results') }}
    group by cohort_period, analysis
),

analyses as (
    {%- for a in analyses %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        {%- set persons = a.name ~ '_persons' if a.kind in ('added', 'dropped') else 'main_persons' %}
        {%- set on = a.name ~ '_on' if a.kind in ('added', 'up', 'down') else 'main_on' %}
        select
            cells.cohort_period,
            '{{ a.name }}' as analysis,
            {{ loop.index }} as analysis_order,
            '{{ a.kind }}' as analysis_kind,
            {%- if a.name.startswith('min_weeks_') %}
                'Udfald ved 3 måneder: på ydelse i mindst {{ a.name[10:] }} af {{ var("outcome_window_weeks") }} uger'
            {%- else %}
                '{{ labels[a.name] }}'
            {%- endif %} as analysis_label,
            {{ disclosed_count(persons) }} as persons,
            {{ disclosed_share(on, persons) }} as on_benefits_pct,
            {{ disclosed_count('main_persons') }} as persons_main,
            {%- if a.kind == 'same' %}
                0 as changed_persons,
                case when not cells.main_persons_hidden then 0.0 end as changed_pct
            {%- else %}
                {{ disclosed_count(a.name ~ '_changed') }} as changed_persons,
                {{ disclosed_share(a.name ~ '_changed', 'main_persons') }} as changed_pct
            {%- endif %}
        from cells
        where cells.area = 'national'
    {%- endfor %}
),

final as (
    select
        analyses.cohort_period,
        analyses.analysis,
        cast(analyses.analysis_order as integer) as analysis_order,
        analyses.analysis_kind,
        analyses.analysis_label,
        fits.variables_left_out,
        analyses.persons,
        analyses.on_benefits_pct,
        analyses.persons_main,
        cast(analyses.changed_persons as integer) as changed_persons,
        analyses.changed_pct,
        cast(coalesce(compared.municipalities_ranked, 0) as integer) as municipalities_ranked,
        compared.rank_correlation,
        cast(compared.largest_rank_move as integer) as largest_rank_move,
        fits.not_estimated_reason,
        (analyses.on_benefits_pct is null and coalesce(analyses.persons, -1) <> 0)
        or (analyses.changed_pct is null and coalesce(analyses.persons_main, -1) <> 0)
        or analyses.changed_persons is null as has_suppressed_share
    from analyses
    left join compared
        on analyses.cohort_period = compared.cohort_period and analyses.analysis = compared.analysis
    left join fits
        on analyses.cohort_period = fits.cohort_period and analyses.analysis = fits.analysis
)

select
    *,
    {{ build_id() }} as build_id
from final
