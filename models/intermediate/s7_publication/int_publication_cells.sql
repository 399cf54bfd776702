{#-
    Every count cell of the public marts (METHOD §7, disclosure control), one row per cell: a number of
    persons (courses or plans) that a mart publishes — as a count or as share × published denominator — or
    that a reader can compute from published figures (a complement such as "not on benefits" = persons − on
    benefits, persons leaving between two published months, the other level of a Table 4 group). Key:
    population (courses = analysis_cohort, plans = Tabel 3.2/3.3's plans, attrition = the §1 flow, plan_flow =
    persons with a general plan: all diagnoses, MSK, MSK of working age — Bilag 3 Figur 1.2, Figur 4.1), area
    (municipality code, `national`, or `unknown` residence), breakdown and level (`all`/`all` = everyone),
    measure — all within a cohort period (cohort_period, from analysis_cohort / cohort_attrition /
    int_plans_linkage_profiled / int_plans_flow_counted: every cell counts the persons of one period, and no
    cell counts persons of several periods). parent_breakdown/parent_level = the cell whose level this cell is a part of (a level adds up
    to its parent: industry groups to physically demanding or not, diagnosis groups to joint sizes, joint
    sizes to large joint or not — each only where the data say every course of the level is in one parent
    level; else `all`). is_published: a mart shows it; cost: what a reader loses when it is suppressed
    (0 = not published … 4 = a national total), read by the secondary suppression.
-#}
{%- set h = var('headline_month') %}
{%- set months = [0] + var('outcome_months') %}
{%- set municipal_person_months = (publication_trajectory_months() + publication_benchmark_months()) | unique | sort %}
{#- Nationally every month 0–6 has its persons (Figur 4.2's denominators) besides the benchmark horizons. #}
{%- set national_person_months = (municipal_person_months + var('benchmark_horizons') + months) | unique | sort %}
{%- set lost_pairs = [] %}
{%- for person_months in [municipal_person_months, national_person_months] %}
    {%- for pair in publication_lost_pairs(person_months) %}
        {%- if pair not in lost_pairs %}{% do lost_pairs.append(pair) %}{% endif %}
    {%- endfor %}
{%- endfor %}
{#- Tabel 4's groups: the published level(s) and the level expression (the group's other level = `other`). #}
{%- set table4_levels = {
    'physical_demand': [
        ['physically_demanding'],
        "case when physical_demand = 'physically_demanding' then 'physically_demanding' else 'other' end",
    ],
    'large_joint': [['large'], "case when joint_size = 'large' then 'large' else 'other' end"],
    'sex': [['women', 'men'], "case when is_woman then 'women' when not is_woman then 'men' end"],
    'age50': [
        ['under50', 'over50'],
        "case when age_at_rehab_start < 50 then 'under50' when age_at_rehab_start >= 50 then 'over50' end",
    ],
} %}
{%- set national_breakdowns = {
    'industry_report_group': 'industry_report_group',
    'industry_group': 'industry_group',
    'diagnosis_group': 'diagnosis_group',
    'joint_size': 'joint_size',
    'operated': "case when is_operated then 'operated' else 'not operated' end",
    'age_group': 'age_band',
    'benefit_weeks_before_start': 'near_benefit_weeks_band',
} %}
{#- A level of `child` is a part of one level of `parent` when every course of it has the same parent level. #}
{%- set nested = {'industry_group': 'physical_demand', 'diagnosis_group': 'joint_size', 'joint_size': 'large_joint'} %}
{%- set plan_characteristics = ['sex', 'age', 'diagnosis', 'education', 'industry'] %}
{%- set mix_groups = ['sickness_benefit', 'unemployment_etc', 'other'] %}
{#- Which course cells exist: [breakdown kind, area kind, measure, published]; the rest a reader can compute. #}
{%- set course_spec = [] %}
{%- for m in months %}
    {%- do course_spec.extend([['all', 'any', 'on_m' ~ m, true], ['all', 'any', 'since_m' ~ m, true],
        ['all', 'any', 'not_since_m' ~ m, false]]) %}
    {%- if not loop.last %}
        {%- do course_spec.append(['all', 'any', 'stopped_m' ~ m ~ '_m' ~ months[loop.index], false]) %}
    {%- endif %}
    {%- for group in mix_groups %}
        {%- do course_spec.append(['all', 'national', 'mix_' ~ group ~ '_m' ~ m, true]) %}
    {%- endfor %}
{%- endfor %}
{%- for area_kind, person_months in [['municipality', municipal_person_months], ['national', national_person_months]] %}
    {%- for m in person_months %}
        {%- do course_spec.extend([
            ['all', area_kind, 'determinable_m' ~ m, true], ['all', area_kind, 'off_m' ~ m, false],
        ]) %}
    {%- endfor %}
    {%- for pair in publication_lost_pairs(person_months) %}
        {%- do course_spec.append(['all', area_kind, 'lost_m' ~ pair[0] ~ '_m' ~ pair[1], false]) %}
    {%- endfor %}
{%- endfor %}
{%- do course_spec.extend([['all', 'national', 'courses', true], ['all', 'national', 'undeterminable_m0', false]]) %}
{#- Nationally the levels' "not on benefits" counts are published too (Figur 5.1: the distribution of those not
    on benefits over the benefit weeks before start). #}
{%- for kind, area_kind, off_published in [['table4', 'any', false], ['national', 'national', true]] %}
    {%- do course_spec.extend([[kind, area_kind, 'determinable_m' ~ h, true], [kind, area_kind, 'on_m' ~ h, true],
        [kind, area_kind, 'off_m' ~ h, off_published]]) %}
{%- endfor %}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
),

plans as (
    select * from {{ ref('int_plans_linkage_profiled') }}
),

attrition as (
    select * from {{ ref('cohort_attrition') }}
),

plan_flow as (
    select * from {{ ref('int_plans_flow_counted') }}
),

course_spec (breakdown_kind, area_kind, measure_name, is_published) as (
    select * from (
        values
        {%- for row in course_spec %}
            ('{{ row[0] }}', '{{ row[1] }}', '{{ row[2] }}', {{ row[3] }}){{ ',' if not loop.last }}
        {%- endfor %}
    )
),

table4_published_levels (breakdown, level_name) as (
    select * from (
        values
        {%- for name, spec in table4_levels.items() %}
            {%- set outer_last = loop.last %}
            {%- for level in spec[0] %}
                ('{{ name }}', '{{ level }}'){{ ',' if not (outer_last and loop.last) }}
            {%- endfor %}
        {%- endfor %}
    )
),

-- courses: one row per course and breakdown level (breakdown `all` for every course)
course_levels as (
    select
        *,
        {%- for name, spec in table4_levels.items() %}
            {{ spec[1] }} as breakdown_{{ name }},
        {%- endfor %}
        {%- for name, expression in national_breakdowns.items() %}
            coalesce(cast({{ expression }} as varchar), 'unknown') as breakdown_{{ name }},
        {%- endfor %}
        'all' as breakdown_all
    from cohort
),

course_long as (
    unpivot course_levels
    on
    {%- for name in table4_levels %}
        breakdown_{{ name }},
    {%- endfor %}
    {%- for name in national_breakdowns %}
        breakdown_{{ name }},
    {%- endfor %}
    breakdown_all
    into name breakdown value level_name
),

course_counted as (
    select
        cohort_period,
        case when grouping(municipality_code) = 1 then 'national' else cast(municipality_code as varchar) end
            as area,
        replace(breakdown, 'breakdown_', '') as breakdown,
        level_name,
        {%- for m in months %}
            count(is_on_benefits_m{{ m }}) as determinable_m{{ m }},
            count(*) filter (where is_on_benefits_m{{ m }}) as on_m{{ m }},
            count(*) filter (where is_on_benefits_since_start_m{{ m }}) as since_m{{ m }},
            count(*) filter (where is_on_benefits_m{{ m }} and benefit_mix_group_m{{ m }} = 'sickness_benefit')
                as mix_sickness_benefit_m{{ m }},
            count(*) filter (where is_on_benefits_m{{ m }} and benefit_mix_group_m{{ m }} = 'unemployment_etc')
                as mix_unemployment_etc_m{{ m }},
            count(*) filter (
                where is_on_benefits_m{{ m }} and coalesce(benefit_mix_group_m{{ m }}, 'other') not in (
                    'sickness_benefit', 'unemployment_etc'
                )
            ) as mix_other_m{{ m }},
        {%- endfor %}
        count(*) as courses
    from course_long
    group by cohort_period, breakdown, level_name, rollup(municipality_code)
),

course_measures as (
    select
        cohort_period,
        area,
        breakdown,
        level_name,
        {%- for m in months %}
            determinable_m{{ m }},
            on_m{{ m }},
            determinable_m{{ m }} - on_m{{ m }} as off_m{{ m }},
            since_m{{ m }},
            on_m{{ m }} - since_m{{ m }} as not_since_m{{ m }},
            {%- if not loop.last %}
                since_m{{ m }} - since_m{{ months[loop.index] }} as stopped_m{{ m }}_m{{ months[loop.index] }},
            {%- endif %}
            {%- for group in mix_groups %}
                mix_{{ group }}_m{{ m }},
            {%- endfor %}
        {%- endfor %}
        {%- for pair in lost_pairs %}
            {%- set lost_relation = publication_lost_relation(pair[0], pair[1]) %}
            {{ lost_relation[1] }} - {{ lost_relation[2][0] }} as lost_m{{ pair[0] }}_m{{ pair[1] }},
        {%- endfor %}
        courses,
        courses - determinable_m0 as undeterminable_m0
    from course_counted
),

course_cells_long as (
    unpivot course_measures
    on columns(* exclude (cohort_period, area, breakdown, level_name))
    into name measure_name value persons
),

-- which course cells exist (published, or computable from published cells) and which are published
course_cells_kept as (
    select
        cells.cohort_period,
        'courses' as population,
        cells.area,
        cells.breakdown,
        cells.level_name,
        cells.measure_name,
        cells.persons,
        spec.is_published
        and (spec.breakdown_kind <> 'table4' or published.level_name is not null) as is_published
    from course_cells_long as cells
    inner join course_spec as spec
        on
            cells.measure_name = spec.measure_name
            and spec.breakdown_kind = case
                when cells.breakdown = 'all' then 'all'
                when cells.breakdown in (select table4_published_levels.breakdown from table4_published_levels)
                    then 'table4'
                else 'national'
            end
            and spec.area_kind in ('any', case when cells.area = 'national' then 'national' else 'municipality' end)
    left join table4_published_levels as published
        on cells.breakdown = published.breakdown and cells.level_name = published.level_name
    where cells.level_name is not null
),

-- nesting of levels: a child breakdown adds up to its parent's levels when every course of every child level
-- has one and the same parent level (else its levels are parts of `all`)
nested_level_purity as (
    {%- for child, parent in nested.items() %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            cohort_period,
            '{{ child }}' as breakdown,
            breakdown_{{ child }} as level_name,
            '{{ parent }}' as parent_breakdown,
            min(breakdown_{{ parent }}) as parent_level,
            count(distinct breakdown_{{ parent }}) = 1 and count(breakdown_{{ parent }}) = count(*) as is_pure
        from course_levels
        group by cohort_period, breakdown_{{ child }}
    {%- endfor %}
),

nested_levels as (
    select * from nested_level_purity
    qualify bool_and(is_pure) over (partition by cohort_period, breakdown)
),

course_cells as (
    select
        kept.cohort_period,
        kept.population,
        kept.area,
        kept.breakdown,
        kept.level_name,
        case when kept.breakdown = 'all' then 'all' else coalesce(nested_levels.parent_breakdown, 'all') end
            as parent_breakdown,
        case when kept.breakdown = 'all' then 'all' else coalesce(nested_levels.parent_level, 'all') end
            as parent_level,
        kept.measure_name,
        kept.persons,
        kept.is_published
    from course_cells_kept as kept
    left join nested_levels
        on
            kept.cohort_period = nested_levels.cohort_period
            and kept.breakdown = nested_levels.breakdown
            and kept.level_name = nested_levels.level_name
),

-- plans (Tabel 3.2 per residence, Tabel 3.3 nationally by characteristic; NULL level = unknown)
plan_long as (
    select
        cohort_period,
        municipality_code,
        is_linked,
        'all' as breakdown,
        'all' as level_name
    from plans
    {%- for name in plan_characteristics %}
        union all
        select
            cohort_period,
            municipality_code,
            is_linked,
            '{{ name }}' as breakdown,
            coalesce({{ name }}, 'unknown') as level_name
        from plans
    {%- endfor %}
),

plan_counted as (
    select
        cohort_period,
        case
            when grouping(municipality_code) = 1 then 'national'
            else coalesce(cast(municipality_code as varchar), 'unknown')
        end as area,
        breakdown,
        level_name,
        count(*) as plans,  -- noqa: RF04
        count(*) filter (where is_linked) as linked,
        count(*) filter (where not is_linked) as not_linked
    from plan_long
    group by cohort_period, breakdown, level_name, rollup(municipality_code)
),

plan_known as (
    select
        cohort_period,
        area,
        breakdown,
        'known' as level_name,
        sum(plans) as plans,  -- noqa: RF04
        sum(linked) as linked,
        sum(not_linked) as not_linked
    from plan_counted
    where area = 'national' and breakdown <> 'all' and level_name <> 'unknown'
    group by cohort_period, area, breakdown
),

plan_levels as (
    select * from plan_counted
    where breakdown = 'all' or area = 'national'
    union all
    select * from plan_known
),

plan_cells as (
    select
        cohort_period,
        'plans' as population,
        area,
        breakdown,
        level_name,
        case when level_name in ('all', 'known', 'unknown') then 'all' else breakdown end as parent_breakdown,
        case when level_name in ('all', 'known', 'unknown') then 'all' else 'known' end as parent_level,
        measure_name,
        persons,
        case
            when breakdown = 'all' then measure_name in ('plans', 'linked')
            else level_name <> 'unknown' and measure_name in ('linked', 'not_linked')
        end as is_published
    from (
        unpivot plan_levels
        on plans, linked, not_linked
        into name measure_name value persons
    )
),

-- the national attrition flow (§1): courses and persons in, out and remaining per step
attrition_cells as (
    select
        cohort_period,
        'attrition' as population,
        'national' as area,
        'step' as breakdown,
        lpad(cast(step_number as varchar), 2, '0') as level_name,
        'all' as parent_breakdown,
        'all' as parent_level,
        measure_name,
        persons,
        true as is_published
    from (
        unpivot attrition
        on courses_in, courses_out, courses_remaining, persons_in, persons_out, persons_remaining
        into name measure_name value persons
    )
),

-- Bilag 3 Figur 1.2 / Figur 4.1: persons with a general plan (all diagnoses -> MSK -> working age), for the
-- whole cohort period (`all`) and per discharge year (a person can have plans in several years: the years do not add
-- up to the period, so they are no parts of it)
plan_flow_cells as (
    select
        cohort_period,
        'plan_flow' as population,
        'national' as area,
        case when discharge_year = 'all' then 'all' else 'discharge_year' end as breakdown,
        discharge_year as level_name,
        case when discharge_year = 'all' then 'all' else 'none' end as parent_breakdown,
        case when discharge_year = 'all' then 'all' else 'none' end as parent_level,
        measure_name,
        persons,
        measure_name in ('persons_all_diagnoses', 'persons_msk', 'persons_msk_working_age') as is_published
    from (
        unpivot plan_flow
        on persons_all_diagnoses, persons_msk, persons_not_msk, persons_msk_working_age, persons_msk_other_age
        into name measure_name value persons
    )
),

unioned as (
    select * from plan_flow_cells
    union all
    select * from course_cells
    union all
    select * from plan_cells
    union all
    select * from attrition_cells
),

final as (
    select
        concat_ws('|', cohort_period, population, area, breakdown, level_name, measure_name) as cell_id,
        cohort_period,
        population,
        area,
        breakdown,
        level_name,
        parent_breakdown,
        parent_level,
        measure_name as measure,
        cast(persons as bigint) as persons,
        is_published,
        cast(case
            when not is_published then 0
            when area = 'national' and breakdown = 'all' then 4
            when population = 'attrition' then 4
            when
                area <> 'national' and breakdown = 'all'
                and measure_name in ('determinable_m{{ h }}', 'on_m{{ h }}')
                then 3
            when area <> 'national' and breakdown = 'all' and measure_name like 'determinable_m%' then 2
            when area = 'national' then 2
            else 1
        end as integer) as cost  -- noqa: RF04
    from unioned
)

select * from final
union all
-- the sensitivity analyses' national cells (METHOD §8.8), with their own cost
select
    cell_id,
    cohort_period,
    population,
    area,
    breakdown,
    level_name,
    parent_breakdown,
    parent_level,
    measure,
    persons,
    is_published,
    cost  -- noqa: RF04
from {{ ref('int_publication_cells_sensitivity') }}
