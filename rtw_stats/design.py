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


def build_design(frame: pd.DataFrame, levels: pd.DataFrame) -> Design:
    """One 0/1 column per non-reference level of every variable in `levels` (ordered by variable_order,
    level_order). A level is not estimated (and its persons count with the reference level) when
    - nobody or everybody has it ('no variation'),
    - the outcome does not vary among those who have it ('separation': the ML estimate is infinite),
    - it is a linear combination of the intercept and earlier columns ('collinear').
    `frame` needs `is_on_benefits` and one text column per variable_name holding level_value."""
    levels = levels.sort_values(["variable_order", "level_order"])
    y = frame["is_on_benefits"].to_numpy(dtype=float)
    cols: list[np.ndarray] = []
    names: list[tuple[str, str]] = []
    dropped: dict[tuple[str, str], str] = {}
    for row in levels.itertuples(index=False):
        if row.is_reference:
            continue
        key = (row.variable_name, row.level_value)
        dummy = (frame[row.variable_name].astype(str).to_numpy() == str(row.level_value)).astype(float)
        if dummy.size == 0 or dummy.min() == dummy.max():
            dropped[key] = "no variation"
            continue
        outcome = y[dummy == 1]
        if outcome.min() == outcome.max():
            dropped[key] = "separation"
            continue
        cols.append(dummy)
        names.append(key)
    n = len(frame)
    x = np.column_stack(cols) if cols else np.zeros((n, 0))
    # Greedy collinearity screen on the Gram matrix of [1, x] (keeps earlier columns first).
    full = np.column_stack([np.ones(n), x])
    gram = full.T @ full
    kept = [0]
    for j in range(1, full.shape[1]):
        s = kept
        g_ss = gram[np.ix_(s, s)]
        g_sj = gram[s, j]
        resid = gram[j, j] - g_sj @ np.linalg.solve(g_ss, g_sj)
        if resid > 1e-8 * gram[j, j]:
            kept.append(j)
        else:
            dropped[names[j - 1]] = "collinear"
    keep_idx = [j - 1 for j in kept[1:]]
    x = x[:, keep_idx]
    names = [names[j] for j in keep_idx]
    groups: dict[str, list[int]] = {}
    for i, (variable, _) in enumerate(names):
        groups.setdefault(variable, []).append(i)
    return Design(x=x, columns=names, groups=list(groups.values()), dropped=dropped)
