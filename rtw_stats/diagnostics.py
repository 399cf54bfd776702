"""Model fit: discrimination, accuracy and calibration of predicted probabilities."""

from __future__ import annotations

import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score

from rtw_stats.design import screen_columns
from rtw_stats.logit import expit, fit_screened


def risk_groups(p: np.ndarray, n_groups: int = 10) -> np.ndarray:
    """Group 1..n_groups of equal size by ascending predicted risk (ties broken by position, stable).

    Decision: equal-count groups from the ranks (not quantile cut points), so every group has n/g
    persons (± 1) even when predictions tie.
    """
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="mergesort")
    groups = np.empty(p.shape[0], dtype=int)
    groups[order] = np.arange(p.shape[0]) * n_groups // max(p.shape[0], 1) + 1
    return groups


def auc(y: np.ndarray, p: np.ndarray) -> float:
    y = np.asarray(y)
    if y.min() == y.max():
        return float("nan")
    return float(roc_auc_score(y, p))


def brier(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """Brier score and scaled Brier 1 - Brier / (ybar (1 - ybar)) (the share of the null Brier explained)."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    score = float(np.mean((y - p) ** 2))
    ybar = y.mean()
    null = ybar * (1 - ybar)
    return score, (float(1 - score / null) if null > 0 else float("nan"))


def hosmer_lemeshow(y: np.ndarray, p: np.ndarray, n_groups: int = 10) -> tuple[float, int, float]:
    """Hosmer–Lemeshow statistic over equal-count risk groups, df = groups - 2, and its p-value."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    g = risk_groups(p, n_groups)
    chi2 = 0.0
    used = 0
    for k in np.unique(g):
        mask = g == k
        n_k = mask.sum()
        e_k = p[mask].sum()
        o_k = y[mask].sum()
        denom = e_k * (1 - e_k / n_k)
        if denom > 0:
            chi2 += (o_k - e_k) ** 2 / denom
            used += 1
    df = used - 2
    p_value = float(stats.chi2.sf(chi2, df)) if df > 0 else float("nan")
    return float(chi2), int(df), p_value


def _newton_offset(y: np.ndarray, offset: np.ndarray, z: np.ndarray | None, iters: int = 100) -> np.ndarray:
    """ML logistic fit of y on [1, z] with a fixed offset (tiny Newton solver, no penalty). NaN when the fit
    is not defined: a constant z (e.g. an intercept-only model predicts one value) or no convergence."""
    design = np.ones((y.shape[0], 1)) if z is None else np.column_stack([np.ones(y.shape[0]), z])
    beta = np.zeros(design.shape[1])
    for _ in range(iters):
        mu = expit(offset + design @ beta)
        grad = design.T @ (y - mu)
        hess = design.T @ (design * (mu * (1 - mu))[:, None])
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            return np.full(design.shape[1], np.nan)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-12:
            return beta
    return np.full(design.shape[1], np.nan)


def calibration_intercept_slope(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """Calibration-in-the-large (intercept with the linear predictor as offset) and calibration slope
    (coefficient of the linear predictor in a logistic refit). In-sample for an ML logit fit with an
    intercept they are 0 and 1 by construction; they are informative for out-of-sample predictions."""
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    lp = np.log(p / (1 - p))
    intercept = float(_newton_offset(y, lp, None)[0])
    slope = float(_newton_offset(y, np.zeros_like(lp), lp)[1])
    return intercept, slope


def calibration_table(y: np.ndarray, p: np.ndarray, n_groups: int = 10) -> list[dict[str, float]]:
    """Per risk decile: persons, observed events, expected events, mean predicted and observed share."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    g = risk_groups(p, n_groups)
    rows = []
    for k in range(1, n_groups + 1):
        mask = g == k
        if not mask.any():
            continue
        rows.append(
            {
                "decile": k,
                "persons": float(mask.sum()),
                "observed": float(y[mask].sum()),
                "expected": float(p[mask].sum()),
                "mean_predicted": float(p[mask].mean()),
                "observed_share": float(y[mask].mean()),
                "min_predicted": float(p[mask].min()),
                "max_predicted": float(p[mask].max()),
            }
        )
    return rows


def cross_validated_predictions(
    x: np.ndarray,
    y: np.ndarray,
    n_folds: int,
    seed: int,
    label: str = "cross-validation",
    left_out: dict[int, dict[int, str]] | None = None,
    names: list[str] | None = None,
) -> np.ndarray:
    """Out-of-fold predicted probabilities from the same unpenalised model (seeded fold assignment).

    Each training fold is screened like the full design (rtw_stats.design.screen_columns): a dummy
    without variation, with separation (outcome constant among the fold's rows where it is 1: infinite
    ML estimate) or collinear in the training fold is left out of that fold's fit — its effect is 0 there,
    i.e. its held-out persons are predicted as the reference level. If `left_out` is given it is filled
    with {fold: {column index of x: reason}}. `names` ('variable=level' per column) name the levels in
    errors; a quasi-separated combination in a fold is merged like in the full fit (fit_screened)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    all_names = names or [f"column {j}" for j in range(x.shape[1])]
    rng = np.random.default_rng(seed)
    folds = rng.permutation(np.arange(x.shape[0]) % n_folds)
    out = np.full(x.shape[0], np.nan)
    for f in range(n_folds):
        train = folds != f
        keep, reasons = screen_columns(x[train], y[train])
        coef, _, kept, merged = fit_screened(
            x[train][:, keep],
            y[train],
            [all_names[j] for j in keep],
            f"{label}, training fold {f + 1} of {n_folds}",
        )
        reasons.update({keep[j]: reason for j, reason in merged.items()})
        keep = [keep[j] for j in kept]
        if left_out is not None:
            left_out[f] = reasons
        held_out = np.column_stack([np.ones(int((~train).sum())), x[~train][:, keep]])
        out[~train] = expit(held_out @ coef)
    return out
