-- diagnosis_groups: bounds are 4-character ICD-10 codes with the Danish D prefix, from <= to, each group
-- has one position (and each position one group) with the same flags on all its rows, and exactly one
-- group is the regression reference. Returns the offending rows or groups.
with ranges as (
    select * from {{ ref('diagnosis_groups') }}
),

bad_bounds as (
    select
        diagnosis_group,
        'bad bounds ' || icd10_from || '-' || icd10_to as problem
    from ranges
    where
        not regexp_full_match(icd10_from, 'D[A-Z][0-9]{2}')
        or not regexp_full_match(icd10_to, 'D[A-Z][0-9]{2}')
        or icd10_from > icd10_to
),

inconsistent_groups as (
    select
        diagnosis_group,
        'group attributes differ between its rows' as problem
    from ranges
    group by diagnosis_group
    having
        count(distinct group_order) > 1
        or count(distinct joint_size) > 1
        or count(distinct is_reference) > 1
        or count(distinct is_fallback) > 1
        or count(distinct coalesce(table5_4_level, '')) > 1
),

shared_positions as (
    select
        min(diagnosis_group) as diagnosis_group,
        'group_order ' || group_order || ' used by several groups' as problem
    from ranges
    group by group_order
    having count(distinct diagnosis_group) > 1
),

reference_count as (
    select
        'reference' as diagnosis_group,
        'expected exactly one reference group, found ' || count(distinct diagnosis_group) as problem
    from ranges
    where is_reference
    having count(distinct diagnosis_group) <> 1
),

final as (
    select * from bad_bounds
    union all
    select * from inconsistent_groups
    union all
    select * from shared_positions
    union all
    select * from reference_count
)

select * from final
