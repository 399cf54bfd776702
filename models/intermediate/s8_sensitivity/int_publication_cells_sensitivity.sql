{#-
    The national count cells of the sensitivity analyses (METHOD §7, §8.8), in the columns of
    int_publication_cells (which unions them): per analysis the courses in it (persons), on and off benefits
    under its rule, and the courses it changes against the main benchmark (changed: brought in, off → on,
    on → off or left out, by the analysis's kind; sensitivity_analyses()), split by outcome where they are
    brought in. Published: persons, on, changed (cost 1, so disclosure control suppresses them before any main
    cell); the others only a reader could compute (cost 0). Their relations to the main headline cells are
    publication_sensitivity_relations(). Per cohort period (a course's period from analysis_cohort /
    benchmark_sensitivity_input): the cells of a period count its courses only.
-#}
{%- set h = var('headline_month') %}
{%- set measures = {
    'added': ['persons', 'on', 'off', 'changed', 'changed_on', 'changed_off'],
    'up': ['on', 'off', 'changed', 'unchanged'],
    'down': ['on', 'off', 'changed', 'unchanged'],
    'dropped': ['persons', 'off', 'changed'],
} %}
{%- set changed = {
    'added': 'main_on is null',
    'up': 'on_a = 1 and main_on = 0',
    'down': 'on_a = 0 and main_on = 1',
    'dropped': 'on_a is null',
} %}
{%- set analyses = sensitivity_analyses() | rejectattr('kind', 'equalto', 'same') | list %}

with sensitivity as (
    select * from {{ ref('benchmark_sensitivity_input') }}
),

main as (
    select
        cohort_period,
        course_id,
        cast(is_on_benefits_m{{ h }} as integer) as main_on
    from {{ ref('analysis_cohort') }}
    where is_on_benefits_m{{ h }} is not null
),

analysis_names as (
    select distinct analysis from sensitivity
),

pairs as (
    select
        sensitivity.cohort_period,
        sensitivity.analysis,
        sensitivity.is_on_benefits as on_a,
        main.main_on
    from sensitivity
    left join main
        on sensitivity.course_id = main.course_id
    union all
    select
        main.cohort_period,
        analysis_names.analysis,
        cast(null as integer) as on_a,
        main.main_on
    from main
    cross join analysis_names
    where not exists (
        select 1
        from sensitivity
        where sensitivity.analysis = analysis_names.analysis and sensitivity.course_id = main.course_id
    )
),

counted as (
    {%- for a in analyses %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            cohort_period,
            'sens_{{ a.name }}_' || measure as measure_name,
            persons
        from (
            unpivot (
                select
                    cohort_period,
                    {%- for m in measures[a.kind] %}
                        {%- set condition = {
                            'persons': 'on_a is not null',
                            'on': 'on_a = 1',
                            'off': 'on_a = 0',
                            'changed': changed[a.kind],
                            'changed_on': '(' ~ changed[a.kind] ~ ') and on_a = 1',
                            'changed_off': '(' ~ changed[a.kind] ~ ') and on_a = 0',
                            'unchanged': 'on_a is not null and not (' ~ changed[a.kind] ~ ')',
                        }[m] %}
                        {%- if not loop.first %},{% endif %}
                        count(*) filter (where {{ condition }}) as "{{ m }}"
                    {%- endfor %}
                from pairs
                where analysis = '{{ a.name }}'
                group by cohort_period
            )
            on columns(* exclude cohort_period)
            into name measure value persons
        )
    {%- endfor %}
    {%- if not analyses %}
        select
            cast(null as varchar) as cohort_period,
            cast(null as varchar) as measure_name,
            cast(null as bigint) as persons
        where false
    {%- endif %}
),

final as (
    select
        concat_ws('|', cohort_period, 'courses', 'national', 'all', 'all', measure_name) as cell_id,
        cohort_period,
        'courses' as population,
        'national' as area,
        'all' as breakdown,
        'all' as level_name,
        'all' as parent_breakdown,
        'all' as parent_level,
        measure_name as measure,
        cast(persons as bigint) as persons,
        regexp_matches(measure_name, '_(persons|on|changed)$') as is_published,
        cast(case when regexp_matches(measure_name, '_(persons|on|changed)$') then 1 else 0 end as integer)
            as cost  -- noqa: RF04
    from counted
)

select * from final
