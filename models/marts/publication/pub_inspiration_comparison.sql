{#-
    One descriptive comparison (METHOD §8.9): the headline benchmark of the municipalities with job-centre
    material (a retention example of the agency's 15, or a significant effect in "Sammen om fastholdelse") vs
    the other municipalities with a published indicator. Per group: municipalities, mean indicator and its
    95 % interval (mean ± z·sd/√n, var benchmark_z_inner); the difference of the means with the Welch interval.
    Reads Bilag 2 Tabel 1 (published indicators only). It is not an effect estimate: the municipalities were not
    chosen at random and the material describes other years and other people.
-#}
{%- set z = var('benchmark_z_inner') %}

with benchmark as (
    select
        cohort_period,
        municipality_code,
        indicator_pp
    from {{ ref('pub_bilag2_table1_benchmark') }}
    where not is_national and indicator_pp is not null
),

with_material as (
    select distinct municipality_code
    from {{ ref('pub_inspiration_material') }}
    where material in ('retention_example', 'sammen_om_fastholdelse_effect')
),

grouped as (
    select
        benchmark.cohort_period,
        case when with_material.municipality_code is not null then 'with_material' else 'without_material' end
            as comparison_group,
        count(*) as municipalities_n,
        avg(benchmark.indicator_pp) as mean_indicator_pp,
        var_samp(benchmark.indicator_pp) as variance_pp2
    from benchmark
    left join with_material
        on benchmark.municipality_code = with_material.municipality_code
    group by all
),

groups_out as (
    select
        cohort_period,
        comparison_group,
        municipalities_n,
        mean_indicator_pp,
        mean_indicator_pp - {{ z }} * sqrt(variance_pp2 / municipalities_n) as interval_low_pp,
        mean_indicator_pp + {{ z }} * sqrt(variance_pp2 / municipalities_n) as interval_high_pp
    from grouped
),

difference as (
    select
        with_group.cohort_period,
        'difference' as comparison_group,
        with_group.municipalities_n + without_group.municipalities_n as municipalities_n,
        with_group.mean_indicator_pp - without_group.mean_indicator_pp as mean_indicator_pp,
        sqrt(
            with_group.variance_pp2 / with_group.municipalities_n
            + without_group.variance_pp2 / without_group.municipalities_n
        ) as std_error_pp
    from grouped as with_group
    inner join grouped as without_group
        on
            with_group.cohort_period = without_group.cohort_period
            and with_group.comparison_group = 'with_material'
            and without_group.comparison_group = 'without_material'
),

final as (
    select * from groups_out
    union all
    select
        cohort_period,
        comparison_group,
        municipalities_n,
        mean_indicator_pp,
        mean_indicator_pp - {{ z }} * std_error_pp as interval_low_pp,
        mean_indicator_pp + {{ z }} * std_error_pp as interval_high_pp
    from difference
)

select
    cohort_period,
    comparison_group,
    cast(municipalities_n as integer) as municipalities_n,
    round(mean_indicator_pp, 10) as mean_indicator_pp,
    round(interval_low_pp, 10) as interval_low_pp,
    round(interval_high_pp, 10) as interval_high_pp,
    'Beskrivende sammenligning, ikke et effektestimat: kommunerne med materiale er ikke udvalgt tilfældigt, '
    || 'og materialet beskriver andre år og andre borgere end benchmarkingen.' as statement,  -- noqa: RF04
    {{ build_id() }} as build_id
from final
