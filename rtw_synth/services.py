"""Municipal services (GES): 2-4 months of services per linked course, and anchor plans that keep every
municipality-month of 2016-17 at 3-4 services per person (so only the designed defects fail METHOD §5)."""

from __future__ import annotations

import numpy as np

from .categories import ANCHOR, CUT, SINGLE
from .codes import GES_CODES
from .defects import apply_ges_defects
from .state import State
from .weeks import month_start, ymd


def build_services(ctx: State) -> None:
    """Services per course: 2-4 calendar months from the first service, 3-4 services per person-month
    (so a_m never swings by itself); single-service courses; late starts; then defects and anchors."""
    r = ctx.rng["ges"]
    p = ctx.plans
    nk = len(ctx.mun)
    linked = np.flatnonzero(p["linked"] == 1)
    cat = p["cat"][linked]
    single = np.isin(cat, [SINGLE, CUT])
    nm = np.where(single, 1, r.integers(2, 5, size=len(linked)))
    # services reported by another municipality for 3 % of courses
    kom_g = p["kom"][linked].copy()
    other = r.random(len(linked)) < 0.03
    kom_g[other] = r.integers(0, nk, size=other.sum())
    rows_plan, rows_day, rows_kom = [], [], []
    sy, sm, _ = ymd(p["start"][linked])
    for j in range(4):
        act = nm > j
        idx = np.flatnonzero(act)
        mm = sm[idx] - 1 + j
        y = sy[idx] + mm // 12
        m = mm % 12 + 1
        m0 = month_start(y, m)
        m1 = month_start(y + (m == 12), m % 12 + 1)
        lo = np.where(j == 0, p["start"][linked][idx], m0)
        c = np.where(single[idx], 1, r.integers(3, 5, size=len(idx)))
        rep = np.repeat(np.arange(len(idx)), c)
        first = np.r_[0, np.cumsum(c)[:-1]]
        k_in = np.arange(len(rep)) - np.repeat(first, c)
        d = lo[rep] + (r.random(len(rep)) * (m1[rep] - lo[rep])).astype(int)
        d = np.where((j == 0) & (k_in == 0), lo[rep], d)
        rows_plan.append(linked[idx][rep])
        rows_day.append(d)
        rows_kom.append(kom_g[idx][rep])
    plan_i = np.concatenate(rows_plan)
    d = np.concatenate(rows_day)
    kom = np.concatenate(rows_kom)
    # anchors: in every municipality-month of 2016-2017 the services per person (a_m) lie in [3, 4], so a
    # year without a designed defect has 12 months and no swing at any scale: anchor plans (non-MSK, age
    # 75, one month of 2-8 services) fill empty months and pull a_m into the band
    y, m, _ = ymd(d)
    inwin = (y >= 2016) & (y <= 2017)
    cell = (kom * 24 + (y - 2016) * 12 + (m - 1))[inwin]
    svc = np.bincount(cell, minlength=nk * 24)
    pc = np.unique(np.stack([cell, p["person"][plan_i[inwin]]], axis=1), axis=0)
    per = np.bincount(pc[:, 0], minlength=nk * 24)
    a_cell, a_k = [], []
    for ci in range(nk * 24):
        sv, pp = int(svc[ci]), int(per[ci])
        if pp > 0 and 3 * pp <= sv <= 4 * pp:
            continue
        na = 1
        while True:
            need = int(np.floor(3.5 * (pp + na) - sv + 0.5))
            if 2 * na <= need <= 8 * na:
                break
            na += 1
        ks = np.full(na, need // na)
        ks[: need % na] += 1
        a_cell.append(np.full(na, ci))
        a_k.append(ks)
    if a_cell:
        a_cell = np.concatenate(a_cell)
        a_k = np.concatenate(a_k)
        na = len(a_cell)
        nk_a = a_cell // 24
        ym = a_cell % 24
        m0 = month_start(2016 + ym // 12, ym % 12 + 1)
        step = 3
        a_start = m0 + (r.random(na) * (28 - step * (a_k - 1))).astype(int)
        pid0 = len(p["cat"])
        new = {
            "cat": np.full(na, ANCHOR),
            "kom": nk_a,
            "disch": a_start - 5,
            "start": a_start,
            "linked": np.ones(na, dtype=int),
            "deep": np.zeros(na, dtype=bool),
            "msk": np.zeros(na, dtype=bool),
            "ptype": np.zeros(na, dtype=int),
            "person": pid0 + np.arange(na),
            "seq": np.zeros(na, dtype=int),
        }
        for k in p:
            p[k] = np.concatenate([p[k], new[k]])
        rep = np.repeat(np.arange(na), a_k)
        first = np.r_[0, np.cumsum(a_k)[:-1]]
        off = np.arange(len(rep)) - np.repeat(first, a_k)
        plan_i = np.concatenate([plan_i, pid0 + rep])
        d = np.concatenate([d, a_start[rep] + step * off])
        kom = np.concatenate([kom, nk_a[rep]])
    code = GES_CODES[r.integers(0, 3, size=len(d))]
    ctx.ges = {"plan": plan_i, "day": d, "kom": kom, "code": code}
    apply_ges_defects(ctx)
