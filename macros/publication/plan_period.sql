{#-
    The cohort period of a plan (METHOD §7, plans of Tabel 3.2–3.3 and Bilag 3 Figur 1.2): plans have no rehab
    start, so their period is read from the discharge date — the period holding the discharge year, else (the
    lead-in months of the plan window of METHOD §0, discharged before the period's first start year) the period
    whose first start year follows the discharge year. Labels from cohort_periods(); NULL outside every period.
-#}
{% macro publication_plan_period(discharge_date) -%}
    {%- set periods = cohort_periods() -%}
    case
        {%- for p in periods %}
            when year({{ discharge_date }}) between {{ p.first_year }} and {{ p.last_year }} then '{{ p.label }}'
        {%- endfor %}
        {%- for p in periods %}
            when year({{ discharge_date }}) = {{ p.first_year - 1 }} then '{{ p.label }}'
        {%- endfor %}
    end
{%- endmacro %}
