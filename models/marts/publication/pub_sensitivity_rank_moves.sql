{#-
    The sensitivity analyses per municipality (METHOD §8.8): for every municipality with a published headline
    benchmark, its rank in the main benchmark and in each analysis's refit (among the same municipalities), the
    change and the order of the moves (1 = largest). Ranks only: no count, share or indicator of a refit, so
    nothing here can be turned back into persons; a suppressed municipality has no row.
-#}
select
    compared.cohort_period,
    compared.analysis,
    compared.municipality_code,
    municipalities.kom_navn as municipality_name,
    compared.rank_main,
    compared.rank_analysis,
    compared.rank_change,
    compared.move_order,
    compared.move_order <= {{ var('sensitivity_largest_moves_n') }} as is_largest_move,
    {{ build_id() }} as build_id
from {{ ref('int_municipalities_sensitivity_compared') }} as compared
left join {{ ref('municipalities') }} as municipalities
    on compared.municipality_code = municipalities.kom_kode
