-- municipality_area_population: every municipality has a row for every year, with a positive area and
-- population (population density divides by the area). Returns missing or implausible cells.
with facts as (
    select * from {{ ref('municipality_area_population') }}
),

municipalities as (
    select kom_kode from {{ ref('municipalities') }}
),

years as (
    select distinct year from facts
),

expected as (
    select
        municipalities.kom_kode,
        years.year
    from municipalities
    cross join years
),

missing as (
    select
        expected.kom_kode,
        expected.year,
        'missing' as problem
    from expected
    left join facts
        on
            expected.kom_kode = facts.kom_kode
            and expected.year = facts.year
    where facts.kom_kode is null
),

implausible as (
    select
        kom_kode,
        year,
        'area or population not positive' as problem
    from facts
    where area_km2 <= 0 or population <= 0
),

final as (
    select * from missing
    union all
    select * from implausible
)

select * from final
