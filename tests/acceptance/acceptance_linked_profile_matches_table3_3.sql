{{ config(enabled=var('check_against_report'), tags=['acceptance']) }}
{#-
    Bilag 3 Tabel 3.3: the profile of plans linked to a municipal course (sex, age, diagnosis, education,
    industry) is within 2 points of the report's linked column, for every row the report prints except
    occupation (no register of the data contract carries it; see pub_table3_3_linked_profile).
    Decision: the report's diagnosis rows are wider than Table 5.2's groups and map to them as follows —
    Artropatier = Andre ledsygdomme + Slidgigt, andre (DM00–DM25 less hip/knee osteoarthritis and DM22–23);
    Bløddelsvæv = Skulder + Andre bløddelsvæv (DM60–DM79); Andre lidelser knæ = Knæ og knæskal (DM22–23);
    the lesion rows, Ryg and the two osteoarthritis rows are one group each. Industry rows are DB07 sections by
    name. Returns one row per printed level outside the tolerance (or missing in ours).
-#}
{%- set tolerance_pp = 2.0 %}

with profile as (
    select * from {{ ref('pub_table3_3_linked_profile') }}
),

published as (
    select * from {{ ref('published_table3_3_linked_profile') }}
    where characteristic <> 'occupation'
),

report_rows as (
    select
        diagnosis_rows.characteristic,
        diagnosis_rows.report_level,
        diagnosis_rows.level_name
    from (
        values
        ('diagnosis', 'Artropatier', 'Andre ledsygdomme'),
        ('diagnosis', 'Artropatier', 'Slidgigt, andre'),
        ('diagnosis', 'Bløddelsvæv', 'Skulder'),
        ('diagnosis', 'Bløddelsvæv', 'Andre bløddelsvæv'),
        ('diagnosis', 'Læsion af skulder/overarm', 'Læsion, skulder/overarm'),
        ('diagnosis', 'Læsion af albue/underarm', 'Læsion, albue/underarm'),
        ('diagnosis', 'Læsion af knæ og underben', 'Læsion, knæ/underben'),
        ('diagnosis', 'Ryg', 'Ryg'),
        ('diagnosis', 'Slidgigt hofte', 'Slidgigt, hofte'),
        ('diagnosis', 'Slidgigt knæ', 'Slidgigt, knæ'),
        ('diagnosis', 'Andre lidelser knæ', 'Knæ og knæskal')
    ) as diagnosis_rows (characteristic, report_level, level_name)
),

ours as (
    select
        profile.characteristic,
        coalesce(report_rows.report_level, profile.level_name) as report_level,
        sum(profile.linked_pct) as linked_pct
    from profile
    left join report_rows
        on
            profile.characteristic = report_rows.characteristic
            and profile.level_name = report_rows.level_name
    group by all
),

final as (
    select
        published.characteristic,
        published.level as report_level,
        ours.linked_pct as our_linked_pct,
        published.linked_pct as published_linked_pct,
        {{ tolerance_pp }} as tolerance_pp
    from published
    left join ours
        on
            published.characteristic = ours.characteristic
            and published.level = ours.report_level
    where ours.linked_pct is null or abs(ours.linked_pct - published.linked_pct) > {{ tolerance_pp }}
)

select * from final
