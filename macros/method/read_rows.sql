{#- METHOD §0.1: the rows of `relation` (a hospital model's staging input, with contact_id) on the contacts the
    method reads, i.e. the contacts of LPR version `lpr_version` of the persons with a plan. -#}
{% macro read_contacts_only(relation, lpr_version) -%}
    select registered.*
    from {{ relation }} as registered
    inner join {{ ref('int_hospital_plan_person_contacts') }} as read_contacts
        on registered.contact_id = read_contacts.contact_id
    where read_contacts.lpr_version = '{{ lpr_version }}'
{%- endmacro %}
