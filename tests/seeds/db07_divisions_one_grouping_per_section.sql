-- db07_divisions: all divisions of a section carry the same section name and groupings, section F is the
-- only regression reference, and there are the 88 NACE rev. 2 divisions. Returns offending sections.
with divisions as (
    select * from {{ ref('db07_divisions') }}
),

inconsistent as (
    select
        db07_section,
        'section attributes differ between its divisions' as problem
    from divisions
    group by db07_section
    having
        count(distinct section_name) > 1
        or count(distinct report_group) > 1
        or count(distinct physical_demand) > 1
        or count(distinct regression_group) > 1
        or count(distinct is_regression_reference) > 1
),

wrong_reference as (
    select distinct
        db07_section,
        'is_regression_reference must be true for section F only' as problem
    from divisions
    where is_regression_reference <> (db07_section = 'F')
),

wrong_count as (
    select
        'all' as db07_section,
        'expected 88 divisions, found ' || count(*) as problem
    from divisions
    having count(*) <> 88
),

bad_code as (
    select
        db07_section,
        'bad division code ' || db07_division as problem
    from divisions
    where not regexp_full_match(db07_division, '[0-9]{2}')
),

final as (
    select * from inconsistent
    union all
    select * from wrong_reference
    union all
    select * from wrong_count
    union all
    select * from bad_code
)

select * from final
