"""METHOD §8.8: the sensitivity refits of the benchmark at the headline month, one per analysis.

Reads benchmark_sensitivity_input (contracted, unit-tested SQL) and the case-mix levels; rtw_stats.sensitivity
fits one plain logit per analysis (no CV, bootstrap or fixed effects: cheap) and returns persons, observed and
expected per cohort period, analysis and municipality, or one row with the reason when an analysis cannot be
fitted. The main benchmark (benchmark_model_results) is not touched. Person-level input: group restricted,
access protected.
"""

import pandas as pd

from rtw_stats import one_blas_thread, sensitivity


def model(dbt, session):
    dbt.config(materialized="table")
    one_blas_thread()  # beside the other dbt thread: rtw_stats.one_blas_thread
    frame_variables = tuple(v for v in str(dbt.config.get("frame_variables")).split(",") if v)
    data = dbt.ref("benchmark_sensitivity_input").df()
    levels = dbt.ref("benchmark_casemix_levels").df()
    # Per cohort period (METHOD §8.10), each with its own levels; the periods in time order.
    parts = []
    for period in sorted(levels["cohort_period"].unique()):
        out = sensitivity.run(
            data[data["cohort_period"] == period],
            levels[levels["cohort_period"] == period],
            horizon=int(dbt.config.get("horizon")),
            frame_variables=frame_variables,
            min_events=int(dbt.config.get("min_events")),
        )
        out.insert(0, "cohort_period", pd.Series([period] * len(out), index=out.index, dtype="string"))
        parts.append(out)
    return pd.concat(parts, ignore_index=True)
