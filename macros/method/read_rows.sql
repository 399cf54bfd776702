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
    (int_hospital_plan_person_contacts), in its own columns; the staging models of the large registers select
    from it, so every later projection runs on these rows only. -#}
{% macro read_persons_only(relation) -%}
    select registered.*
    from {{ relation }} as registered
    inner join (
        select distinct read_contacts.person_id
        from {{ ref('int_hospital_plan_person_contacts') }} as read_contacts
    ) as read_persons
        on registered.pnr = read_persons.person_id
{%- endmacro %}
