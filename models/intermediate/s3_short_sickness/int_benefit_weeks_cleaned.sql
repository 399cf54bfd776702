{#-
    §3 short-sickness cleaning: a run of consecutive ISO weeks with a sickness-benefit code lasting
    <= var short_sickness_max_weeks weeks in total counts as no benefit ('none'). The spell's full length
    decides (a week 2 of a 6-week spell stays a benefit week). Then the week classes the rules use:
    not_returned / undeterminable (incl. unknown codes, Decision) / exit (997, 999) / none.
-#}
with classified as (
    select * from {{ ref('int_benefit_weeks_classified') }}
),

sickness_weeks as (
    select
        person_id,
        week_monday_date,
        row_number() over (partition by person_id order by week_monday_date) as sickness_week_number
    from classified
    where is_sickness_benefit
),

sickness_islands as (
    select
        person_id,
        week_monday_date,
        {{ add_days('week_monday_date', '-7 * sickness_week_number') }} as spell_key
    from sickness_weeks
),

sickness_spells as (
    select
        person_id,
        week_monday_date,
        min(week_monday_date) over (partition by person_id, spell_key) as spell_start_date,
        count(*) over (partition by person_id, spell_key) as sickness_spell_weeks
    from sickness_islands
),

cleaned as (
    select
        classified.*,
        sickness_spells.spell_start_date as sickness_spell_start_date,
        sickness_spells.sickness_spell_weeks,
        coalesce(
            sickness_spells.sickness_spell_weeks <= {{ var('short_sickness_max_weeks') }}, false
        ) as is_short_sickness_spell
    from classified
    left join sickness_spells
        on
            classified.person_id = sickness_spells.person_id
            and classified.week_monday_date = sickness_spells.week_monday_date
),

final as (
    select
        person_id,
        week_monday_date,
        benefit_code,
        benefit_class,
        benefit_mix_group,
        is_sickness_benefit,
        is_partial_benefit,
        exit_event,
        is_known_code,
        sickness_spell_start_date,
        sickness_spell_weeks,
        is_short_sickness_spell,
        case
            when is_short_sickness_spell then 'none'
            when benefit_class = 'unknown' then 'undeterminable'
            else benefit_class
        end as week_class,
        benefit_class = 'not_returned' and not is_short_sickness_spell as is_not_returned,
        benefit_class in ('undeterminable', 'unknown') and not is_short_sickness_spell as is_undeterminable,
        benefit_class in ('not_returned', 'undeterminable', 'unknown') and not is_short_sickness_spell as is_benefit
    from cleaned
)

select * from final
