-- countries_of_origin: 5100 (Denmark) is the one and only `danish` code. Returns offending rows.
with countries as (
    select * from {{ ref('countries_of_origin') }}
),

denmark_rows as (
    select count(*) as n_rows
    from countries
    where opr_land = 5100 and origin_group = 'danish'
),

final as (
    select
        opr_land,
        origin_group
    from countries
    where (opr_land = 5100) <> (origin_group = 'danish')
    union all
    select
        5100 as opr_land,
        'missing' as origin_group
    from denmark_rows
    where n_rows = 0
)

select * from final
