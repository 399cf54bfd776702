{#-
    Municipalities to learn from (METHOD §6.6, the report's selection in Bilag 3 §6 as a reproducible rule).
    One row per municipality with a published benchmark at the headline month (pub_benchmark_horizons):
    its rank at 2 months, the headline month and 6 months, each among the municipalities published at that
    horizon, as a rank percentile p = (rank − 1) / (n − 1) (0 = best, 1 = worst; 0 when n = 1).
    Eligible: headline quintile ≤ var learning_max_quintile (the report: "all among those that did best at
    3 months") and a published benchmark at 2 and at 6 months. Score = (w2·p2 + w6·p6) / (w2 + w6) with
    var learning_weight_m2 > var learning_weight_m6 (2 months weighted more than 6). The eligible are ordered by
    score, then headline rank, then municipality code; the first var learning_selected_n are selected.
    Reads the public mart only, so a suppressed municipality gets no rank, score or flag.
-#}
{%- set h = var('headline_month') %}
{%- set w2 = var('learning_weight_m2') %}
{%- set w6 = var('learning_weight_m6') %}

with horizons as (
    select
        cohort_period,
        horizon_month,
        municipality_code,
        municipality_name,
        indicator_pp,
        indicator_rank,
        quintile,
        count(*) over (partition by cohort_period, horizon_month) as ranked_n
    from {{ ref('pub_benchmark_horizons') }}
    where not is_national and indicator_rank is not null
),

percentiles as (
    select
        *,
        case when ranked_n > 1 then (indicator_rank - 1.0) / (ranked_n - 1) else 0.0 end as rank_percentile
    from horizons
),

box as (
    select distinct municipality_name
    from {{ ref('inspiration_material') }}
    where material = 'report_box_6_1'
),

joined as (
    select
        headline.cohort_period,
        headline.municipality_code,
        headline.municipality_name,
        m2.indicator_pp as indicator_m2_pp,
        headline.indicator_pp as indicator_headline_pp,
        m6.indicator_pp as indicator_m6_pp,
        cast(m2.indicator_rank as integer) as rank_m2,
        cast(headline.indicator_rank as integer) as rank_headline,
        cast(m6.indicator_rank as integer) as rank_m6,
        cast(headline.quintile as integer) as quintile_headline,
        m2.rank_percentile as rank_percentile_m2,
        m6.rank_percentile as rank_percentile_m6,
        case
            when headline.quintile > {{ var('learning_max_quintile') }}
                then 'not in the best quintile(s) at the headline month'
            when m2.indicator_rank is null then 'no published benchmark at 2 months'
            when m6.indicator_rank is null then 'no published benchmark at 6 months'
        end as not_eligible_reason,
        box.municipality_name is not null as is_in_report_box_6_1
    from percentiles as headline
    left join percentiles as m2
        on
            headline.cohort_period = m2.cohort_period
            and headline.municipality_code = m2.municipality_code
            and m2.horizon_month = 2
    left join percentiles as m6
        on
            headline.cohort_period = m6.cohort_period
            and headline.municipality_code = m6.municipality_code
            and m6.horizon_month = 6
    left join box
        on headline.municipality_name = box.municipality_name
    where headline.horizon_month = {{ h }}
),

scored as (
    select
        *,
        not_eligible_reason is null as is_eligible,
        case
            when not_eligible_reason is null
                then ({{ w2 }} * rank_percentile_m2 + {{ w6 }} * rank_percentile_m6) / ({{ w2 }} + {{ w6 }})
        end as learning_score
    from joined
),

ordered as (
    select
        *,
        case
            when is_eligible
                then cast(row_number() over (
                    partition by cohort_period, is_eligible order by learning_score, rank_headline, municipality_code
                ) as integer)
        end as selection_rank
    from scored
)

select
    cohort_period,
    municipality_code,
    municipality_name,
    indicator_m2_pp,
    indicator_headline_pp,
    indicator_m6_pp,
    rank_m2,
    rank_headline,
    rank_m6,
    quintile_headline,
    round(learning_score, 10) as learning_score,
    is_eligible,
    not_eligible_reason,
    selection_rank,
    coalesce(selection_rank <= {{ var('learning_selected_n') }}, false) as is_selected,
    is_in_report_box_6_1,
    {{ build_id() }} as build_id
from ordered
