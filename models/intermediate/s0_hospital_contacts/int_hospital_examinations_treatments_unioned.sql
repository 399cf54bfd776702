{#-
    The registrations of a rehabilitation plan code (seed rehab_plan_codes), whatever the register's version
    (lpr_version keeps the origin): among LPR2's additional codes (lpr_sksube) and LPR3's other procedures
    (lpr_a_procedure_andre), registered on the date of their start. The one place where a plan code is matched:
    int_hospital_plan_contacts finds the persons with a plan from it (METHOD §0.1), int_rehab_plans_registered
    the plans.
-#}
with lpr2_codes as (
    select * from {{ ref('stg_lpr__examinations_treatments') }}
),

lpr3_procedures as (
    select * from {{ ref('stg_lpr3__procedures') }}
),

plan_codes as (
    select * from {{ ref('rehab_plan_codes') }}
),

unioned as (
    select
        contact_id,
        sks_code,
        registration_date,
        'LPR2' as lpr_version
    from lpr2_codes
    union all
    select
        contact_id,
        procedure_code as sks_code,
        cast(procedure_start_at as date) as registration_date,
        'LPR3' as lpr_version
    from lpr3_procedures
    where procedure_table = 'andre'
),

final as (
    select unioned.*
    from unioned
    inner join plan_codes
        on unioned.sks_code = plan_codes.sks_code
)

select * from final
