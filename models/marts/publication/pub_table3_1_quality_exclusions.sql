{#-
    Tabel 3.1 (METHOD §5): every municipality and start year with the data-quality criteria it fails (SDS
    quality = 12 months and swings; at least 30 persons in the year; at least 75 in total) and whether the
    year is kept. Flags only: no counts of persons and no shares.
-#}
with quality as (
    select * from {{ ref('municipality_data_quality') }}
),

final as (
    select
        cohort_period,
        municipality_code,
        municipality_name,
        quality_year,
        not passes_ges_quality as fails_sds_quality,
        coalesce(not passes_min_persons_year, false) as fails_min_persons_year,
        coalesce(not passes_min_persons_total, false) as fails_min_persons_total,
        is_year_kept,
        failed_criterion
    from quality
)

select
    *,
    {{ build_id() }} as build_id
from final
