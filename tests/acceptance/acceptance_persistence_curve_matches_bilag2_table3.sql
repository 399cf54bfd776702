{{ config(enabled=var('check_against_report'), tags=['acceptance']) }}
{#-
    Bilag 2 Tabel 3 (Kap. 4 Figur 4.3), national row: among the courses on public benefits at month 1–6 the
    share that has been on benefits in every week since rehab start is within 2 points of the report (the
    curve falls from 96.4 % at month 1 to 58.2 % at month 6). Computed from analysis_cohort as
    pub_bilag2_table3_persistence does. Returns one row per month outside the tolerance.
-#}
{%- set tolerance_pp = 2.0 %}
{%- set months = [1, 2, 3, 4, 5, 6] %}

with cohort as (
    select * from {{ ref('analysis_cohort') }}
),

published as (
    select * from {{ ref('published_bilag2_table3_persistence') }}
    where municipality = 'Landsgennemsnit'
),

curve as (
    {%- for m in months %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            {{ m }} as month_after_start,
            100.0 * count(*) filter (where cohort.is_on_benefits_since_start_m{{ m }})
            / nullif(count(*) filter (where cohort.is_on_benefits_m{{ m }}), 0) as our_pct,
            max(published.m{{ m }}_pct) as published_pct
        from cohort
        cross join published
    {%- endfor %}
),

final as (
    select
        month_after_start,
        our_pct,
        published_pct,
        {{ tolerance_pp }} as tolerance_pp
    from curve
    where published_pct is null or our_pct is null or abs(our_pct - published_pct) > {{ tolerance_pp }}
)

select * from final
