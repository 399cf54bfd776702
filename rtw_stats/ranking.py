"""Municipality indicators, rank uncertainty and the fixed-effects robustness check (METHOD §6.3, §8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw_stats.design import screen_columns
from rtw_stats.logit import expit, fit_screened


def municipality_indicators(y: np.ndarray, p: np.ndarray, municipality: np.ndarray) -> pd.DataFrame:
    """Per municipality: persons, observed, expected, indicator = (O - E)/n and SE = sqrt(sum p(1-p))/n,
    all on the probability scale (the dbt marts compute the same in SQL, in points)."""
    frame = pd.DataFrame({"m": municipality, "y": y, "p": p, "v": p * (1 - p)})
    agg = frame.groupby("m", sort=True).agg(
        persons=("y", "size"), observed=("y", "sum"), expected=("p", "sum"), variance=("v", "sum")
    )
    agg["indicator"] = (agg["observed"] - agg["expected"]) / agg["persons"]
    agg["std_error"] = np.sqrt(agg["variance"]) / agg["persons"]
    return agg


def bootstrap_ranks(
    indicator: np.ndarray, std_error: np.ndarray, draws: int, seed: int, top_n: int
) -> pd.DataFrame:
    """Seeded parametric bootstrap of ranks (1 = lowest indicator = best).

    Each draw takes indicator*_k ~ N(indicator_k, se_k^2) independently and ranks the municipalities.
    Returns per municipality the rank of the point estimate, the 2.5 % and 97.5 % rank quantiles
    (integer ranks, inverted-CDF quantiles), the median rank and the probability of a top-n and a
    bottom-n rank (bottom n = the n highest indicators).
    """
    indicator = np.asarray(indicator, dtype=float)
    std_error = np.asarray(std_error, dtype=float)
    k = indicator.shape[0]
    rng = np.random.default_rng(seed)
    sims = indicator[None, :] + std_error[None, :] * rng.standard_normal((draws, k))
    ranks = np.argsort(np.argsort(sims, axis=1, kind="mergesort"), axis=1, kind="mergesort") + 1
    point = np.argsort(np.argsort(indicator, kind="mergesort"), kind="mergesort") + 1
    n_top = min(top_n, k)
    return pd.DataFrame(
        {
            "rank": point.astype(float),
            "rank_low": np.quantile(ranks, 0.025, axis=0, method="inverted_cdf").astype(float),
            "rank_median": np.quantile(ranks, 0.5, axis=0, method="inverted_cdf").astype(float),
            "rank_high": np.quantile(ranks, 0.975, axis=0, method="inverted_cdf").astype(float),
            "probability_top": (ranks <= n_top).mean(axis=0),
            "probability_bottom": (ranks > k - n_top).mean(axis=0),
        }
    )


def fixed_effects_direct_standardisation(
    x: np.ndarray,
    y: np.ndarray,
    municipality: np.ndarray,
    label: str = "fixed-effects model",
    left_out: dict[int, str] | None = None,
    names: list[str] | None = None,
) -> pd.DataFrame:
    """Robustness model: the case-mix dummies plus one dummy per municipality (reference = the
    municipality with most persons; ties: lowest code). Each municipality's direct-standardised share
    is the mean predicted probability of the WHOLE national cohort had every person lived there;
    its effect is that share minus the national observed share (probability scale), with a
    delta-method SE. Municipalities whose outcome does not vary (all 0 or all 1) are left out of the
    fit (their effect is not estimable: NaN).

    The case-mix columns are screened on the rows of the estimable municipalities, against the intercept
    and the municipality dummies (rtw_stats.design.screen_columns): a dummy without variation or with
    separation there, or collinear with the municipality dummies (a municipality-level variable such as
    the population-density band is absorbed by the fixed effects) or with earlier case-mix columns, is
    left out — otherwise the Hessian is singular and newton-cholesky falls back to lbfgs, which does not
    converge; a quasi-separated combination is merged like in the main fit (fit_screened). If `left_out`
    is given it is filled with {column index of x: reason}; `names` ('variable=level') name levels in
    errors."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    municipality = np.asarray(municipality)
    frame = pd.DataFrame({"m": municipality, "y": y})
    stats_ = frame.groupby("m", sort=True)["y"].agg(["size", "mean"])
    codes = stats_.index.to_numpy()
    estimable = stats_[(stats_["mean"] > 0) & (stats_["mean"] < 1)].index.to_numpy()
    out = pd.DataFrame(index=codes, data={"effect": np.nan, "effect_se": np.nan, "standardised": np.nan})
    if len(estimable) < 2:
        return out
    keep_rows = np.isin(municipality, estimable)
    sizes = stats_.loc[estimable, "size"]
    reference = sorted(sizes[sizes == sizes.max()].index)[0]
    others = [c for c in estimable if c != reference]
    dummies = (municipality[keep_rows][:, None] == np.array(others)[None, :]).astype(float)
    keep_cols, reasons = screen_columns(x[keep_rows], y[keep_rows], base=dummies)
    all_names = names or [f"column {j}" for j in range(x.shape[1])]
    coef, _, kept, merged = fit_screened(
        x[keep_rows][:, keep_cols],
        y[keep_rows],
        [all_names[j] for j in keep_cols],
        label,
        base=dummies,
        base_names=[f"municipality={c}" for c in others],
    )
    reasons.update({keep_cols[j]: reason for j, reason in merged.items()})
    keep_cols = [keep_cols[j] for j in kept]
    if left_out is not None:
        left_out.update(reasons)
    xm = x[keep_rows][:, keep_cols]
    design_x = np.column_stack([dummies, xm])
    full = np.column_stack([np.ones(design_x.shape[0]), design_x])
    mu = expit(full @ coef)
    cov = np.linalg.pinv(full.T @ (full * (mu * (1 - mu))[:, None]))
    # The whole national case-mix (every analysed person, also those of left-out municipalities).
    base = np.column_stack([np.ones(x.shape[0]), np.zeros((x.shape[0], len(others))), x[:, keep_cols]])
    national = float(y.mean())
    n = base.shape[0]
    eta_base = base @ coef
    offset = 1
    for code in estimable:
        # Everyone in `code`: its dummy column (0 in `base`) set to 1 adds its coefficient to the linear
        # predictor, and the gradient's entry for that column is the plain mean of p(1-p).
        column = None if code == reference else offset + others.index(code)
        p = expit(eta_base + (coef[column] if column is not None else 0.0))
        w = p * (1 - p)
        grad = w @ base / n
        if column is not None:
            grad[column] = w.sum() / n
        out.loc[code, "standardised"] = float(p.mean())
        out.loc[code, "effect"] = float(p.mean()) - national
        out.loc[code, "effect_se"] = float(np.sqrt(max(grad @ cov @ grad, 0.0)))
    return out
