-- published_table5_4_logit_coefficients: key (variable_group, level). Returns duplicated keys.
select
    variable_group,
    level,
    count(*) as n_rows
from {{ ref('published_table5_4_logit_coefficients') }}
group by variable_group, level
having count(*) > 1
