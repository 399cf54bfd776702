-- The regression levels held by the code seeds (diagnosis groups, industry groups, hospital specialty
-- groups) are, apart from the reference level, exactly the levels printed in the report's Tabel 5.4, so
-- our coefficients can be set beside the published ones. The published table is read here by a test only.
-- Returns levels missing on either side.
with published as (
    select
        level as level_name,
        case
            when variable_group like 'Aktionsdiagnose%' then 'diagnosis'
            when variable_group like 'Branche%' then 'industry'
            when variable_group like 'Sygehus speciale%' then 'specialty'
        end as regression_variable
    from {{ ref('published_table5_4_logit_coefficients') }}
),

ours as (
    select distinct
        'diagnosis' as regression_variable,
        table5_4_level as level_name
    from {{ ref('diagnosis_groups') }}
    where not is_reference
    union all
    select distinct
        'industry' as regression_variable,
        regression_group as level_name
    from {{ ref('db07_divisions') }}
    where not is_regression_reference
    union all
    select distinct
        'specialty' as regression_variable,
        regression_group as level_name
    from {{ ref('hospital_specialties') }}
    where not is_regression_reference
),

missing_in_ours as (
    select
        published.regression_variable,
        published.level_name,
        'printed in Tabel 5.4 but not in the seeds' as problem
    from published
    where
        published.regression_variable is not null
        and not exists (
            select 1 from ours
            where
                ours.regression_variable = published.regression_variable
                and ours.level_name = published.level_name
        )
),

missing_in_published as (
    select
        ours.regression_variable,
        ours.level_name,
        'in the seeds but not printed in Tabel 5.4' as problem
    from ours
    where not exists (
        select 1 from published
        where
            published.regression_variable = ours.regression_variable
            and published.level_name = ours.level_name
    )
),

final as (
    select * from missing_in_ours
    union all
    select * from missing_in_published
)

select * from final
