{#- LPR3 contacts reported through LPR3 (var lpr3_reporting_systems): the table reaches back to 2017 with
    outpatient contacts that LPR2 holds too. -#}
with source as (
    select * from {{ source('raw', 'lpr_a_kontakt') }}
),

renamed as (
    select
        cast(dw_ek_kontakt as varchar) as contact_id,
        cast(pnr as varchar) as person_id,
        cast(kont_starttidspunkt as timestamp) as contact_start_at,
        cast(kont_sluttidspunkt as timestamp) as contact_end_at,
        cast(kont_type as varchar) as contact_type_code,
        cast(prioritet as varchar) as priority_code,
        cast(kont_ans_hovedspec as varchar) as specialty_name,
        cast(lprindberetningssystem as varchar) as reporting_system
    from source
    where cast(lprindberetningssystem as varchar) in ({{ sql_list(var('lpr3_reporting_systems')) }})
)

select * from renamed
