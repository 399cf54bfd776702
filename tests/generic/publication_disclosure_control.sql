{#-
    Disclosure control of a publication mart (METHOD §7). Fails on
    - a share published although its denominator is var disclosure_max_persons persons or fewer,
    - a row whose flag column does not say whether one of its shares was suppressed,
    - a person-level key column in the mart (person_id, course_id, plan_id, contact_id, pnr).
    Arguments: shares = list of {share: <column>, persons: <denominator column>}; flag = the flag column.
-#}
{% test publication_disclosure_control(model, shares=[], flag=none) %}
{%- set person_keys = ['person_id', 'course_id', 'plan_id', 'contact_id', 'pnr', 'recnum'] -%}
{%- set columns = adapter.get_columns_in_relation(model) | map(attribute='name') | map('lower') | list -%}
{%- set max_persons = var('disclosure_max_persons') -%}

with mart as (
    select * from {{ model }}
),

problems as (
    select 'no check' as problem, 0 as rows_n
    where false
    {%- for pair in shares %}
    union all
    select 'share {{ pair.share }} published with {{ pair.persons }} <= {{ max_persons }}', count(*)
    from mart
    where {{ pair.share }} is not null and coalesce({{ pair.persons }}, 0) <= {{ max_persons }}
    having count(*) > 0
    {%- endfor %}
    {%- if flag and shares %}
    union all
    select 'flag {{ flag }} does not match the suppressed shares', count(*)
    from mart
    where {{ flag }} is distinct from (
        {%- for pair in shares %}
        coalesce({{ pair.persons }}, 0) <= {{ max_persons }}{{ ' or' if not loop.last }}
        {%- endfor %}
    )
    having count(*) > 0
    {%- endif %}
    {%- for key in person_keys if key in columns %}
    union all
    select 'person-level key column {{ key }} in a publication mart', 1
    {%- endfor %}
)

select * from problems
{% endtest %}
