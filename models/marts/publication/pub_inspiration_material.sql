{#-
    The job-centre and inspiration material (METHOD §8.9) for the pages: seed inspiration_material with the
    municipality code, one row per material, municipality and theme. No person counts. The material is the same
    for every cohort period; it is repeated per period (the periods of analysis_cohort), so the pages of a period
    read it like every other mart.
-#}
with periods as (
    select distinct cohort_period from {{ ref('analysis_cohort') }}
)

select
    periods.cohort_period,
    material.material,
    cast(municipalities.kom_kode as integer) as municipality_code,
    material.municipality_name,
    material.example_title,
    material.theme,
    material.source,
    {{ build_id() }} as build_id
from {{ ref('inspiration_material') }} as material
left join {{ ref('municipalities') }} as municipalities
    on material.municipality_name = municipalities.kom_navn
cross join periods
