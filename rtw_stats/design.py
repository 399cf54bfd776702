"""Dummy coding of the case-mix from the contracted SQL models (one column per non-reference level)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Design:
    x: np.ndarray  # n x k 0/1 matrix of the estimable dummies
    columns: list[tuple[str, str]]  # (variable_name, level_value) per column of x
    groups: list[list[int]]  # per variable, the indices of its columns in x
    dropped: dict[tuple[str, str], str]  # non-reference level -> reason it is not estimated

    def without(self, left_out: dict[int, str]) -> Design:
        """The design without the columns in `left_out` ({column index: reason}), recorded as dropped."""
        keep = [j for j in range(len(self.columns)) if j not in left_out]
        dropped = {**self.dropped, **{self.columns[j]: reason for j, reason in left_out.items()}}
        return _design(self.x[:, keep], [self.columns[j] for j in keep], dropped)


def build_design(frame: pd.DataFrame, levels: pd.DataFrame) -> Design:
    """One 0/1 column per non-reference level of every variable in `levels` (ordered by variable_order,
    level_order). A level is not estimated (and its persons count with the reference level) when
    - nobody or everybody has it ('no variation'),
    - the outcome does not vary among those who have it ('separation': the ML estimate is infinite),
    - it is a linear combination of the intercept and earlier columns ('collinear');
    a level in a quasi-separated combination is merged later, when the fit fails (rtw_stats.degenerate).
    `frame` needs `is_on_benefits` and one text column per variable_name holding level_value."""
    levels = levels.sort_values(["variable_order", "level_order"])
    y = frame["is_on_benefits"].to_numpy(dtype=float)
    n = len(frame)
    cols: list[np.ndarray] = []
    names: list[tuple[str, str]] = []
    for row in levels.itertuples(index=False):
        if row.is_reference:
            continue
        dummy = (frame[row.variable_name].astype(str).to_numpy() == str(row.level_value)).astype(float)
        cols.append(dummy)
        names.append((row.variable_name, row.level_value))
    x = np.column_stack(cols) if cols else np.zeros((n, 0))
    keep_idx, reasons = screen_columns(x, y)
    dropped = {names[j]: reason for j, reason in reasons.items()}
    return _design(x[:, keep_idx], [names[j] for j in keep_idx], dropped)


def _design(x: np.ndarray, names: list[tuple[str, str]], dropped: dict[tuple[str, str], str]) -> Design:
    groups: dict[str, list[int]] = {}
    for i, (variable, _) in enumerate(names):
        groups.setdefault(variable, []).append(i)
    return Design(x=x, columns=names, groups=list(groups.values()), dropped=dropped)


def screen_columns(
    x: np.ndarray, y: np.ndarray, base: np.ndarray | None = None
) -> tuple[list[int], dict[int, str]]:
    """The 0/1 columns of `x` whose coefficient is estimable (finite and identified) in a logit of `y` on
    [1, base, x]; `base` columns (e.g. municipality dummies) are always kept and screened against first.

    A column of x is left out, with its reason, when
    - it does not vary ('no variation'),
    - the outcome does not vary among the rows where it is 1 ('separation': the ML estimate is infinite
      and Newton's Hessian becomes singular),
    - it is a linear combination of the intercept, `base` and earlier kept columns ('collinear'; greedy
      on the Gram matrix, earlier columns win).
    Returns the kept column indices (ascending) and {index: reason} for the others."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = x.shape[0]
    base = np.zeros((n, 0)) if base is None else np.asarray(base, dtype=float)
    reasons: dict[int, str] = {}
    candidates: list[int] = []
    for j in range(x.shape[1]):
        dummy = x[:, j]
        if dummy.size == 0 or dummy.min() == dummy.max():
            reasons[j] = "no variation"
            continue
        outcome = y[dummy == 1]
        if outcome.min() == outcome.max():
            reasons[j] = "separation"
            continue
        candidates.append(j)
    # Greedy collinearity screen on the Gram matrix of [1, base, x] (keeps earlier columns first).
    full = np.column_stack([np.ones(n), base, x[:, candidates]])
    gram = full.T @ full
    n_fixed = 1 + base.shape[1]
    kept = list(range(n_fixed))
    for j in range(n_fixed, full.shape[1]):
        s = kept
        g_ss = gram[np.ix_(s, s)]
        g_sj = gram[s, j]
        resid = gram[j, j] - g_sj @ np.linalg.solve(g_ss, g_sj)
        if resid > 1e-8 * gram[j, j]:
            kept.append(j)
        else:
            reasons[candidates[j - n_fixed]] = "collinear"
    return [candidates[j - n_fixed] for j in kept[n_fixed:]], reasons
