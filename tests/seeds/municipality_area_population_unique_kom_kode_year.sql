-- municipality_area_population: key (kom_kode, year). Returns duplicated keys.
select
    kom_kode,
    year,
    count(*) as n_rows
from {{ ref('municipality_area_population') }}
group by kom_kode, year
having count(*) > 1
