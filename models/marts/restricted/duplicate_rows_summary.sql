{#-
    Data quality: the exact duplicate rows removed from an event register (METHOD §1.4, DATA_CONTRACT "ges"),
    per register — counted, never dropped silently. GES is de-duplicated in staging (delivered_rows = how often
    a distinct row was delivered); in sssy and lpr_* an exact duplicate row stops the build (raw_audit).
-#}
with ges as (
    select * from {{ ref('stg_ges__services') }}
),

final as (
    select
        'ges' as register,
        cast(coalesce(sum(delivered_rows), 0) as bigint) as rows_delivered,
        count(*) as rows_kept,
        cast(coalesce(sum(delivered_rows - 1), 0) as bigint) as duplicate_rows_removed
    from ges
)

select * from final
