"""METHOD §6–8: the benchmark logistic regression at every horizon, as one long table.

dbt-duckdb runs Python models inside the dbt process; the statistics are the package `rtw_stats`
(installed editable in the venv by `make bootstrap`, pyproject.toml), which pytest also tests. The SQL
models benchmark_coefficients, benchmark_model_fit, benchmark_calibration_deciles,
benchmark_course_predictions and the s6_benchmark steps of benchmark_municipalities split this table.
Person-level (predictions): group restricted, access protected.

Degenerate data (too few events, one municipality, a design that stays singular; rtw_stats.degenerate)
do not raise here — dbt-duckdb would print the whole Python traceback — but return one `stop` row with the
message; the singular test benchmark_model_did_not_stop ends the build with it, naming horizon, variable
and level. Any other exception is a bug and keeps its traceback.
"""

from rtw_stats import pipeline
from rtw_stats.degenerate import DegenerateDataError


def model(dbt, session):
    dbt.config(materialized="table")

    horizons = str(dbt.config.get("horizons"))
    data = dbt.ref("benchmark_regression_input").df()
    levels = dbt.ref("benchmark_casemix_levels").df()
    try:
        result = pipeline.run(
            data,
            levels,
            [int(h) for h in horizons.split(",")],
            seed=int(dbt.config.get("seed")),
            draws=int(dbt.config.get("draws")),
            top_n=int(dbt.config.get("top_n")),
            cv_folds=int(dbt.config.get("cv_folds")),
            min_events=int(dbt.config.get("min_events")),
        )
    except DegenerateDataError as err:
        result = pipeline.stop_frame(err)
    return result
