-- dream_benefit_codes: codes are 3-digit strings and the flags agree with the classes
-- (sickness benefit = 890-899 = mix group sickness_benefit; exit_event only and always on exit codes;
-- undeterminable codes carry mix group undeterminable; a code of a later period (in_use_from) is introduced after
-- the report's years 2016-17 and is never an exit code; a verified row names its source). Returns offending codes.
with codes as (
    select
        *,
        try_cast(benefit_code as integer) as code_number
    from {{ ref('dream_benefit_codes') }}
)

select
    benefit_code,
    benefit_class,
    benefit_mix_group,
    is_sickness_benefit,
    exit_event
from codes
where
    not regexp_full_match(benefit_code, '[0-9]{3}')
    or is_sickness_benefit <> (code_number between 890 and 899)
    or is_sickness_benefit <> (benefit_mix_group = 'sickness_benefit')
    or (benefit_class = 'exit') <> (exit_event is not null)
    or (benefit_class = 'exit') <> (benefit_mix_group = 'exit')
    or (benefit_class = 'undeterminable') <> (benefit_mix_group = 'undeterminable')
    or in_use_from <= 2017
    or (in_use_from is not null and benefit_class = 'exit')
    or (verified and coalesce(trim(source), '') = '')
