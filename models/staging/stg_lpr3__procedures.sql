{#- LPR3 procedures of both tables: surgical (lpr_a_procedure_kirurgi) and other (lpr_a_procedure_andre). -#}
with surgical as (
    select * from {{ source('raw', 'lpr_a_procedure_kirurgi') }}
),

other as (
    select * from {{ source('raw', 'lpr_a_procedure_andre') }}
),

renamed as (
    select
        cast(dw_ek_kontakt as varchar) as contact_id,
        cast(proc_kode as varchar) as procedure_code,
        cast(proc_starttidspunkt as timestamp) as procedure_start_at,
        'kirurgi' as procedure_table
    from surgical
    union all
    select
        cast(dw_ek_kontakt as varchar) as contact_id,
        cast(proc_kode as varchar) as procedure_code,
        cast(proc_starttidspunkt as timestamp) as procedure_start_at,
        'andre' as procedure_table
    from other
)

select * from renamed
