{{ config(enabled=var('check_against_report'), tags=['acceptance']) }}
{#-
    METHOD §8.8 `neither_excluded`: the published share of the analysed courses neither on benefits at the
    headline month nor with paid hours in bfl in the month of the window's last week is within 1 point of the
    report's "ca. 1 pct. af analysepopulationen" (Kap. 3 note 2). A withheld (NULL) or missing share fails too.
    Returns one row when the share is outside the tolerance.
-#}
with summary as (
    select * from {{ ref('pub_sensitivity_summary') }}
    where analysis = 'neither_excluded'
),

published as (
    select * from {{ ref('published_headline_figures') }}
    where figure = 'neither_benefits_nor_employed_3_months'
),

final as (
    select
        published.figure,
        summary.changed_pct as our_value,
        published.value as published_value,
        1.0 as tolerance
    from published
    left join summary on true
    where summary.changed_pct is null or abs(summary.changed_pct - published.value) > 1.0
)

select * from final
