"""The outcome model: Table 5.4's coefficients on the case-mix variables of METHOD §4."""

from __future__ import annotations

import numpy as np
import pandas as pd

# (variable, levels incl. reference first). Level labels are ours; the Table 5.4 rows map by position.
BANDED = {
    "hospital_days": ["1-3", "4-5", "6-10", ">10"],
    "age_group": ["18-25", "26-30", "31-40", "41-45", "46-50", "51-55", "56-60", "61-64"],
    "origin": ["danish", "western", "non_western"],
    "income": ["<200000", "200000-299999", "300000-399999", ">=400000"],
    "education": ["grundskole", "gymnasial", "erhvervsfaglig", "KVU", "MVU", "LVU", "øvrige"],
    "specialty": ["Fys/ergo og ortopædkirurgi", "Neurokirurgi", "Reumatologi", "Andre specialer"],
    "general_plan_share": ["77-85", "85-90", "90-95", "95-100"],
    "density": ["<=100", "101-500", "501-1000", ">1000"],
    "gp_contacts": ["0-2", "3-5", "6-10", ">10"],
    "benefit_weeks_before_start": ["0", "1-4", "5-8", ">8"],
    "benefit_weeks_year_before": ["0", "1-25", "26-52"],
    "measurement_month": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "start_year": ["2016", "2017"],
}
BINARY = [
    "physio_contact",
    "operation",
    "acute",
    "full_time",
    "sex_woman",
    "cohabiting",
    "psychiatric",
    "comorbidity",
]
# Table 5.4 row positions (0-based) of each block, in the printed order.
ROWS = {
    "diagnosis_group": (0, 20),
    "physio_contact": (20, 21),
    "operation": (21, 22),
    "hospital_days": (22, 25),
    "acute": (25, 26),
    "full_time": (26, 27),
    "sex_woman": (27, 28),
    "age_group": (28, 35),
    "cohabiting": (35, 36),
    "origin": (36, 38),
    "income": (38, 41),
    "education": (41, 47),
    "industry": (47, 61),
    "specialty": (61, 64),
    "general_plan_share": (64, 67),
    "density": (67, 70),
    "gp_contacts": (70, 73),
    "psychiatric": (73, 74),
    "comorbidity": (74, 75),
    "benefit_weeks_before_start": (75, 78),
    "benefit_weeks_year_before": (78, 80),
    "measurement_month": (80, 91),
    "start_year": (91, 92),
}


class OutcomeModel:
    """Coefficient lookup: ``beta[var]`` is an array indexed by level index (reference = 0)."""

    def __init__(self, seeds: dict[str, pd.DataFrame]):
        t = seeds["published_table5_4_logit_coefficients"]
        est = t["estimate"].astype(float).to_numpy()
        dg = seeds["diagnosis_groups"].drop_duplicates("diagnosis_group").sort_values("group_order")
        self.diag_levels = dg["diagnosis_group"].tolist()
        t54 = dict(zip(t["level"].iloc[0:20], est[0:20], strict=True))
        self.beta: dict[str, np.ndarray] = {}
        self.beta["diagnosis_group"] = np.array(
            [0.0 if r.is_reference else t54[r.table5_4_level] for r in dg.itertuples()]
        )
        db = seeds["db07_divisions"]
        ref = db.loc[db["is_regression_reference"], "regression_group"].iloc[0]
        lo, hi = ROWS["industry"]
        ind_levels = [ref, *t["level"].iloc[lo:hi].tolist()]
        self.industry_levels = ind_levels
        self.beta["industry"] = np.concatenate([[0.0], est[lo:hi]])
        for var in BINARY:
            lo, hi = ROWS[var]
            self.beta[var] = np.array([0.0, est[lo]])
        for var in BANDED:
            lo, hi = ROWS[var]
            self.beta[var] = np.concatenate([[0.0], est[lo:hi]])
        self.levels = {"diagnosis_group": self.diag_levels, "industry": ind_levels}
        self.levels.update(BANDED)
        for var in BINARY:
            self.levels[var] = ["no", "yes"]

    def linear_predictor(self, x: dict[str, np.ndarray]) -> np.ndarray:
        eta = np.zeros(len(next(iter(x.values()))))
        for var, b in self.beta.items():
            eta += b[x[var]]
        return eta

    def coefficient_table(self, intercept: float) -> pd.DataFrame:
        rows = [("intercept", "", intercept, True)]
        for var, b in self.beta.items():
            for i, lev in enumerate(self.levels[var]):
                rows.append((var, str(lev), float(b[i]), i == 0))
        return pd.DataFrame(rows, columns=["variable", "level", "estimate", "is_reference"])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def solve_effects(
    lin: np.ndarray,
    kom: np.ndarray,
    n_kom: int,
    indicator: np.ndarray,
    has_indicator: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Municipality effects u: for each municipality with an indicator, mean sigmoid(lin + u) - mean
    sigmoid(lin) = indicator (Bilag 2 Table 1's actual - expected, in share units); the others draw
    from a normal with the same spread."""
    cnt = np.bincount(kom, minlength=n_kom).astype(float)
    base = np.bincount(kom, sigmoid(lin), minlength=n_kom) / np.maximum(cnt, 1)
    ulo, uhi = np.full(n_kom, -4.0), np.full(n_kom, 4.0)
    for _ in range(40):
        mid = (ulo + uhi) / 2
        mm = np.bincount(kom, sigmoid(lin + mid[kom]), minlength=n_kom) / np.maximum(cnt, 1)
        up = mm - base > indicator
        uhi = np.where(up, mid, uhi)
        ulo = np.where(up, ulo, mid)
    fit = has_indicator & (cnt > 0)
    u = np.where(fit, (ulo + uhi) / 2, 0.0)
    sd = float(np.std(u[fit])) if fit.any() else 0.2
    others = ~fit
    u[others] = rng.normal(0.0, sd, size=others.sum())
    return u


def grouped_bernoulli(prob: np.ndarray, group: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draws with P(x_i = 1) = prob_i whose total per group is floor or ceil of the group's sum of prob:
    systematic sampling along a random order within each group."""
    n = len(prob)
    out = np.zeros(n, dtype=bool)
    if n == 0:
        return out
    order = np.lexsort((rng.random(n), group))
    g = group[order]
    pr = prob[order]
    starts = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
    offs = rng.random(len(starts))
    cum = np.cumsum(pr)
    base = np.r_[0.0, cum][starts]
    grp = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, n]))
    c = cum - base[grp] + offs[grp]
    prev = c - pr
    out[order] = np.floor(c) > np.floor(prev)
    return out
