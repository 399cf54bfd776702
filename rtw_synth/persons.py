"""Persons: one per plan person (+ background persons without a plan): ages by category around the age rule,
the ages of unlinked plans fitted to the linkage rates, and the person-level case-mix."""

from __future__ import annotations

import numpy as np

from .categories import (
    AGE,
    ANCHOR,
    BEN79,
    COHORT,
    HOURS,
    LINKED_AT_RISK,
    NOJOB,
    NONMSK,
    REP_CLOSE,
    REP_VALID,
    SPEC_MSK,
    UNLINKED,
    Y2015,
    Y2018,
)
from .joint import binary_given, draw_given
from .state import State
from .targets import (
    AGE_BAND_LOWER,
    AGE_BAND_PCT,
    AGE_WORKING_SHARE,
    COMORBIDITY_AGE_SLOPE,
    EDUCATION_AGE_SLOPE,
    EDUCATION_PCT,
    EDUCATION_WOMAN,
    INCOME_AGE_SLOPE,
    INCOME_EDUCATION_SLOPE,
    INCOME_PCT,
    INCOME_WOMAN_SLOPE,
    ORIGIN_PCT,
    SHARE_COHABITING,
    SHARE_COMORBIDITY,
    SHARE_PSYCHIATRIC,
    SHARE_WOMEN,
    YEAR_OUT_SHARE,
)
from .weeks import age_at, band, day, month_start, ymd


def build_persons(ctx: State) -> None:
    r = ctx.rng["casemix"]
    p = ctx.plans
    uniq, inv = np.unique(p["person"], return_inverse=True)
    p["pid"] = inv
    n_plan_persons = len(uniq)
    n_bg = round(n_plan_persons * ctx.background_ratio)
    n_pers = n_plan_persons + n_bg
    first = np.full(n_pers, -1)
    seq0 = np.flatnonzero(p["seq"] == 0)
    first[p["pid"][seq0]] = seq0
    deep_p = np.zeros(n_pers, dtype=bool)
    deep_p[p["pid"][seq0]] = p["deep"][seq0]
    ref_day = np.where(first >= 0, p["start"][np.maximum(first, 0)], day("2016-07-01"))
    cat_first = np.where(first >= 0, p["cat"][np.maximum(first, 0)], -1)
    # age: working ages by Table 3.3 bands; ages outside 18-64 by category (METHOD order: plans failing
    # an earlier rule than §1.6 may have any age; "a little more than half" of MSK plan persons are of
    # working age, Bilag 3 §1)
    age = working_ages(r, n_pers)
    rep_person = np.zeros(n_pers, dtype=bool)
    rep_person[p["pid"][np.isin(p["cat"], [REP_VALID, REP_CLOSE])]] = True
    age = np.where(rep_person, np.minimum(age, 62), age)
    share_out = np.zeros(n_pers)
    for cats, sh in (
        ((NOJOB,), 0.70),
        ((HOURS,), 0.12),
        ((BEN79,), 0.10),
        ((Y2015, Y2018), YEAR_OUT_SHARE),
        ((SPEC_MSK,), 0.47),
        ((NONMSK,), 0.65),
    ):
        share_out[np.isin(cat_first, cats)] = sh
    out = (r.random(n_pers) < share_out) & ~rep_person
    employed_cat = np.isin(cat_first, [HOURS, BEN79, Y2015, Y2018])
    old_age = np.where(employed_cat, r.integers(65, 73, size=n_pers), r.integers(65, 91, size=n_pers))
    young = r.random(n_pers) < np.where(np.isin(cat_first, [SPEC_MSK, NONMSK]), 0.02, 0.05)
    age = np.where(out, np.where(young, r.integers(15, 18, size=n_pers), old_age), age)
    # boundary: employed plans aged 65 (birthday on the start date) or 17 (18th birthday just after)
    u = r.random(n_pers)
    older = r.integers(66, 73, size=n_pers)
    age_cat = np.where(
        u < AGE_WORKING_SHARE,
        65,
        np.where(
            u < AGE_WORKING_SHARE + 0.15, 17, np.where(u < 0.85, older, r.integers(15, 17, size=n_pers))
        ),
    )
    age = np.where(cat_first == AGE, age_cat, age)
    age = np.where(cat_first == ANCHOR, 75, age)
    age = np.where(first < 0, r.integers(0, 91, size=n_pers), age)
    frac = 0.03 + 0.94 * r.random(n_pers)
    birth = ref_day - np.round((age + frac) * 365.25).astype(int)
    # exact birthdays around the boundary (the age rule applies at rehab start, day 0)
    ry, rm, rd = ymd(ref_day)
    not_leap = ~((rm == 2) & (rd == 29))

    def born(years_before: np.ndarray | int, shift: np.ndarray | int) -> np.ndarray:
        return month_start(ry - years_before, rm) + rd - 1 + shift

    ub = r.random(n_pers)
    coh1 = (cat_first == COHORT) & ~rep_person & not_leap
    on_day = (cat_first == AGE) & (age == 65) & not_leap
    birth = np.where(on_day, born(65, 0), birth)
    just_after = (cat_first == AGE) & (age == 17) & not_leap
    birth = np.where(just_after, born(18, r.integers(1, 4, size=n_pers)), birth)
    b18 = coh1 & (ub < 0.004)
    birth = np.where(b18, born(18, 0), birth)
    b64 = coh1 & (ub > 0.996)
    birth = np.where(b64, born(65, r.integers(1, 4, size=n_pers)), birth)
    _, bm, bd = ymd(birth)
    birth = birth + ((bm == 2) & (bd == 29))  # no leap-day birthdays
    birth = fit_unlinked_ages(ctx, birth)
    ctx.persons = {
        "birth": birth,
        # BEF codes persons under 18 on 1 January as children
        "cohab": (r.random(n_pers) < SHARE_COHABITING) & (age_at(birth, ref_day) >= 19),
        "origin": r.choice(3, size=n_pers, p=np.array(ORIGIN_PCT) / sum(ORIGIN_PCT)),
        "psych": r.random(n_pers) < SHARE_PSYCHIATRIC,
        **person_casemix(r, age_at(birth, ref_day)),
        "deep": deep_p,
        "first": first,
        "kom": np.where(first >= 0, p["kom"][np.maximum(first, 0)], -1),
        "ref_day": ref_day,
    }
    bg = first < 0
    w = (ctx.mun["pop2016"]).to_numpy()
    ctx.persons["kom"][bg] = r.choice(len(ctx.mun), size=bg.sum(), p=w / w.sum())
    ctx.persons["mover"] = (r.random(n_pers) < 0.05) & (first >= 0)
    ctx.persons["move_from"] = r.integers(0, len(ctx.mun), size=n_pers)
    ctx.n_pers = n_pers
    ctx.n_plan_persons = n_plan_persons


def fit_unlinked_ages(ctx: State, birth: np.ndarray) -> np.ndarray:
    """Ages of the persons whose (first) plan is not linked to a course, dated at discharge: per
    municipality exactly round(L·(1 - rate) / rate) of them are aged 18-64 at discharge, L = the linked
    plans passing §1.1-1.3 of persons aged 18-64 at discharge (the population of Tables 3.2/3.3); the
    rest are 65-90 (5 %: 15-17). Too few unlinked plans (tiny scales) leave the rate a little high."""
    r = ctx.rng["linkage"]
    p = ctx.plans
    nk = len(ctx.mun)
    pid = p["pid"]
    a_dis = age_at(birth[pid], p["disch"])
    working = (a_dis >= 18) & (a_dis <= 64)
    linked = np.isin(p["cat"], LINKED_AT_RISK) & working
    n_linked = np.bincount(p["kom"][linked], minlength=nk)
    rate = ctx.mun["linkage_rate"].to_numpy()
    n_in = np.round(n_linked * (1 - rate) / rate).astype(int)
    ul = np.flatnonzero(np.isin(p["cat"], UNLINKED))  # each the first plan of its own person
    ul = ul[r.permutation(len(ul))]
    ul = ul[np.argsort(p["kom"][ul], kind="stable")]
    k = p["kom"][ul]
    rank = np.arange(len(ul)) - np.searchsorted(k, k)
    inside = rank < n_in[k]
    m = len(ul)
    age_in = working_ages(r, m)
    age_out = np.where(r.random(m) < 0.05, r.integers(15, 18, size=m), r.integers(65, 91, size=m))
    age = np.where(inside, age_in, age_out)
    # dated at discharge, >= 11 days from a birthday: the age at discharge is exact
    b = p["disch"][ul] - np.round((age + 0.03 + 0.94 * r.random(m)) * 365.25).astype(int)
    _, bm, bd = ymd(b)
    birth = birth.copy()
    birth[pid[ul]] = b + ((bm == 2) & (bd == 29))
    return birth


def working_ages(r: np.random.Generator, n: int) -> np.ndarray:
    """Ages 18-64 by the age bands of AGE_BAND_PCT (uniform within a band)."""
    lo = np.array(AGE_BAND_LOWER)
    hi = np.r_[lo[1:] - 1, 64]
    band_i = r.choice(len(lo), size=n, p=np.array(AGE_BAND_PCT) / 100)
    return lo[band_i] + (r.random(n) * (hi[band_i] - lo[band_i] + 1)).astype(int)


def age_score(age: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The age band (0-7, ages outside 18-64 in the nearest band), the bands' score (-1 ... +1) and whether
    the age is 18-64 (the marginals of targets.py hold among those)."""
    b = np.clip(band(age, list(AGE_BAND_LOWER[1:])), 0, len(AGE_BAND_LOWER) - 1)
    k = len(AGE_BAND_LOWER) - 1
    return b, (np.arange(k + 1) - k / 2) / (k / 2), (age >= 18) & (age <= 64)


def person_casemix(r: np.random.Generator, age: np.ndarray) -> dict[str, np.ndarray]:
    """Sex, education given age and sex, income given education, age and sex, comorbidity given age (joint.py:
    each keeps its marginal of targets.py)."""
    n = len(age)
    ab, score, working = age_score(age)
    woman = r.random(n) < SHARE_WOMEN
    w = woman.astype(int)
    edu = draw_given(
        r,
        np.array(EDUCATION_PCT, dtype=float),
        [(ab, np.outer(score, EDUCATION_AGE_SLOPE)), (w, np.stack([np.zeros(7), EDUCATION_WOMAN]))],
        working,
    )
    inc_score = np.array([-1.5, -0.5, 0.5, 1.5])
    income = draw_given(
        r,
        np.array(INCOME_PCT, dtype=float),
        [
            (edu, np.outer(INCOME_EDUCATION_SLOPE, inc_score)),
            (ab, np.outer(score * INCOME_AGE_SLOPE, inc_score)),
            (w, np.outer([0.0, INCOME_WOMAN_SLOPE], inc_score)),
        ],
        working,
    )
    comorb = binary_given(r, SHARE_COMORBIDITY, [(ab, score * COMORBIDITY_AGE_SLOPE)], working)
    return {"woman": woman, "income": income, "education": edu, "comorb": comorb}
