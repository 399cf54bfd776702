"""METHOD §6–8: the benchmark logistic regression at every horizon, as one long table.

dbt-duckdb runs Python models inside the dbt process with nothing of the project on sys.path, so the
project directory (dbt's working directory) is inserted to import the plain statistics package
`rtw_stats` that pytest also tests. The SQL models benchmark_coefficients, benchmark_model_fit,
benchmark_calibration_deciles, benchmark_course_predictions and benchmark_municipalities split this
table, each with a contract. Person-level (predictions): restricted schema.

Degenerate data (too few events, one municipality, a design that stays singular; rtw_stats.degenerate)
do not raise here — dbt-duckdb would print the whole Python traceback — but return one `stop` row with the
message; the singular test benchmark_model_did_not_stop ends the build with it, naming horizon, variable
and level. Any other exception is a bug and keeps its traceback.
"""

import os
import sys


def model(dbt, session):
    dbt.config(materialized="table")
    # dbt runs from the project directory (make, CI); DBT_PROJECT_DIR covers `--project-dir` runs.
    for project_dir in (os.environ.get("DBT_PROJECT_DIR"), os.getcwd()):
        if project_dir and os.path.isdir(os.path.join(project_dir, "rtw_stats")):
            sys.path.insert(0, os.path.abspath(project_dir))
            break
    from rtw_stats import pipeline
    from rtw_stats.degenerate import DegenerateDataError

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
