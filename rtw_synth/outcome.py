"""The outcome at 3 months: benefit weeks before start (steering each municipality's expected share),
municipality effects (Bilag 2 Table 1's indicator), and the drawn outcome (logit of Table 5.4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .casemix import x_matrix
from .categories import COHORT, REP_CLOSE, REP_VALID
from .design import kept_cells
from .model import grouped_bernoulli, sigmoid, solve_effects
from .state import State
from .targets import POSITIVE_PROPENSITY, POSITIVE_SHARE


def draw_outcome(ctx: State) -> None:
    """Benefit weeks before start (per municipality so that the case-mix-only expected share matches
    Bilag 2 Table 1), municipality effects (actual - expected = Table 1's indicator), then the outcome."""
    r = ctx.rng["outcome"]
    p = ctx.plans
    mun = ctx.mun
    nk = len(mun)
    n = len(p["cat"])
    paint = p["deep"] & (p["cat"] != REP_CLOSE)
    ctx.paint_idx = np.flatnonzero(paint)
    ctx.truth_idx = np.flatnonzero(p["deep"])  # painted plans + too-close repeats
    idx = ctx.paint_idx
    m = len(idx)
    kom = p["kom"][idx]
    keep = kept_cells(mun, ctx.cohort_cells, ctx.scale)
    sy = p["start_year"][idx]
    in_years = (sy >= 2016) & (sy <= 2017)
    ev = np.isin(p["cat"][idx], [COHORT, REP_VALID]) & in_years & keep[kom, np.clip(sy - 2016, 0, 1)]
    ctx.expected_mask = np.zeros(n, dtype=bool)
    ctx.expected_mask[idx] = ev
    eta0 = ctx.model.linear_predictor(x_matrix(ctx, idx))
    b_bw = ctx.model.beta["benefit_weeks_before_start"][p["bw_sub"][idx]]
    t1 = (mun["t1_expected"].to_numpy() / 100)[kom]
    has_t = ev & np.isfinite(t1)
    # positives among the intended cohort: per municipality in order of propensity + logistic noise (the
    # heavier courses first), the first c_k are positive, c_k chosen so that the municipality's mean case-mix
    # probability is closest to its published expected share
    prop = positive_propensity(ctx, idx)
    e_i = np.flatnonzero(has_t)
    order = np.lexsort((-(prop[e_i] + r.logistic(size=len(e_i))), kom[e_i]))
    e_i = e_i[order]
    ke = kom[e_i]
    starts = np.r_[0, np.flatnonzero(np.diff(ke)) + 1]
    sizes = np.diff(np.r_[starts, len(e_i)])

    def choose(a: float) -> np.ndarray:
        base = sigmoid(a + eta0[e_i])
        gain = sigmoid(a + eta0[e_i] + b_bw[e_i]) - base
        pos = np.zeros(len(e_i), dtype=bool)
        for s0, sz in zip(starts, sizes, strict=True):
            need = t1[e_i[s0]] * sz - base[s0 : s0 + sz].sum()
            cum = np.r_[0.0, np.cumsum(gain[s0 : s0 + sz])]
            c = int(np.argmin(np.abs(cum - need)))
            pos[s0 : s0 + c] = True
        return pos

    lo, hi = -8.0, 2.0
    for _ in range(30):
        a = (lo + hi) / 2
        if choose(a).mean() > POSITIVE_SHARE:
            lo = a
        else:
            hi = a
    a = (lo + hi) / 2
    pos_e = choose(a)
    pos = np.zeros(m, dtype=bool)
    pos[e_i] = pos_e
    # everybody else: the municipality's positive rate (Table 1) or tilted by Table 2's start share
    rate = np.bincount(ke, pos_e, minlength=nk) / np.maximum(np.bincount(ke, minlength=nk), 1)
    tilt = np.clip(POSITIVE_SHARE * mun["t2_start"].to_numpy() / 39.2, 0.15, 0.8)
    rate = np.where(np.bincount(ke, minlength=nk) > 0, rate, tilt)
    rest = ~has_t
    tilt_r = prop[rest] - prop[e_i].mean() if len(e_i) else prop[rest] - prop[rest].mean()
    rate_r = np.clip(rate[kom[rest]], 1e-3, 1 - 1e-3)
    pos[rest] = r.random(rest.sum()) < sigmoid(np.log(rate_r / (1 - rate_r)) + tilt_r)
    p["bw_band"][idx] = np.where(pos, p["bw_sub"][idx], 0)
    eta = eta0 + np.where(pos, b_bw, 0.0)
    ind = mun["t1_indicator"].fillna(0).to_numpy() / 100
    has = mun["in_table1"].to_numpy()
    u = solve_effects(a + eta[ev], kom[ev], nk, ind, has, ctx.rng["design"])
    if ctx.effects_from is not None or ctx.plant:
        u = later_period_effects(ctx, u, a + eta[ev], kom[ev], has)
    ctx.intercept, ctx.kom_effect = a, u
    prob = np.full(n, np.nan)
    prob[idx] = sigmoid(a + eta + u[kom])
    p["prob"] = prob
    y3 = np.zeros(n, dtype=bool)
    # intended cohort: systematic sampling per municipality (each P = p_i, municipality totals = sum p_i);
    # --binomial-outcome: independent draws (a municipality's share has binomial noise, as in real data)
    if ctx.binomial_outcome:
        y3[idx[ev]] = r.random(ev.sum()) < prob[idx[ev]]
    else:
        y3[idx[ev]] = grouped_bernoulli(prob[idx[ev]], kom[ev], r)
    y3[idx[~ev]] = r.random((~ev).sum()) < prob[idx[~ev]]
    p["y3"] = y3


def positive_propensity(ctx: State, idx: np.ndarray) -> np.ndarray:
    """Log odds (up to a constant) of benefit weeks before start (targets.POSITIVE_PROPENSITY): case-mix only
    (operation, age 50+, sex, joint size, contact days, benefit weeks in the year before, acute admission,
    income, industry), never the outcome, so Table 5.4 stays the true model."""
    p = ctx.plans
    pp = POSITIVE_PROPENSITY
    ind = np.array([pp["industry"].get(lv, 0.0) for lv in ctx.model.industry_levels])
    joint = np.array([pp["joint_size"].get(j, 0.0) for j in ctx.codes.joint_size])
    return (
        pp["operation"] * p["operation"][idx]
        + pp["age_50_plus"] * (p["age"][idx] >= 50)
        + pp["woman"] * ctx.persons["woman"][p["pid"][idx]]
        + joint[p["diag_group"][idx]]
        + np.array(pp["hospital_days"])[p["hdays_band"][idx]]
        + np.array(pp["benefit_weeks_year"])[p["bwyear_band"][idx]]
        + pp["acute"] * p["acute"][idx]
        + np.array(pp["income"])[ctx.persons["income"][p["pid"][idx]]]
        + ind[p["industry"][idx]]
    )


def later_period_effects(
    ctx: State, u: np.ndarray, lin: np.ndarray, kom: np.ndarray, has: np.ndarray
) -> np.ndarray:
    """A later block of several cohort periods (periods.py): municipalities without a Table 1 indicator keep
    the first block's drawn effect (no change between periods that was not planted); the planted
    municipalities' effects get their shift (log odds, ``ctx.plant``). ``ctx.plant_effects``: per planted
    municipality its intended-cohort courses and their mean true probability without and with the shift
    (case-mix fixed)."""
    nk = len(u)
    if ctx.effects_from is not None:
        fit = has & (np.bincount(kom, minlength=nk) > 0)
        u = np.where(fit, u, ctx.effects_from)
    rows = []
    shift = np.zeros(nk)
    for k, s in sorted(ctx.plant.items()):
        shift[k] = s
        own = kom == k
        rows.append(
            (
                int(ctx.mun["kom"].iloc[k]),
                float(s),
                int(own.sum()),
                float(sigmoid(lin[own] + u[k]).mean()) if own.any() else np.nan,
                float(sigmoid(lin[own] + u[k] + s).mean()) if own.any() else np.nan,
            )
        )
    ctx.plant_effects = pd.DataFrame(
        rows, columns=["kom_kode", "log_odds_shift", "courses", "mean_p_without", "mean_p_with"]
    )
    return u + shift
