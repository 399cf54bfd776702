with source as (
    select * from {{ ref('base_lpr_sksopr__read_rows') }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(c_opr as varchar) as procedure_code,
        cast(d_odto as date) as procedure_date
    from source
)

select * from renamed
