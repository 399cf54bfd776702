{#-
    Cross-register check: a person's birth date (bef.foed_dag) is not after the admission date (lpr_adm.d_inddto)
    of a contact with a rehabilitation plan (lpr_sksube codes of seed rehab_plan_codes; from LPR3 on the start of
    an lpr_a_kontakt contact with a plan code in lpr_a_procedure_andre). Only plan contacts are
    joined, so the check reads the two registers' key and date columns once and stays cheap at population size.
    By default (var raw_audit_rows `read`, METHOD §0.1) their persons' lpr_adm and BEF rows are read from the
    base models that hold them already (base_lpr_adm__read_rows, base_bef__read_rows: the same rows, as
    delivered); with `all` (make audit-raw) from the registers themselves.
-#}
{%- set read_rows_only = var('raw_audit_rows') == 'read' -%}
{%- set lpr_adm = ref('base_lpr_adm__read_rows') if read_rows_only else source('raw', 'lpr_adm') -%}
{%- set bef = ref('base_bef__read_rows') if read_rows_only else source('raw', 'bef') -%}
{% set failures %}
with plans as (
    select distinct recnum
    from {{ source('raw', 'lpr_sksube') }}
    where c_opr in (select sks_code from {{ ref('rehab_plan_codes') }})
),

lpr3_plans as (
    select distinct dw_ek_kontakt
    from {{ source('raw', 'lpr_a_procedure_andre') }}
    where proc_kode in (select sks_code from {{ ref('rehab_plan_codes') }})
),

admissions as (
    select contacts.pnr, contacts.d_inddto
    from {{ lpr_adm }} as contacts
    semi join plans using (recnum)
    union all
    select contacts.pnr, cast(contacts.kont_starttidspunkt as date) as d_inddto
    from {{ source('raw', 'lpr_a_kontakt') }} as contacts
    semi join lpr3_plans using (dw_ek_kontakt)
),

births as (
    select pnr, min(foed_dag) as foed_dag
    from {{ bef }}
    where pnr in (select pnr from admissions)
    group by pnr
),

checks as (
    select
        'foed_dag' as column_name,
        'birth date after the admission date (lpr_adm.d_inddto) of a contact with a rehabilitation plan' as problem,
        count(*) as n_failing,
        {{ raw_example('min(admissions.pnr)', true) }} as example
    from admissions
    inner join births using (pnr)
    where births.foed_dag > admissions.d_inddto
)

select * from checks
{% endset %}
{{ bad_input_report('bef (vs lpr_adm)', failures) }}
