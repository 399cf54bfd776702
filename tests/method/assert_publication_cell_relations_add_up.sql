-- Every relation of int_publication_cell_relations adds up on the data (total = sum of the parts): the
-- suppression and the attack test rely on them. Returns the relations that do not.
with relations as (
    select * from {{ ref('int_publication_cell_relations') }}
),

cells as (
    select * from {{ ref('int_publication_cells') }}
),

sums as (
    select
        relations.relation_id,
        sum(cells.persons) filter (where relations.is_total) as total_persons,
        sum(cells.persons) filter (where not relations.is_total) as parts_persons,
        count(*) filter (where relations.is_total) as totals_n
    from relations
    inner join cells
        on relations.cell_id = cells.cell_id
    group by relations.relation_id
)

select * from sums
where totals_n <> 1 or total_persons is distinct from parts_persons
