-- The case-mix spec (seed casemix_variables) and the regression input's contract name the same variables in
-- the same order (METHOD §4): the SQL reads the column list from the contract, the labels and levels from the
-- seeds. Returns each position where they differ.
{%- set contract = benchmark_casemix_columns() %}

with contract_columns as (
    select
        contract.column_name,
        cast(contract.position as integer) as variable_order
    from (
        values
        {%- for name in contract %}
            ('{{ name }}', {{ loop.index }}){{ ',' if not loop.last }}
        {%- endfor %}
    ) as contract (column_name, position)
),

final as (
    select
        coalesce(seed.variable_order, contract_columns.variable_order) as variable_order,
        seed.variable_name as seed_variable,
        contract_columns.column_name as contract_column
    from {{ ref('casemix_variables') }} as seed
    full outer join contract_columns
        on seed.variable_order = contract_columns.variable_order
    where seed.variable_name is distinct from contract_columns.column_name
)

select * from final
