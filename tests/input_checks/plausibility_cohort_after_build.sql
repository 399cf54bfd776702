{#-
    Plausibility gate after the cohort (step `analysis_cohort`, METHOD §1): data that pass every raw check can
    still be implausible as a whole (a truncated register, a wrong extract year, an empty DREAM window). The
    build stops, naming the step, when the cohort has fewer than var `plausibility_min_courses` courses (default
    100; the report has 20,265) or a national share is outside wide bounds: on benefits at rehab start
    `plausibility_share_m0` (default 10-80 %; report 39.2 %) or at the headline month `plausibility_share_headline`
    (default 5-60 %; report 21.9 %). Bounds are vars so a deliberate subset can pass them.
-#}
{%- set min_courses = var('plausibility_min_courses', 100) -%}
{%- set m0 = var('plausibility_share_m0', [10, 80]) -%}
{%- set mh = var('plausibility_share_headline', [5, 60]) -%}
{%- set headline = var('headline_month') -%}
with cohort as (
    select * from {{ ref('analysis_cohort') }}
),

national as (
    select
        count(*) as n_courses,
        100.0 * avg(case when is_on_benefits_m0 then 1 else 0 end) as pct_m0,
        100.0 * avg(case when is_on_benefits_m{{ headline }} then 1 else 0 end) as pct_headline
    from cohort
),

failing as (
    select 'cohort size ' || n_courses || ' courses (at least {{ min_courses }} expected)' as problem
    from national
    where n_courses < {{ min_courses }}
    union all
    select 'share on benefits at rehab start ' || round(pct_m0, 1) || ' % (expected {{ m0[0] }}-{{ m0[1] }} %)'
    from national
    where n_courses > 0 and pct_m0 not between {{ m0[0] }} and {{ m0[1] }}
    union all
    select
        'share on benefits at month {{ headline }} ' || round(pct_headline, 1)
        || ' % (expected {{ mh[0] }}-{{ mh[1] }} %)'
    from national
    where n_courses > 0 and pct_headline not between {{ mh[0] }} and {{ mh[1] }}
)

select problem
from failing
{%- if var('bad_input_raises', true) %}
    where {{ raise_error("'Implausible result after step analysis_cohort (METHOD §1-2): ' || problem
    || '. Check the extracts (a truncated or empty register?) or the plausibility_* vars.'") }} is null
{%- endif %}
