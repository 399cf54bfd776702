{#- METHOD §0.1: the DREAM rows of the persons with a plan, as delivered, with the person key and only the week
    columns of the analysis window (the period's DREAM weeks, METHOD §0): read once. A window week missing from
    the extract stops the build before this model (the window check of on-run-start, check_extract_windows). -#}
{%- set week_columns = dream_week_columns() -%}
with read_rows as (
    {{ read_persons_only(source('raw', 'dream')) }}
),

final as (
    select
        pnr,
        {{ week_columns | join(',\n        ') }}
    from read_rows
)

select * from final
