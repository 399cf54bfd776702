{#-
    Cross-register raw check: hospital contacts start in every year of the plan discharge window (METHOD §0,
    period_value('plan_discharge_from') .. period_value('plan_discharge_to')), counted over LPR2 (lpr_adm.d_inddto) and LPR3
    (lpr_a_kontakt.kont_starttidspunkt of the rows read, var lpr3_reporting_systems) together: a period that
    spans the change to LPR3 in March 2019 has each year in one or both. A missing year stops the build naming it.
-#}
{% set first_year = period_value('plan_discharge_from')[:4] | int %}
{% set last_year = period_value('plan_discharge_to')[:4] | int %}
{% set failures %}
with contact_years as (
    select distinct year(d_inddto) as contact_year
    from {{ source('raw', 'lpr_adm') }}
    where year(d_inddto) between {{ first_year }} and {{ last_year }}
    union
    select distinct year(kont_starttidspunkt) as contact_year
    from {{ source('raw', 'lpr_a_kontakt') }}
    where
        year(kont_starttidspunkt) between {{ first_year }} and {{ last_year }}
        and lprindberetningssystem in ({{ sql_list(var('lpr3_reporting_systems')) }})
),

needed as (
    select unnest(range({{ first_year }}, {{ last_year + 1 }})) as contact_year
),

checks as (
    select
        'd_inddto / kont_starttidspunkt' as column_name,
        'no rows for admissions in ' || needed.contact_year
        || ' (the method reads {{ first_year }}-{{ last_year }})' as problem,
        -1 as n_failing,
        cast(null as varchar) as example
    from needed
    anti join contact_years using (contact_year)
)

select * from checks
{% endset %}
{{ bad_input_report('lpr_adm + lpr_a_kontakt', failures) }}
