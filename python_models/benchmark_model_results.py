"""METHOD §6–8, §8.10: the benchmark logistic regression per horizon and cohort period, one long table.

dbt-duckdb runs Python models inside the dbt process; the statistics are the package `rtw_stats`
(installed editable in the venv by `make bootstrap`, pyproject.toml), which pytest also tests. The SQL
models benchmark_coefficients, benchmark_model_fit, benchmark_calibration_deciles,
benchmark_course_predictions and the s6_benchmark steps of benchmark_municipalities split this table.
Person-level (predictions): group restricted, access protected.

Cohort periods (METHOD §8.10, var periods; macro cohort_periods()): the model is fitted per period (rows with
fit = 'per_period', the report's way; the benchmark marts read these) and once pooled over all periods with
the period as a term at the headline month (fit = 'pooled'; the change analysis reads these).

Degenerate data (too few events, one municipality, a design that stays singular; rtw_stats.degenerate)
do not raise here — dbt-duckdb would print the whole Python traceback — but return one `stop` row with the
message; the singular test benchmark_model_did_not_stop ends the build with it, naming period, horizon,
variable and level. Any other exception is a bug and keeps its traceback.
"""

from rtw_stats import one_blas_thread, pipeline
from rtw_stats.degenerate import DegenerateDataError


def model(dbt, session):
    dbt.config(materialized="table")
    one_blas_thread()  # beside the other dbt thread: rtw_stats.one_blas_thread

    horizons = str(dbt.config.get("horizons"))
    data = dbt.ref("benchmark_regression_input").df()
    levels = dbt.ref("benchmark_casemix_levels").df()
    # The periods in time order: labels start with their first year and periods do not overlap.
    periods = sorted(levels["cohort_period"].unique())
    try:
        result = pipeline.run_periods(
            data,
            levels,
            [int(h) for h in horizons.split(",")],
            periods,
            int(dbt.config.get("pooled_horizon")),
            seed=int(dbt.config.get("seed")),
            draws=int(dbt.config.get("draws")),
            top_n=int(dbt.config.get("top_n")),
            cv_folds=int(dbt.config.get("cv_folds")),
            min_events=int(dbt.config.get("min_events")),
        )
    except DegenerateDataError as err:
        result = pipeline.stop_frame(err)
    return result
