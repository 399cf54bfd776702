"""METHOD §7–8: rank intervals and top/bottom-n probabilities among the published municipalities only.

The parametric bootstrap of rtw_stats.ranking.bootstrap_ranks (same draws and seed + horizon as
benchmark_model_results) over the municipalities of int_benchmark_units_published whose benchmark is
published, so the published rank interval of a municipality does not count a suppressed one. Per cohort
period and horizon: a municipality is ranked among the period's published municipalities only.
"""

import pandas as pd

from rtw_stats.ranking import bootstrap_ranks


def model(dbt, session):
    dbt.config(materialized="table")
    seed = int(dbt.config.get("seed"))
    draws = int(dbt.config.get("draws"))
    top_n = int(dbt.config.get("top_n"))
    units = dbt.ref("int_benchmark_units_published").df()
    units = units[units["is_published"]].sort_values(
        ["cohort_period", "horizon_month", "municipality_code"], kind="mergesort"
    )
    frames = []
    for (period, horizon), group in units.groupby(["cohort_period", "horizon_month"], sort=True):
        ranks = bootstrap_ranks(
            group["indicator_pp"].to_numpy(),
            group["std_error_pp"].to_numpy(),
            draws=draws,
            seed=seed + int(horizon),
            top_n=top_n,
        )
        frames.append(
            pd.DataFrame(
                {
                    "cohort_period": period,
                    "horizon_month": int(horizon),
                    "municipality_code": group["municipality_code"].to_numpy(),
                    "rank_low": ranks["rank_low"].astype(int).to_numpy(),
                    "rank_high": ranks["rank_high"].astype(int).to_numpy(),
                    "probability_top_n": ranks["probability_top"].to_numpy(),
                    "probability_bottom_n": ranks["probability_bottom"].to_numpy(),
                }
            )
        )
    columns = [
        "cohort_period",
        "horizon_month",
        "municipality_code",
        "rank_low",
        "rank_high",
        "probability_top_n",
        "probability_bottom_n",
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
