{#-
    The additive relations between the cells of int_publication_cells (METHOD §7): one row per relation and
    member cell; in each relation the total cell (is_total) equals the sum of its part cells. These are what a
    reader can use to recompute a suppressed cell from published ones:
    - area: the national cell = the sum of the municipalities' (and the unknown residence's) cells;
    - level: a parent level = the sum of its child levels (women + men = everyone, diagnosis groups = their
      joint size, the levels of a Tabel 3.3 characteristic = its plans with a known value, …);
    - measure: persons = on + off benefits, on benefits = since start + not, on benefits = the three benefit
      groups, persons at month a = persons at month b + those lost in between, since start at m = since start
      at m + 1 + those who stopped, plans = linked + not linked, courses in = out + remaining (attrition);
    - chain: a step's remaining = the next step's in; the last step's remaining = the analysed courses.
    A relation is only listed when its total and all its parts are cells. Every relation lies within one cohort
    period (its cells share cohort_period): the periods are separate tables, and no published cell counts the
    persons of several periods (a whole-span total would relate the periods; there is none).
-#}
{%- set months = [0] + var('outcome_months') %}
{%- set person_months = (publication_trajectory_months() + var('benchmark_horizons') + months) | unique | sort %}
{%- set measure_relations = [] %}
{%- for m in months %}
    {%- do measure_relations.append(['outcome_m' ~ m, 'determinable_m' ~ m, ['on_m' ~ m, 'off_m' ~ m]]) %}
    {%- do measure_relations.append(['persistence_m' ~ m, 'on_m' ~ m, ['since_m' ~ m, 'not_since_m' ~ m]]) %}
    {%- do measure_relations.append(['mix_m' ~ m, 'on_m' ~ m,
        ['mix_sickness_benefit_m' ~ m, 'mix_unemployment_etc_m' ~ m, 'mix_other_m' ~ m]]) %}
    {%- if not loop.last %}
        {%- do measure_relations.append(['stopped_m' ~ m, 'since_m' ~ m,
            ['since_m' ~ loop.nextitem, 'stopped_m' ~ m ~ '_m' ~ loop.nextitem]]) %}
    {%- endif %}
{%- endfor %}
{%- for a in person_months %}
    {%- for b in person_months if b > a %}
        {%- do measure_relations.append(publication_lost_relation(a, b)) %}
    {%- endfor %}
{%- endfor %}
{%- do measure_relations.append(['analysed', 'courses', ['determinable_m0', 'undeterminable_m0']]) %}
{%- do measure_relations.append(['linkage', 'plans', ['linked', 'not_linked']]) %}
{%- do measure_relations.append(['attrition_courses', 'courses_in', ['courses_out', 'courses_remaining']]) %}
{%- do measure_relations.append(['attrition_persons', 'persons_in', ['persons_out', 'persons_remaining']]) %}
{%- do measure_relations.append(['flow_msk', 'persons_all_diagnoses', ['persons_msk', 'persons_not_msk']]) %}
{%- do measure_relations.append(['flow_working_age', 'persons_msk',
    ['persons_msk_working_age', 'persons_msk_other_age']]) %}
{#- the sensitivity analyses' national cells (METHOD §8.8; macros/benchmark/sensitivity.sql) #}
{%- do measure_relations.extend(publication_sensitivity_relations()) %}

with cells as (
    select * from {{ ref('int_publication_cells') }}
),

measure_spec (relation_name, measure_name, is_total, parts_n) as (
    select * from (
        values
        {%- for relation in measure_relations %}
            {%- set outer_loop = loop %}
            ('{{ relation[0] }}', '{{ relation[1] }}', true, {{ relation[2] | length }}){{ ',' }}
            {%- for part in relation[2] %}
                ('{{ relation[0] }}', '{{ part }}', false, {{ relation[2] | length }})
                {{- ',' if not (outer_loop.last and loop.last) }}
            {%- endfor %}
        {%- endfor %}
    )
),

measure_members as (
    select
        concat_ws(
            '|', 'measure', spec.relation_name, cells.cohort_period, cells.population, cells.area, cells.breakdown,
            cells.level_name
        ) as relation_id,
        cells.cell_id,
        spec.is_total,
        spec.parts_n
    from cells
    inner join measure_spec as spec
        on cells.measure = spec.measure_name
),

measure_relations as (
    -- complete relations only: the total and every part exist
    select
        relation_id,
        cell_id,
        is_total
    from measure_members
    qualify
        count(*) filter (where is_total) over (partition by relation_id) = 1
        and count(*) filter (where not is_total) over (partition by relation_id) = max(parts_n) over (
            partition by relation_id
        )
),

area_members as (
    select
        concat_ws('|', 'area', national_cell.cell_id) as relation_id,
        national_cell.cell_id as total_cell_id,
        part.cell_id as part_cell_id
    from cells as national_cell
    inner join cells as part
        on
            national_cell.cohort_period = part.cohort_period
            and national_cell.population = part.population
            and national_cell.breakdown = part.breakdown
            and national_cell.level_name = part.level_name
            and national_cell.measure = part.measure
            and part.area <> 'national'
    where national_cell.area = 'national'
),

level_members as (
    select
        concat_ws(
            '|', 'level', part.cohort_period, part.population, part.area, part.breakdown, part.parent_breakdown,
            part.parent_level, part.measure
        ) as relation_id,
        parent.cell_id as total_cell_id,
        part.cell_id as part_cell_id
    from cells as part
    inner join cells as parent
        on
            part.cohort_period = parent.cohort_period
            and part.population = parent.population
            and part.area = parent.area
            and part.parent_breakdown = parent.breakdown
            and part.parent_level = parent.level_name
            and part.measure = parent.measure
    where part.breakdown <> 'all'
),

chain_members as (
    -- attrition: a step's remaining = the next step's in; the last step's remaining = the analysed courses
    select
        concat_ws('|', 'chain', step.cell_id) as relation_id,
        coalesce(next_step.cell_id, analysed.cell_id) as total_cell_id,
        step.cell_id as part_cell_id
    from cells as step
    left join cells as next_step
        on
            step.cohort_period = next_step.cohort_period
            and next_step.population = 'attrition'
            and next_step.measure = replace(step.measure, '_remaining', '_in')
            and cast(next_step.level_name as integer) = cast(step.level_name as integer) + 1
    left join cells as analysed
        on
            step.cohort_period = analysed.cohort_period
            and analysed.population = 'courses'
            and analysed.area = 'national'
            and analysed.breakdown = 'all'
            and analysed.measure = 'courses'
            and step.measure = 'courses_remaining'
    where step.population = 'attrition' and step.measure like '%_remaining'
),

pairs as (
    select * from area_members
    union all
    select * from level_members
    union all
    select * from chain_members
    where total_cell_id is not null
),

final as (
    select
        relation_id,
        total_cell_id as cell_id,
        true as is_total
    from pairs
    group by relation_id, total_cell_id
    union all
    select
        relation_id,
        part_cell_id as cell_id,
        false as is_total
    from pairs
    union all
    select * from measure_relations
)

select * from final
