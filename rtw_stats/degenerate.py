"""Degenerate data: a clear stop naming horizon, variable and level, or a documented merge of a level.

Decisions (docs/METHOD.md, benchmark decisions 4–5; README "Degenerate data"):
- A level nobody (or everybody) has, a level whose persons all have the same outcome (separation), and a
  level that is a linear combination of others (collinear) are not estimated: their persons count with
  the reference level of the variable (rtw_stats.design.screen_columns), listed in the coefficient table.
- Quasi-complete separation by a COMBINATION of levels (the maximum-likelihood estimate is infinite
  although every level on its own varies; typical for small cohorts) is found when the fit fails, by the
  linear programme of Konis (2007): the level with the largest weight in the separating direction is
  merged into its reference the same way (reason 'separation' too), and the model is refitted (repeated
  until the linear programme finds no separation).
- The build stops (DegenerateDataError) when no model can be fitted: no analysed courses at a horizon,
  fewer events or non-events than `min_events`, fewer than 2 municipalities, or a design that stays
  singular after the merges — each message names the horizon and, where there is one, variable and level.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog


class DegenerateDataError(RuntimeError):
    """The data at a horizon do not allow the benchmark model; the message says why and where."""

    horizon: int | None = None  # set by rtw_stats.pipeline.run


def term_label(name: str) -> str:
    """'variable=level' -> 'variable <variable>, level <level>' (other names are returned unchanged)."""
    variable, sep, level = name.partition("=")
    return f"variable {variable}, level {level}" if sep else name


def separating_direction(x: np.ndarray, y: np.ndarray, tol: float = 1e-7) -> np.ndarray | None:
    """A direction b (intercept first) with (2y-1)·[1, x]b >= 0 for every row and > 0 for some, if the
    data are (quasi-completely) separated; None if the maximum-likelihood estimate exists.

    Konis (2007), "Linear programming algorithms for detecting separated data in binary logistic
    regression models": maximise sum_i s_i x_i'b subject to s_i x_i'b >= 0, -1 <= b_j <= 1."""
    design = np.column_stack([np.ones(x.shape[0]), np.asarray(x, dtype=float)])
    signed = design * (2.0 * np.asarray(y, dtype=float) - 1.0)[:, None]
    result = linprog(
        c=-signed.sum(axis=0),
        A_ub=-signed,
        b_ub=np.zeros(design.shape[0]),
        bounds=[(-1.0, 1.0)] * design.shape[1],
        method="highs",
    )
    if result.status != 0 or -result.fun <= tol * max(1, design.shape[0]):
        return None
    direction = np.asarray(result.x, dtype=float)
    # The objective is positive, so some row is strictly separated: the direction is real.
    return direction


def near_null_terms(x: np.ndarray, names: list[str], top: int = 2) -> list[str]:
    """The terms with the largest weight in the design's most nearly singular direction (intercept first)."""
    design = np.column_stack([np.ones(x.shape[0]), np.asarray(x, dtype=float)])
    _, vectors = np.linalg.eigh(design.T @ design)
    weights = np.abs(vectors[:, 0])
    order = np.argsort(-weights, kind="mergesort")[:top]
    labels = ["(intercept)", *names]
    return [labels[i] for i in order]


def check_outcomes(y: np.ndarray, municipality: np.ndarray, horizon: int, min_events: int) -> None:
    """Stop unless the horizon has enough events and non-events and at least 2 municipalities."""
    n = int(y.shape[0])
    if n == 0:
        raise DegenerateDataError(
            f"benchmark model, horizon {horizon}: no analysed courses — nothing to fit "
            "(see restricted.cohort_attrition for the step that removed them)"
        )
    events = int(np.sum(y))
    smaller = min(events, n - events)
    if smaller < min_events:
        which = "on benefits" if events <= n - events else "not on benefits"
        raise DegenerateDataError(
            f"benchmark model, horizon {horizon}: too few events — {smaller} of {n} analysed courses are "
            f"{which} (at least {min_events} are needed on each side, var benchmark_min_events); "
            "check the DREAM extract and the cohort size"
        )
    municipalities = np.unique(municipality)
    if municipalities.shape[0] < 2:
        raise DegenerateDataError(
            f"benchmark model, horizon {horizon}: only {municipalities.shape[0]} analysed municipality — "
            "a benchmark compares municipalities, at least 2 are needed"
        )
