"""Unpenalised logistic regression with the inference the report prints (Table 5.4)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import sklearn
from scipy import stats
from scipy.linalg import LinAlgWarning
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from rtw_stats.degenerate import DegenerateDataError, near_null_terms, separating_direction, term_label

# scikit-learn >= 1.8 deprecates penalty=None: C=inf is the unpenalised fit.
SOLVER_SETTINGS: dict[str, object] = {
    "C": np.inf,
    "solver": "newton-cholesky",
    "fit_intercept": True,
    "tol": 1e-10,
    "max_iter": 200,
}


# Fitted probabilities this close to 0 or 1 make fit_screened check the data for separation.
EXTREME_P = 1e-8


class LogitConvergenceError(RuntimeError):
    """The maximum-likelihood fit did not converge (or needed the solver's lbfgs fallback)."""


def fit_coefficients(x: np.ndarray, y: np.ndarray, label: str) -> tuple[np.ndarray, int]:
    """[intercept, coef...] of the unpenalised ML logit of y on [1, x] and the solver's iteration count.

    The callers pass only estimable columns (rtw_stats.design.screen_columns: no separation, no
    collinearity), so Newton's Hessian is non-singular and the fit is well-posed. Anything else is a bug
    or data the screen does not cover, and is an error naming the model (`label`) instead of a printed
    warning: scikit-learn's ConvergenceWarning (newton-cholesky not converged within max_iter, or its
    lbfgs fallback not converged) and its LinAlgWarning (singular / ill-conditioned Hessian, after which
    newton-cholesky silently resorts to lbfgs) are raised as LogitConvergenceError."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.shape[1] == 0:
        # Intercept-only model: closed form.
        ybar = y.mean()
        return np.array([np.log(ybar / (1.0 - ybar))]), 0
    model = LogisticRegression(**SOLVER_SETTINGS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            warnings.simplefilter("error", LinAlgWarning)
            model.fit(x, y)
    except (ConvergenceWarning, LinAlgWarning) as exc:
        first_line = str(exc).splitlines()[0]
        raise LogitConvergenceError(
            f"{label}: the unpenalised logistic regression (n={x.shape[0]}, {x.shape[1]} columns, "
            f"events={int(y.sum())}) did not converge cleanly with {SOLVER_SETTINGS}: {first_line}"
        ) from exc
    coef = np.concatenate([model.intercept_, model.coef_.ravel()])
    return coef, int(np.max(model.n_iter_))


def fit_screened(
    x: np.ndarray,
    y: np.ndarray,
    names: list[str],
    label: str,
    base: np.ndarray | None = None,
    base_names: list[str] | None = None,
) -> tuple[np.ndarray, int, list[int], dict[int, str]]:
    """Fit y on [1, base, x]; when the data are separated, merge levels into their reference.

    On a failed fit (LogitConvergenceError), or one with fitted probabilities of 0 or 1, the linear
    programme of rtw_stats.degenerate finds the direction of quasi-complete separation; the column of x
    with the largest weight in it is left out (its persons count with the reference level), repeated
    until no separation is left, and the model is refitted once. `base` columns (municipality dummies)
    are never left out. Returns [intercept, base coef, kept x coef], the iteration count, the kept column
    indices of x and {left-out index: reason}. Raises DegenerateDataError naming `label`, variable and
    level when the design stays singular or only `base`
    columns separate."""
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    base = np.zeros((n, 0)) if base is None else np.asarray(base, dtype=float)
    base_names = base_names or [f"base column {j}" for j in range(base.shape[1])]
    keep = list(range(x.shape[1]))
    merged: dict[int, str] = {}
    try:
        coef, n_iter = fit_coefficients(np.column_stack([base, x]), y, label)
    except LogitConvergenceError as exc:
        failure: LogitConvergenceError | None = exc
    else:
        # A "converged" fit with fitted probabilities of 0 or 1 is a separated one (the estimates only
        # stopped growing at the tolerance): checked by the same linear programme.
        p_hat = expit(coef[0] + np.column_stack([base, x]) @ coef[1:])
        if p_hat.min() > EXTREME_P and p_hat.max() < 1 - EXTREME_P:
            return coef, n_iter, keep, merged
        failure = None
    # Merge one level at a time (the one with the largest weight in the separating direction) until the
    # linear programme finds no separation, then fit once more.
    while (direction := separating_direction(np.column_stack([base, x[:, keep]]), y)) is not None:
        weights = np.abs(direction[1 + base.shape[1] :])
        if weights.size == 0 or weights.max() <= 1e-9:
            on_base = np.abs(direction[1 : 1 + base.shape[1]])
            worst = base_names[int(np.argmax(on_base))] if on_base.size else "(intercept)"
            raise DegenerateDataError(
                f"{label}: the outcome is separated by {term_label(worst)} (every person there has the "
                "same outcome); the model has no finite estimate"
            )
        merged[keep.pop(int(np.argmax(weights)))] = "separation"
    if not merged and failure is None:
        return coef, n_iter, keep, merged
    design = np.column_stack([base, x[:, keep]])
    try:
        coef, n_iter = fit_coefficients(design, y, label)
    except LogitConvergenceError as exc:
        terms = [*base_names, *(names[j] for j in keep)]
        suspects = " and ".join(term_label(t) for t in near_null_terms(design, terms))
        raise DegenerateDataError(
            f"{label}: the design is singular (no separation left, yet the fit fails); the most nearly "
            f"collinear terms are {suspects}. {exc}"
        ) from None
    return coef, n_iter, keep, merged


def expit(eta: np.ndarray) -> np.ndarray:
    """Logistic function, numerically safe for large |eta|."""
    return np.exp(-np.logaddexp(0.0, -eta))


def stars(p_value: float) -> str:
    """The report's stars: * p < 0.1, ** p < 0.05, *** p < 0.01 (empty otherwise or when missing)."""
    if p_value is None or not np.isfinite(p_value):
        return ""
    if p_value < 0.01:
        return "***"
    if p_value < 0.05:
        return "**"
    if p_value < 0.1:
        return "*"
    return ""


@dataclass
class LogitFit:
    """A fitted model. `coef[0]` is the intercept; `names[0]` is '(intercept)'. `kept` are the columns of
    the x passed to fit_logit that are in the model, `merged` the others with their reason."""

    names: list[str]
    coef: np.ndarray
    cov: np.ndarray
    p_hat: np.ndarray
    n: int
    events: int
    n_iter: int
    settings: dict[str, object] = field(default_factory=dict)
    kept: list[int] = field(default_factory=list)
    merged: dict[int, str] = field(default_factory=dict)

    @property
    def std_error(self) -> np.ndarray:
        return np.sqrt(np.clip(np.diag(self.cov), 0.0, None))

    def design(self, x: np.ndarray) -> np.ndarray:
        """The design matrix with the intercept column prepended."""
        return np.column_stack([np.ones(x.shape[0]), x])


def fit_logit(x: np.ndarray, y: np.ndarray, names: list[str], label: str = "logit model") -> LogitFit:
    """Fit logit(P(y=1)) = b0 + x b by maximum likelihood, no penalty.

    Standard errors come from the inverse observed information (X'WX)^-1 with W = diag(p(1-p)),
    X including the intercept column (for the logit link observed = expected information).
    `x` should hold estimable columns only (see rtw_stats.design); a column of a quasi-separated
    combination is merged into its reference (fit_screened, listed in `merged`); a design that stays
    singular raises DegenerateDataError naming `label`, variable and level.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 2 or x.shape[0] != y.shape[0]:
        raise ValueError("x must be n x k and y of length n")
    coef, n_iter, kept, merged = fit_screened(x, y, names, label)
    x = x[:, kept]
    names = [names[j] for j in kept]
    design = np.column_stack([np.ones(x.shape[0]), x])
    p_hat = expit(design @ coef)
    w = p_hat * (1.0 - p_hat)
    information = design.T @ (design * w[:, None])
    try:
        cov = np.linalg.inv(information)
    except np.linalg.LinAlgError:
        suspects = " and ".join(term_label(t) for t in near_null_terms(x, names))
        raise DegenerateDataError(
            f"{label}: the information matrix is singular (no standard errors); the most nearly "
            f"collinear terms are {suspects}"
        ) from None
    return LogitFit(
        names=["(intercept)", *names],
        coef=coef,
        cov=cov,
        p_hat=p_hat,
        n=int(x.shape[0]),
        events=int(y.sum()),
        n_iter=n_iter,
        settings={**SOLVER_SETTINGS, "sklearn_version": sklearn.__version__},
        kept=kept,
        merged=merged,
    )


def wald(fit: LogitFit) -> dict[str, np.ndarray]:
    """z, two-sided p, odds ratio and its 95 % interval per coefficient (intercept included)."""
    se = fit.std_error
    z = fit.coef / se
    p = 2.0 * stats.norm.sf(np.abs(z))
    q = stats.norm.ppf(0.975)
    return {
        "estimate": fit.coef,
        "std_error": se,
        "z": z,
        "p_value": p,
        "odds_ratio": np.exp(fit.coef),
        "odds_ratio_low": np.exp(fit.coef - q * se),
        "odds_ratio_high": np.exp(fit.coef + q * se),
    }


def average_marginal_effects(
    fit: LogitFit, x: np.ndarray, groups: list[list[int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Average marginal effect of each dummy (discrete change 0 -> 1) and its delta-method SE.

    `groups` lists, per case-mix variable, the column indices (into x, no intercept) of its dummies.
    For dummy j in group G every person is set to the reference level of G (all of G's dummies 0)
    and then to level j (dummy j = 1, the rest of G 0), other variables as observed:
    AME_j = mean(p1 - p0). Gradient: d AME / d b = mean(p1(1-p1) x1 - p0(1-p0) x0); SE = sqrt(g' V g).
    Returned on the probability scale (multiply by 100 for points), one value per column of x.
    """
    x = np.asarray(x, dtype=float)
    n, k = x.shape
    ame = np.full(k, np.nan)
    se = np.full(k, np.nan)
    for group in groups:
        x0 = x.copy()
        x0[:, group] = 0.0
        d0 = fit.design(x0)
        eta0 = d0 @ fit.coef
        p0 = expit(eta0)
        g0 = (p0 * (1 - p0)) @ d0 / n
        for j in group:
            # Level j for everyone: x1 is x0 with column j set to 1, so its linear predictor is eta0 plus
            # j's coefficient, and its gradient is d0's with column j's entry the plain mean of p1(1-p1).
            p1 = expit(eta0 + fit.coef[j + 1])
            w1 = p1 * (1 - p1)
            g1 = w1 @ d0 / n
            g1[j + 1] = w1.sum() / n
            grad = g1 - g0
            ame[j] = float(np.mean(p1 - p0))
            se[j] = float(np.sqrt(grad @ fit.cov @ grad))
    return ame, se
