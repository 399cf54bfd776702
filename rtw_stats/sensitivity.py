"""The sensitivity refits of the benchmark (METHOD §8.8): one plain logit per analysis.

Each analysis of `benchmark_sensitivity_input` is fitted like the main model (rtw_stats.design dummy coding,
rtw_stats.logit.fit_screened with its separation handling) — optionally without some case-mix variables —
and gives, per municipality, persons, observed and expected (sum of the predicted probabilities). Only the
point fit: no standard errors, cross-validation, bootstrap or fixed-effects model, so the extra fits stay
cheap and the main benchmark (benchmark_model_results) is untouched. An analysis whose data do not allow the
model (too few events, one municipality, a singular design) gives one row with the reason instead of
stopping the build.
"""

from __future__ import annotations

import pandas as pd

from rtw_stats.degenerate import DegenerateDataError, check_outcomes
from rtw_stats.design import build_design
from rtw_stats.logit import expit, fit_screened

COLUMNS = {
    "analysis": "string",
    "municipality_code": "Int64",
    "persons": "Int64",
    "observed": "Int64",
    "expected": "float64",
    "variables_left_out": "string",
    "levels_not_estimated": "Int64",
    "not_estimated_reason": "string",
}


def fit_analysis(
    frame: pd.DataFrame,
    levels: pd.DataFrame,
    analysis: str,
    *,
    horizon: int,
    left_out: tuple[str, ...] = (),
    min_events: int = 10,
) -> pd.DataFrame:
    """Per municipality: persons, observed and expected of one refit (rows sorted by municipality)."""
    frame = frame.sort_values("course_id", kind="mergesort").reset_index(drop=True)
    y = frame["is_on_benefits"].to_numpy(dtype=float)
    muni = frame["municipality_code"].to_numpy()
    check_outcomes(y, muni, horizon, min_events)
    design = build_design(frame, levels[~levels["variable_name"].isin(left_out)])
    names = [f"{v}={lvl}" for v, lvl in design.columns]
    coef, _, kept, merged = fit_screened(
        design.x, y, names, label=f"sensitivity analysis {analysis}, horizon {horizon}"
    )
    p = expit(coef[0] + design.x[:, kept] @ coef[1:])
    out = (
        pd.DataFrame({"municipality_code": muni, "y": y, "p": p})
        .groupby("municipality_code", sort=True)
        .agg(persons=("y", "size"), observed=("y", "sum"), expected=("p", "sum"))
        .reset_index()
    )
    out["analysis"] = analysis
    out["variables_left_out"] = ", ".join(left_out)
    out["levels_not_estimated"] = len(design.dropped) + len(merged)
    return out


def run(
    data: pd.DataFrame,
    levels: pd.DataFrame,
    *,
    horizon: int,
    frame_variables: tuple[str, ...],
    frame_analysis: str = "frame_conditions_dropped",
    min_events: int = 10,
) -> pd.DataFrame:
    """Refit every analysis of `data` (column `analysis`); `frame_analysis` without `frame_variables`."""
    parts = []
    for analysis, sub in sorted(data.groupby("analysis", sort=True), key=lambda item: item[0]):
        left_out = frame_variables if analysis == frame_analysis else ()
        try:
            parts.append(
                fit_analysis(
                    sub, levels, str(analysis), horizon=horizon, left_out=left_out, min_events=min_events
                )
            )
        except DegenerateDataError as err:
            parts.append(
                pd.DataFrame(
                    [
                        {
                            "analysis": str(analysis),
                            "variables_left_out": ", ".join(left_out),
                            "not_estimated_reason": str(err),
                        }
                    ]
                )
            )
    result = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for column, dtype in COLUMNS.items():
        if column not in result:
            result[column] = pd.Series(dtype=dtype, index=result.index)
    result["persons"] = result["persons"].round()
    result["observed"] = result["observed"].round()
    return result[list(COLUMNS)].astype(COLUMNS)


__all__ = ["fit_analysis", "run"]
