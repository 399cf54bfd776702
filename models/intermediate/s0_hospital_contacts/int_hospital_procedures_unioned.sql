{#-
    One procedure history whatever the register's version, in LPR2's shape (lpr_version keeps the origin): LPR2
    procedures (lpr_sksopr) and the LPR3 procedures of both tables (surgical and other) on the date of their
    start. Surgery is read from the code (var surgery_sks_prefix) in both versions, not from the table.
-#}
with lpr2_procedures as (
    {{ read_contacts_only(ref('stg_lpr__procedures'), 'LPR2') }}
),

lpr3_procedures as (
    {{ read_contacts_only(ref('stg_lpr3__procedures'), 'LPR3') }}
),

unioned as (
    select
        contact_id,
        procedure_code,
        procedure_date,
        'LPR2' as lpr_version
    from lpr2_procedures
    union all
    select
        contact_id,
        procedure_code,
        cast(procedure_start_at as date) as procedure_date,
        'LPR3' as lpr_version
    from lpr3_procedures
)

select * from unioned
