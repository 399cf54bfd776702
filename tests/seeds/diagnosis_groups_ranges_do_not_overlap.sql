-- diagnosis_groups: no two ICD-10 ranges overlap, so every code falls in at most one group.
-- Returns each pair of overlapping ranges.
with ranges as (
    select
        diagnosis_group,
        icd10_from,
        icd10_to
    from {{ ref('diagnosis_groups') }}
),

overlapping_ranges as (
    select
        a.diagnosis_group as group_a,
        a.icd10_from as from_a,
        a.icd10_to as to_a,
        b.diagnosis_group as group_b,
        b.icd10_from as from_b,
        b.icd10_to as to_b
    from ranges as a
    inner join ranges as b
        on
            a.icd10_from < b.icd10_from
            and a.icd10_to >= b.icd10_from
)

select * from overlapping_ranges
