# ruff: noqa: N806
# (upper-case A, S, M, L, R = admission week, start week, week matrix, lengths, records)
"""Outcome trajectories painted into the DREAM week matrix: benefit weeks before admission and before start,
runs after start that follow the drawn outcome (persistence, month 6, benefit mix), and the edge cases the
warehouse must clean or exclude."""

from __future__ import annotations

import numpy as np

from .categories import BEN79, DEATH, EMIG, NOJOB, REP_VALID, UNDET
from .model import grouped_bernoulli
from .state import State
from .targets import (
    LATE_SPELL_FIRST_WEEK,
    N_HOLIDAY,
    P_EARLY_SWITCH,
    P_LATE_SICK,
    P_LATE_SPELL,
    P_LATE_SWITCH,
    P_RUN_13_16,
    P_RUN_17_21,
    P_RUN_BEFORE_26,
    PERSIST_3M,
    RECOVERY_END_WEEK_PCT,
)
from .weeks import N_WEEKS, age_at, day, wcol


def paint_dream(ctx: State) -> None:
    r = ctx.rng["dream"]
    c = ctx.codes
    p = ctx.plans
    idx = ctx.paint_idx
    m = len(idx)
    M = np.zeros((ctx.n_pers, N_WEEKS), dtype=np.int16)
    ctx.M = M
    row = p["pid"][idx]
    A = wcol(p["adm"][idx])
    S = wcol(p["start"][idx])
    d = S - A
    bw = p["bw_band"][idx]
    y3 = p["y3"][idx]
    cap = np.full(m, 60)
    rep_first = np.isin(p["pid"][idx], p["pid"][p["cat"] == REP_VALID]) & (p["seq"][idx] == 0)
    cap[rep_first] = 30

    def put(rows: np.ndarray, c0: np.ndarray, c1: np.ndarray, code) -> None:
        c0 = np.maximum(np.asarray(c0), 0)
        c1 = np.minimum(np.asarray(c1), N_WEEKS - 1)
        length = np.maximum(c1 - c0 + 1, 0)
        rep = np.repeat(np.arange(len(rows)), length)
        first = np.r_[0, np.cumsum(length)[:-1]]
        off = np.arange(len(rep)) - np.repeat(first, length)
        code = np.broadcast_to(np.asarray(code, dtype=np.int16), (len(rows),))
        M[rows[rep], c0[rep] + off] = code[rep]

    mixcodes = np.array([c.UNEMP, c.CASH, c.LEDIG, c.RESS, c.FLEX], dtype=np.int16)
    # 1. the year up to 2 months before admission (weeks A-61 ... A-10): spells end by A-12
    yb = p["bwyear_band"][idx]
    L = np.where(yb == 1, r.integers(1, 26, size=m), r.integers(26, 51, size=m))
    s0 = A - 61 + (r.random(m) * (61 - 12 - L + 1)).astype(int)
    code = np.where(L <= 4, c.UNEMP, np.where(r.random(m) < 0.5, c.SICK, c.UNEMP))
    sel = yb > 0
    put(row[sel], s0[sel], s0[sel] + L[sel] - 1, code[sel])
    # 2. benefit weeks before start
    nlo = np.array([0, 1, 5, 9])[bw]
    nhi = np.array([0, 4, 8, 16])[bw]
    nhi = np.minimum(nhi, d + 8)
    nb = nlo + (r.random(m) * (nhi - nlo + 1)).astype(int)
    nb = np.where(bw == 0, 0, np.maximum(nb, nlo))
    # on benefits at start: forced when the weeks do not fit before start; otherwise 98.5 % of those
    # with the outcome and a per-municipality rate q_k of the others, solved so that the intended
    # cohort's share at start matches Bilag 2 Table 2 (systematic sampling per municipality)
    forced = (bw > 0) & (nb > d + 6)
    kom = p["kom"][idx]
    nk = len(ctx.mun)
    ev = ctx.expected_mask[idx]
    free = (bw > 0) & ~forced
    t2 = ctx.mun["t2_start"].to_numpy() / 100
    cnt = np.bincount(kom[ev], minlength=nk)
    fixed_on = np.bincount(kom[ev], (forced + (free & y3) * 0.985)[ev], minlength=nk)
    n_free = np.bincount(kom[ev], (free & ~y3)[ev], minlength=nk)
    q = np.clip((t2 * cnt - fixed_on) / np.maximum(n_free, 1), 0.05, 1.0)
    q = np.where(n_free > 0, q, 0.86)
    p_on = np.where(free, np.where(y3, 0.985, q[kom]), 0.0)
    o0 = np.zeros(m, dtype=bool)
    o0[ev] = grouped_bernoulli(p_on[ev], kom[ev], r)
    o0[~ev] = r.random((~ev).sum()) < p_on[~ev]
    o0 = o0 | forced
    # off at start but benefit weeks in the window: an unemployment run ending before start
    sel = (bw > 0) & ~o0
    gap = (r.random(m) * np.maximum(d + 6 - nb + 1, 1)).astype(int)
    put(row[sel], (S - nb - gap)[sel], (S - 1 - gap)[sel], c.UNEMP)
    # on at start: a run ending after start
    iso = o0 & (nb >= 2) & (S - nb + 2 >= A - 6) & (r.random(m) < 0.05)
    sick = r.random(m) < 0.95
    run_code = np.where(sick, c.SICK, mixcodes[r.integers(0, 5, size=m)])
    # persistence since start (Bilag 2 Table 3: 87 % at 3 months): the share of the outcome group whose
    # run lasts through week 13, solved on the intended cohort
    on3 = ev & y3
    pi = min(1.0, PERSIST_3M * on3.sum() / max((on3 & o0).sum(), 1))
    persistent = r.random(m) < pi
    # month 6 per municipality: the 6-to-3-month ratio of Bilag 2 Table 2 scales the long runs and the
    # new spells after month 3
    t2m = ctx.mun[["t2_m3", "t2_m6"]].to_numpy()
    f6 = np.where(np.isfinite(t2m).all(axis=1), (t2m[:, 1] / t2m[:, 0]) / (12.7 / 21.9), 1.0)
    f6 = np.clip(f6, 0.4, 1.8)[kom]
    short = np.clip(P_RUN_BEFORE_26 * 1.0, 0.05, 0.95)
    p26 = np.clip((1 - short) * f6, 0.05, 0.9)
    k1, k2 = P_RUN_13_16 / short * (1 - p26), (P_RUN_13_16 + P_RUN_17_21) / short * (1 - p26)
    u = r.random(m)
    e_pers = np.where(
        u < k1,
        r.integers(13, 17, size=m),
        np.where(
            u < k2,
            r.integers(17, 22, size=m),
            np.where(u < 1 - p26, r.integers(22, 24, size=m), r.integers(26, 46, size=m)),
        ),
    )
    # runs of those on benefits at start but back at work at 3 months end in week 0-11 (RECOVERY_END_WEEK_PCT)
    w_rec = np.array(RECOVERY_END_WEEK_PCT, dtype=float)
    e_rec = r.choice(len(w_rec), size=m, p=w_rec / w_rec.sum())
    e = np.where(y3, np.where(persistent, e_pers, 12), e_rec)
    e = np.where(sick, np.maximum(e, 5 - nb + iso), e)
    e = np.minimum(e, cap)
    start_run = np.where(iso, S - nb + 2, S - nb + 1)
    put(row[o0], start_run[o0], (S + e)[o0], run_code[o0])
    put(row[iso], (A - 9)[iso], (A - 9)[iso], c.UNEMP)
    # code changes inside sickness runs (Bilag 3 Figur 2.1): some change to another benefit in weeks
    # 6-10 (unemployment etc. or other), jobafklaring/unemployment after ~22 weeks, partial sickness at
    # the end of some runs
    other_codes = np.array([c.JOBAF, c.RESS, c.REVAL], dtype=np.int16)
    unemp_codes = np.array([c.UNEMP, c.CASH], dtype=np.int16)
    early = o0 & sick & (e >= 13) & (r.random(m) < P_EARLY_SWITCH)
    ew = 6 + r.integers(0, 5, size=m)
    ecode = np.where(
        r.random(m) < 0.8, other_codes[r.integers(0, 3, size=m)], unemp_codes[r.integers(0, 2, size=m)]
    )
    put(row[early], (S + ew)[early], (S + e)[early], ecode[early])
    sw = o0 & sick & ~early & (e > 22) & (r.random(m) < P_LATE_SWITCH)
    swp = 22 + r.integers(0, 4, size=m)
    put(row[sw], (S + swp)[sw], (S + e)[sw], np.where(r.random(sw.sum()) < 0.7, c.JOBAF, c.UNEMP))
    part = o0 & sick & ~sw & ~early & (e >= 3) & (r.random(m) < 0.3)
    put(row[part], (S + e - 1)[part], (S + e)[part], c.PARTIAL)
    # 3. later spells
    late_code = np.where(r.random(m) < P_LATE_SICK, c.SICK, mixcodes[r.integers(0, 5, size=m)])
    b = r.integers(LATE_SPELL_FIRST_WEEK, 13, size=m)
    f = np.maximum(12, b + 4) + r.geometric(0.12, size=m) - 1
    f = np.minimum(f, cap)
    sel = y3 & ~o0
    put(row[sel], (S + b)[sel], (S + f)[sel], late_code[sel])
    late2 = ~y3 & (r.random(m) < P_LATE_SPELL * f6)
    b2 = np.maximum(r.integers(15, 27, size=m), np.where(o0, e + 3, 0))
    put(
        row[late2],
        (S + b2)[late2],
        np.minimum(S + b2 + r.integers(4, 16, size=m), S + cap)[late2],
        late_code[late2],
    )
    # 4. edge cases that the warehouse must clean or exclude
    cat = p["cat"][idx]
    short_a = (r.random(m) < 0.04) & ((bw == 0) | (start_run >= A - 6)) & ~iso & (yb == 0)
    put(row[short_a], (A - 9)[short_a], (A - 8)[short_a], c.SICK)
    short_b = ~y3 & ~late2 & (~o0 | (e <= 6)) & (r.random(m) < 0.03)
    put(row[short_b], (S + 11)[short_b], (S + 12)[short_b], c.SICK)
    hol6 = ~y3 & ~late2 & (~o0 | (e <= 15)) & ~short_b & (r.random(m) < 0.01)
    put(row[hol6], (S + 25)[hol6], (S + 25)[hol6], c.HOLIDAY)
    sel = cat == BEN79
    k = r.integers(2, 4, size=m)
    put(row[sel], (A - 7 - k + 1)[sel], (A - 7)[sel], c.UNEMP)
    sel = np.flatnonzero(cat == UNDET)
    nh = min(round(N_HOLIDAY * ctx.scale), len(sel))
    ucode = c.UNDET_OTHER[r.integers(0, len(c.UNDET_OTHER), size=len(sel))]
    ucode[:nh] = c.HOLIDAY
    wk = 11 + r.integers(0, 3, size=len(sel))
    put(row[sel], S[sel] + wk, S[sel] + wk + np.where(ucode == c.HOLIDAY, 0, 5), ucode)
    # 5. deaths and emigrations inside the window
    exit_day = p["start"][idx] + 7 * r.integers(3, 26, size=m)
    for cat_x, xcode in ((DEATH, c.DEATH), (EMIG, c.EMIG)):
        sel = cat == cat_x
        put(row[sel], wcol(exit_day[sel]) + 1, np.full(sel.sum(), N_WEEKS - 1), xcode)
    p["exit_day"] = np.full(len(p["cat"]), -1)
    p["exit_day"][idx] = np.where(np.isin(cat, [DEATH, EMIG]), exit_day, -1)
    # 6. everybody else: pensioners, some spells
    pe = ctx.persons
    others = np.flatnonzero(~pe["deep"])
    age16 = age_at(pe["birth"][others], np.full(len(others), day("2016-01-01")))
    pens = others[age16 >= 67]
    M[pens, :] = c.PENSION
    # retired persons whose (MSK) plan fails on employment: state pension in the weeks without a code
    fd = pe["first"] >= 0
    retired = np.flatnonzero(fd & pe["deep"])
    retired = retired[
        (p["cat"][pe["first"][retired]] == NOJOB)
        & (age_at(pe["birth"][retired], pe["ref_day"][retired]) >= 66)
    ]
    sub = M[retired]
    sub[sub == 0] = c.PENSION
    M[retired] = sub
    wa = others[(age16 >= 18) & (age16 < 65) & (r.random(len(others)) < 0.2)]
    L = r.integers(5, 40, size=len(wa))
    s0 = r.integers(0, N_WEEKS - 5, size=len(wa))
    put(wa, s0, s0 + L, np.concatenate([[c.SICK, c.SICK], mixcodes])[r.integers(0, 7, size=len(wa))])
