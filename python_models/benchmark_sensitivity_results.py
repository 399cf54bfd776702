"""METHOD §8.8: the sensitivity refits of the benchmark at the headline month, one per analysis.

Reads benchmark_sensitivity_input (contracted, unit-tested SQL) and the case-mix levels; rtw_stats.sensitivity
fits one plain logit per analysis (no CV, bootstrap or fixed effects: cheap) and returns persons, observed and
expected per analysis and municipality, or one row with the reason when an analysis cannot be fitted. The main
benchmark (benchmark_model_results) is not touched. Per cohort period (first column): each period is refitted
on its own courses, as the main benchmark. Person-level input: group restricted, access protected.
"""

import pandas as pd

from rtw_stats import sensitivity


def model(dbt, session):
    dbt.config(materialized="table")
    frame_variables = tuple(v for v in str(dbt.config.get("frame_variables")).split(",") if v)
    data = dbt.ref("benchmark_sensitivity_input").df()
    levels = dbt.ref("benchmark_casemix_levels").df()
    parts = []
    for period, part in data.groupby("cohort_period", sort=True):
        period_levels = levels[levels["cohort_period"] == period] if "cohort_period" in levels else levels
        result = sensitivity.run(
            part.drop(columns="cohort_period"),
            period_levels,
            horizon=int(dbt.config.get("horizon")),
            frame_variables=frame_variables,
            min_events=int(dbt.config.get("min_events")),
        )
        result.insert(0, "cohort_period", period)
        parts.append(result)
    if parts:
        return pd.concat(parts, ignore_index=True)
    empty = sensitivity.run(data.drop(columns="cohort_period"), levels, horizon=0, frame_variables=())
    empty.insert(0, "cohort_period", pd.Series(dtype="object"))
    return empty
