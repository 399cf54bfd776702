{#-
    The benchmark model stops on degenerate data (rtw_stats.degenerate: too few events, one municipality,
    a design that stays singular) by returning one `stop` row with its message instead of raising (a
    raised error would print the Python traceback). This test ends the build with that message, naming
    horizon, variable and level; the models downstream are skipped.
-#}
select text_value as message
from {{ ref('benchmark_model_results') }}
where
    case
        when record_kind = 'stop'
            then {{ raise_error("'Benchmark model stopped (METHOD §6): ' || text_value") }} is null
        else false
    end
