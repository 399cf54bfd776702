{#-
    Disclosure control of a publication mart (METHOD §7), row by row. Fails on
    - a count of 1 … var disclosure_max_persons persons published (a `counts` column or a share's denominator),
    - a share published while its denominator is not, or whose numerator (share × denominator) or complement
      (denominator − numerator) is 1 … disclosure_max_persons persons,
    - a row whose flag column does not say whether one of its shares or counts was withheld (a share counts as
      withheld when it is NULL while its denominator is not 0),
    - a person-level key column in the mart (person_id, course_id, plan_id, contact_id, pnr).
    What follows from several rows or marts together is tested by tests/python/test_disclosure_attack.py.
    Arguments: shares = list of {share: <column in percent>, persons: <denominator column>}; figures = the same for
    figures that are not a share of persons (expected share, indicator: published only with their denominator, no
    numerator check); counts = list of count columns; flag = the flag column.
-#}
{% test publication_disclosure_control(model, shares=[], figures=[], counts=[], flag=none) %}
{%- set person_keys = ['person_id', 'course_id', 'plan_id', 'contact_id', 'pnr', 'recnum'] -%}
{%- set columns = adapter.get_columns_in_relation(model) | map(attribute='name') | map('lower') | list -%}
{%- set max_persons = var('disclosure_max_persons') -%}
{%- set count_columns = (counts + (shares | map(attribute='persons') | list)) | unique | list -%}

with mart as (
    select * from {{ model }}
),

problems as (
    select 'no check' as problem, 0 as rows_n
    where false
    {%- for column in count_columns %}
    union all
    select 'count {{ column }} of 1..{{ max_persons }} persons published', count(*)
    from mart
    where {{ column }} between 1 and {{ max_persons }}
    having count(*) > 0
    {%- endfor %}
    {%- for pair in shares + figures %}
    union all
    select 'figure {{ pair.share }} published without its denominator {{ pair.persons }}', count(*)
    from mart
    where {{ pair.share }} is not null and {{ pair.persons }} is null
    having count(*) > 0
    {%- endfor %}
    {%- for pair in shares %}
    union all
    select 'share {{ pair.share }} x {{ pair.persons }} gives a numerator or complement of 1..{{ max_persons }}', count(*)
    from mart
    where
        {{ pair.share }} is not null
        and (
            round({{ pair.share }} * {{ pair.persons }} / 100.0) between 1 and {{ max_persons }}
            or {{ pair.persons }} - round({{ pair.share }} * {{ pair.persons }} / 100.0) between 1 and {{ max_persons }}
        )
    having count(*) > 0
    {%- endfor %}
    {%- if flag and (shares or counts) %}
    union all
    select 'flag {{ flag }} does not match the withheld figures', count(*)
    from mart
    where {{ flag }} is distinct from (
        false
        {%- for pair in shares + figures %}
        or ({{ pair.share }} is null and coalesce({{ pair.persons }}, -1) <> 0)
        {%- endfor %}
        {%- for column in counts %}
        or {{ column }} is null
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
