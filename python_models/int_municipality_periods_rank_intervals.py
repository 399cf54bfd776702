"""METHOD §8.10, §8.4: the bootstrap rank interval of each published municipality in each cohort period.

The parametric bootstrap of rtw_stats.ranking.bootstrap_ranks (draws and seed + headline month as
benchmark_model_results) over the municipalities of int_municipality_periods_published whose pooled
indicator is published in the period, so a published rank interval never counts a municipality whose share
is withheld (as benchmark_published_rank_intervals does for one period).
"""

import pandas as pd

from rtw_stats.ranking import bootstrap_ranks

COLUMNS = ["cohort_period", "municipality_code", "rank_low", "rank_high"]


def model(dbt, session):
    dbt.config(materialized="table")
    seed = int(dbt.config.get("seed")) + int(dbt.config.get("horizon"))
    draws = int(dbt.config.get("draws"))
    top_n = int(dbt.config.get("top_n"))
    units = dbt.ref("int_municipality_periods_published").df()
    units = units[units["is_published"]].sort_values(["cohort_period", "municipality_code"], kind="mergesort")
    frames = []
    for period, group in units.groupby("cohort_period", sort=True):
        ranks = bootstrap_ranks(
            group["indicator_pp"].to_numpy(),
            group["std_error_pp"].to_numpy(),
            draws=draws,
            seed=seed,
            top_n=top_n,
        )
        frames.append(
            pd.DataFrame(
                {
                    "cohort_period": str(period),
                    "municipality_code": group["municipality_code"].astype(int).to_numpy(),
                    "rank_low": ranks["rank_low"].astype(int).to_numpy(),
                    "rank_high": ranks["rank_high"].astype(int).to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
