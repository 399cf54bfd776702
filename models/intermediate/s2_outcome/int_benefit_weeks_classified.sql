{#- §2: each DREAM week's benefit code -> class via seed dream_benefit_codes ('unknown' if not in the seed). -#}
with benefit_weeks as (
    select * from {{ ref('int_benefit_weeks_unpivoted') }}
),

benefit_codes as (
    select * from {{ ref('dream_benefit_codes') }}
),

classified as (
    select
        benefit_weeks.person_id,
        benefit_weeks.week_monday_date,
        benefit_weeks.benefit_code,
        coalesce(benefit_codes.benefit_class, 'unknown') as benefit_class,
        benefit_codes.benefit_mix_group,
        coalesce(benefit_codes.is_sickness_benefit, false) as is_sickness_benefit,
        coalesce(benefit_codes.is_partial, false) as is_partial_benefit,
        benefit_codes.exit_event,
        benefit_codes.benefit_code is not null as is_known_code
    from benefit_weeks
    left join benefit_codes
        on benefit_weeks.benefit_code = cast(benefit_codes.benefit_code as varchar)
),

final as (
    select * from classified
)

select * from final
