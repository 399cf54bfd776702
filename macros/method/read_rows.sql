{#- METHOD §0.1: the rows of `relation` (a hospital model's staging input, with contact_id) on the contacts the
    method reads, i.e. the contacts of LPR version `lpr_version` of the persons with a plan. -#}
{% macro read_contacts_only(relation, lpr_version) -%}
    select registered.*
    from {{ relation }} as registered
    inner join {{ ref('int_hospital_plan_person_contacts') }} as read_contacts
        on registered.contact_id = read_contacts.contact_id
    where read_contacts.lpr_version = '{{ lpr_version }}'
{%- endmacro %}

{#- METHOD §0.1: the rows of `relation` (a person-level raw register with pnr) of the persons with a plan
    (int_hospital_plan_contacts), in its own columns: the base models (models/staging/base) select them once. -#}
{% macro read_persons_only(relation) -%}
    select registered.*
    from {{ relation }} as registered
    inner join (
        select distinct plan_contacts.person_id
        from {{ ref('int_hospital_plan_contacts') }} as plan_contacts
        where plan_contacts.person_id is not null
    ) as read_persons
        on registered.pnr = read_persons.person_id
{%- endmacro %}

{#- METHOD §0.1: the rows of `relation` (an LPR2 table with recnum: lpr_diag, lpr_sksopr) on the LPR2 contacts
    the method reads, i.e. the contacts in base_lpr_adm__read_rows (a semi join: one row per row of relation). -#}
{% macro read_lpr2_contacts_only(relation) -%}
    select registered.*
    from {{ relation }} as registered
    semi join {{ ref('base_lpr_adm__read_rows') }} as read_contacts
        on registered.recnum = read_contacts.recnum
{%- endmacro %}

{#- The staging of an lpr_adm relation (the register, or its read rows base_lpr_adm__read_rows): the one place
    lpr_adm's columns are renamed and cast, for stg_lpr__contacts and stg_lpr__read_contacts. -#}
{% macro lpr_contacts_staged(relation) -%}
with source as (
    select * from {{ relation }}
),

renamed as (
    select
        cast(recnum as varchar) as contact_id,
        cast(pnr as varchar) as person_id,
        cast(d_inddto as date) as admission_date,
        cast(d_uddto as date) as discharge_date,
        cast(c_pattype as varchar) as patient_type_code,
        cast(c_indm as varchar) as admission_urgency_code,
        cast(c_spec as varchar) as specialty_code,
        cast(c_adiag as varchar) as action_diagnosis_code,
        cast(c_mdc as varchar) as mdc_code
    from source
)

select * from renamed
{%- endmacro %}
