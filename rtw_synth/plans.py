"""Plans: the cohort courses per municipality-year, plans designed to fail each exclusion rule, plans not
linked to a course (per municipality linkage rate), specialised and non-MSK plans, persons with two plans."""

from __future__ import annotations

import numpy as np

from .categories import (
    AGE,
    COHORT,
    CUT,
    CUT_SPEC,
    DEEP_CATS,
    LATE,
    LINKED_AT_RISK,
    NOLINK,
    NONMSK,
    REP_CLOSE,
    REP_VALID,
    SINGLE,
    SPEC_MSK,
    Y2015,
    Y2018,
)
from .design import cohort_counts, kept_cells, municipality_table
from .state import State
from .targets import (
    AGE_WORKING_SHARE,
    LINKED_OUT_SHARE,
    N_REPEAT_CLOSE,
    N_REPEAT_VALID,
    NATIONAL,
    YEAR_OUT_SHARE,
)
from .weeks import day, ymd


def build_plans(ctx: State) -> None:
    r = ctx.rng["plans"]
    mun = municipality_table(ctx.seeds, ctx.rng["design"])
    ctx.mun = mun
    nk = len(mun)
    ctx.cohort_cells = cohort_counts(mun, ctx.scale)
    w = (mun["pop2016"] + mun["pop2017"]).to_numpy()
    pw = w / w.sum()
    cols: dict[str, list[np.ndarray]] = {k: [] for k in ("cat", "kom", "start", "disch", "linked")}

    def add(cat: int, kom: np.ndarray, start: np.ndarray, disch: np.ndarray, linked: int) -> None:
        n = len(kom)
        cols["cat"].append(np.full(n, cat))
        cols["kom"].append(kom.astype(np.int64))
        cols["start"].append(start.astype(np.int64))
        cols["disch"].append(disch.astype(np.int64))
        cols["linked"].append(np.full(n, linked))

    def delay(n: int, hi: int = 55) -> np.ndarray:
        return np.minimum(np.round(r.gamma(2.0, 5.0, size=n)).astype(int), hi)

    # cohort courses, per municipality-year
    kom_c = np.repeat(
        np.tile(np.arange(nk), 2), np.concatenate([ctx.cohort_cells[:, 0], ctx.cohort_cells[:, 1]])
    )
    yr_c = np.repeat(
        np.repeat([2016, 2017], nk), np.concatenate([ctx.cohort_cells[:, 0], ctx.cohort_cells[:, 1]])
    )
    st = np.where(yr_c == 2016, day("2016-01-01"), day("2017-01-01")) + r.integers(0, 365, size=len(kom_c))
    add(COHORT, kom_c, st, st - delay(len(st)), 1)
    s = ctx.scale
    for cat, n1 in NATIONAL.items():
        n = round(n1 * s)
        kom = r.choice(nk, size=n, p=pw)
        if cat == Y2015:
            st = day("2015-11-08") + r.integers(0, 54, size=n)
            dl = np.minimum(delay(n), st - day("2015-11-01"))
        elif cat == Y2018:
            st = day("2018-01-02") + r.integers(0, 20, size=n)
            dl = st - (day("2017-12-01") + r.integers(0, 31, size=n))
        else:
            st = day("2016-01-01") + r.integers(0, 731, size=n)
            dl = delay(n)
        add(cat, kom, st, st - dl, 1)
    # not linked to a course, per municipality linkage rate. The rate is Tables 3.2/3.3's: among general
    # MSK plans passing §1.1-1.3 (employed, no benefits before) of persons aged 18-64 at discharge. The
    # linked plans at risk are the categories failing no earlier rule than §1.4 (not NOJOB/HOURS/BEN79;
    # CUT is itself not linked), weighted by their expected share of working age at discharge; the
    # unlinked plans get LINKED_OUT_SHARE outside 18-64 on top, and build_persons makes the working-age
    # count of each municipality exact once the ages of the linked plans are drawn (_fit_unlinked_ages)
    cat_deep = np.concatenate(cols["cat"])
    kom_deep = np.concatenate(cols["kom"])
    w_age = np.select(
        [cat_deep == AGE, np.isin(cat_deep, [Y2015, Y2018])], [AGE_WORKING_SHARE, 1 - YEAR_OUT_SHARE], 1.0
    )
    at_risk = np.isin(cat_deep, LINKED_AT_RISK)
    linked_k = np.bincount(kom_deep[at_risk], weights=w_age[at_risk], minlength=nk)
    rate = mun["linkage_rate"].to_numpy()
    n_nl = np.ceil(linked_k * (1 - rate) / rate / (1 - LINKED_OUT_SHARE)).astype(int)
    kom_nl = np.repeat(np.arange(nk), n_nl)
    sub = r.choice(3, size=len(kom_nl), p=[0.72, 0.16, 0.12])
    dis = day("2015-11-01") + r.integers(0, 791, size=len(kom_nl))
    add(NOLINK, kom_nl[sub == 0], dis[sub == 0] + 14, dis[sub == 0], 0)
    dl = 65 + r.integers(0, 60, size=(sub == 1).sum())
    add(LATE, kom_nl[sub == 1], dis[sub == 1] + dl, dis[sub == 1], 1)
    st = day("2016-01-01") + r.integers(0, 731, size=(sub == 2).sum())
    add(SINGLE, kom_nl[sub == 2], st, st - delay(len(st)), 1)
    for k in cols:
        cols[k] = [np.concatenate(cols[k])]
    deep = {k: v[0] for k, v in cols.items()}
    # shallow plans: specialised MSK and non-MSK (general + specialised)
    g = mun["general_share"].to_numpy()
    gen_k = np.bincount(deep["kom"], minlength=nk)
    n_spec = np.round(gen_k * (1 - g) / g).astype(int)
    n_msk = gen_k + n_spec
    n_non = np.round(n_msk.sum() * 40 / 60 * pw).astype(int)
    kom_s = np.concatenate([np.repeat(np.arange(nk), n_spec), np.repeat(np.arange(nk), n_non)])
    cat_s = np.concatenate([np.full(n_spec.sum(), SPEC_MSK), np.full(n_non.sum(), NONMSK)])
    dis_s = day("2015-11-01") + r.integers(0, 791, size=len(kom_s))
    linked_s = (r.random(len(kom_s)) < 0.7).astype(int)
    ctx.plans = {
        "cat": np.concatenate([deep["cat"], cat_s]),
        "kom": np.concatenate([deep["kom"], kom_s]),
        "start": np.concatenate([deep["start"], dis_s + delay(len(dis_s))]),
        "disch": np.concatenate([deep["disch"], dis_s]),
        "linked": np.concatenate([deep["linked"], linked_s]),
    }
    n = len(ctx.plans["cat"])
    p = ctx.plans
    p["deep"] = np.isin(p["cat"], DEEP_CATS)
    p["msk"] = p["cat"] != NONMSK
    # plan type: non-MSK split by the municipality's general share
    spec = (p["cat"] == SPEC_MSK) | ((p["cat"] == NONMSK) & (r.random(n) > g[p["kom"]]))
    p["ptype"] = np.where(spec, np.where(r.random(n) < 0.05, 2, 1), 0)
    p["person"] = np.arange(n)
    p["seq"] = np.zeros(n, dtype=int)
    add_repeats(ctx)


def add_repeats(ctx: State) -> None:
    """Persons entering twice (>= 10 months apart), too-close repeats, and cut courses."""
    r = ctx.rng["plans"]
    p = ctx.plans
    n_valid = round(N_REPEAT_VALID * ctx.scale)
    coh = np.flatnonzero(p["cat"] == COHORT)
    y = ymd(p["start"][coh])[0]
    first = coh[y == 2016]
    second = coh[y == 2017]
    # pair within municipality-years that are analysed in both years (quota by largest remainder
    # in proportion to the smaller year): a 2016 course moved to January, a 2017 course to December
    keep = kept_cells(ctx.mun, ctx.cohort_cells, ctx.scale)
    both = keep.all(axis=1)
    cap = np.where(both, np.maximum(ctx.cohort_cells.min(axis=1) - 1, 0), 0).astype(float)
    quota = np.zeros(len(ctx.mun), dtype=int)
    if cap.sum() > 0 and n_valid > 0:
        want = np.minimum(cap, n_valid * cap / cap.sum())
        quota = np.floor(want).astype(int)
        rem = n_valid - quota.sum()
        order = np.argsort(-(want - quota), kind="stable")
        for k in order:
            if rem <= 0:
                break
            if quota[k] < cap[k]:
                quota[k] += 1
                rem -= 1
    pairs_a, pairs_b = [], []
    fk, sk = p["kom"][first], p["kom"][second]
    for k in np.flatnonzero(quota):
        a = first[fk == k]
        b = second[sk == k]
        m = min(len(a), len(b), quota[k])
        pairs_a.append(a[:m])
        pairs_b.append(b[:m])
    if pairs_a:
        a = np.concatenate(pairs_a)
        b = np.concatenate(pairs_b)
        p["start"][a] = day("2016-01-04") + r.integers(0, 24, size=len(a))
        p["disch"][a] = p["start"][a] - r.integers(1, 10, size=len(a))
        p["start"][b] = day("2017-12-02") + r.integers(0, 26, size=len(b))
        p["disch"][b] = p["start"][b] - r.integers(1, 10, size=len(b))
        p["person"][b] = p["person"][a]
        p["seq"][b] = 1
        p["cat"][b] = REP_VALID
    # too-close repeats: second plan 4-7 months after a 2016 cohort course's discharge
    pool = np.flatnonzero((p["cat"] == COHORT) & (p["start"] < day("2016-07-01")))
    n_close = min(round(N_REPEAT_CLOSE * ctx.scale), len(pool))
    base = r.choice(pool, size=n_close, replace=False)
    base.sort()
    dis2 = p["disch"][base] + 120 + r.integers(0, 90, size=n_close)
    new = {
        "cat": np.full(n_close, REP_CLOSE),
        "kom": p["kom"][base],
        "disch": dis2,
        "start": dis2 + 3 + r.integers(0, 20, size=n_close),
        "linked": np.ones(n_close, dtype=int),
        "deep": np.ones(n_close, dtype=bool),
        "msk": np.ones(n_close, dtype=bool),
        "ptype": np.zeros(n_close, dtype=int),
        "person": p["person"][base],
        "seq": np.ones(n_close, dtype=int),
    }
    # cut courses: a specialised MSK plan discharged 7-20 days after the single first service
    cut = np.flatnonzero(p["cat"] == CUT)
    dis3 = p["start"][cut] + 7 + r.integers(0, 14, size=len(cut))
    new3 = {
        "cat": np.full(len(cut), CUT_SPEC),
        "kom": p["kom"][cut],
        "disch": dis3,
        "start": dis3 + 2 + r.integers(0, 8, size=len(cut)),
        "linked": np.ones(len(cut), dtype=int),
        "deep": np.zeros(len(cut), dtype=bool),
        "msk": np.ones(len(cut), dtype=bool),
        "ptype": np.ones(len(cut), dtype=int),
        "person": p["person"][cut],
        "seq": np.ones(len(cut), dtype=int),
    }
    for k in p:
        p[k] = np.concatenate([p[k], new[k], new3[k]])


# ------------------------------------------------------------------ GES (municipal services)
