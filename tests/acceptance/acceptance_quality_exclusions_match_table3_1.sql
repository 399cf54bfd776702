{{ config(enabled=var('check_against_report'), tags=['acceptance']) }}
{#-
    On the default synthetic data (and, as a reproduction check, on the real registers) METHOD §5 excludes
    exactly the municipalities and municipality-years of Bilag 3 Table 3.1, for the reasons printed there.
    Returns every municipality whose failed criteria differ from the published ones.
-#}
with quality as (
    select * from {{ ref('municipality_data_quality') }}
),

published as (
    select * from {{ ref('published_table3_1_quality_exclusions') }}
),

ours as (
    select
        municipality_name,
        bool_or(quality_year = 2016 and not passes_ges_quality) as fails_quality_2016,
        bool_or(quality_year = 2017 and not passes_ges_quality) as fails_quality_2017,
        bool_or(quality_year = 2016 and passes_ges_quality and not passes_min_persons_year) as fails_min30_2016,
        bool_or(quality_year = 2017 and passes_ges_quality and not passes_min_persons_year) as fails_min30_2017,
        bool_or(coalesce(not passes_min_persons_total, false)) as fails_min75_total,
        string_agg(case when not is_year_kept then cast(quality_year as varchar) end, ',' order by quality_year)
            as years_excluded
    from quality
    group by municipality_name
),

theirs as (
    select
        municipality as municipality_name,
        coalesce(sds_quality_2016 = 'x', false) as fails_quality_2016,
        coalesce(sds_quality_2017 = 'x', false) as fails_quality_2017,
        coalesce(min30_2016 = 'x', false) as fails_min30_2016,
        coalesce(min30_2017 = 'x', false) as fails_min30_2017,
        coalesce(min75_total = 'x', false) as fails_min75_total,
        case excluded when 'both_years' then '2016,2017' when '2016_only' then '2016' else '2017' end
            as years_excluded
    from published
),

final as (
    select
        coalesce(ours.municipality_name, theirs.municipality_name) as municipality_name,
        ours.years_excluded as our_years_excluded,
        theirs.years_excluded as published_years_excluded
    from ours
    full outer join theirs on ours.municipality_name = theirs.municipality_name
    where
        coalesce(ours.years_excluded, '') != coalesce(theirs.years_excluded, '')
        or coalesce(ours.fails_quality_2016, false) != coalesce(theirs.fails_quality_2016, false)
        or coalesce(ours.fails_quality_2017, false) != coalesce(theirs.fails_quality_2017, false)
        or coalesce(ours.fails_min30_2016, false) != coalesce(theirs.fails_min30_2016, false)
        or coalesce(ours.fails_min30_2017, false) != coalesce(theirs.fails_min30_2017, false)
        or coalesce(ours.fails_min75_total, false) != coalesce(theirs.fails_min75_total, false)
)

select * from final
