"""BFL (monthly paid hours and industry per job): the key month two months before admission and around it, and
the pre-admission job in the months of the outcome windows after the rehab start (``after_start``)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..categories import COHORT, HOURS, NOJOB
from ..codes import choice_by, rand_digits
from ..rules import OUTCOME_WINDOW_END_WEEK
from ..state import State, pnr
from ..targets import NEITHER_BENEFITS_NOR_EMPLOYED_PCT
from ..weeks import N_WEEKS, WEEK0, age_at, day, wcol, ymd
from ..writer import str_array

AFTER_START_PRIORITY = 3  # below every other row of the same person, month and workplace (see write)


def write(ctx: State) -> None:
    r = ctx.rng["bfl"]
    c = ctx.codes
    p = ctx.plans
    pe = ctx.persons
    idx = np.flatnonzero(p["deep"])
    m = len(idx)
    ay, am, _ = ymd(p["adm"][idx])
    key_m = ay * 12 + am - 1 - 2
    ft = p["full_time"][idx]
    hours = np.where(ft, np.round(160 + r.random(m) * 25, 1), np.round(80 + r.random(m) * 79, 1))
    hours = np.where(ft & (r.random(m) < 0.05), 160.0, hours)
    hours = np.where(~ft & (r.random(m) < 0.05), 80.0, hours)
    cat = p["cat"][idx]
    hours = np.where(cat == HOURS, np.round(20 + r.random(m) * 59, 1), hours)
    two = (r.random(m) < 0.08) & (hours < 160) & (hours > 60)
    h1 = np.where(two, np.round(hours * 0.62, 1), hours)
    h2 = np.where(two, np.round(hours - h1, 1), 0.0)
    levels = ctx.model.industry_levels
    pools = [c.div_by_group.get(lv, c.all_divisions) for lv in levels]
    div1 = choice_by(r, pools, p["industry"][idx])
    div2 = c.all_divisions[r.integers(0, len(c.all_divisions), size=m)]
    tail1 = rand_digits(r, m, 4)
    tail2 = rand_digits(r, m, 4)
    wp1 = np.char.add("W", np.char.zfill(p["pid"][idx].astype(str), 9)).astype(object)
    wp2 = np.char.add("V", np.char.zfill(p["pid"][idx].astype(str), 9)).astype(object)
    employed = cat != NOJOB
    recs = []
    for off, prio in ((0, 0), (-1, 1), (1, 1), (2, 1)):
        mm = key_m + off
        noise = np.where(off == 0, 0.0, np.round((r.random(m) - 0.5) * 10, 1))
        recs.append(
            (
                idx[employed],
                mm[employed],
                wp1[employed],
                np.maximum(h1 + noise, 1.0)[employed],
                np.char.add(div1.astype(str), tail1.astype(str))[employed],
                np.full(employed.sum(), prio),
            )
        )
        s2 = employed & (two | (cat == HOURS) & (r.random(m) < 0.3))
        hh2 = np.where(two, h2, np.round(5 + r.random(m) * 10, 1))
        hh2 = np.where(cat == HOURS, np.minimum(hh2, np.maximum(79.0 - h1, 0.5)), hh2)
        if off == 0:
            key_total = h1 + np.where(s2, hh2, 0.0)
        recs.append(
            (
                idx[s2],
                mm[s2],
                wp2[s2],
                hh2[s2],
                np.char.add(div2.astype(str), tail2.astype(str))[s2],
                np.full(s2.sum(), prio),
            )
        )
    # employed persons without a deep plan: three months a year
    others = np.flatnonzero(~pe["deep"])
    a16 = age_at(pe["birth"][others], np.full(len(others), day("2016-06-01")))
    emp = others[(a16 >= 18) & (a16 < 65) & (r.random(len(others)) < 0.65)]
    for mm0 in (2016 * 12 + 2, 2016 * 12 + 8, 2017 * 12 + 2, 2017 * 12 + 8):
        k = len(emp)
        recs.append(
            (
                None,
                np.full(k, mm0),
                np.char.add("W", np.char.zfill(emp.astype(str), 9)).astype(object),
                np.round(40 + r.random(k) * 140, 1),
                np.char.add(
                    c.all_divisions[r.integers(0, len(c.all_divisions), size=k)].astype(str),
                    rand_digits(r, k, 4).astype(str),
                ),
                np.full(k, 2),
                emp,
            )
        )
    # last: its own random stream, so the rows above are drawn as before
    key_job = np.char.add(div1.astype(str), tail1.astype(str))
    recs += after_start(ctx, idx[employed], h1[employed], wp1[employed], key_job[employed])
    pid_l, mm_l, wp_l, h_l, br_l, pr_l = [], [], [], [], [], []
    for rec in recs:
        if rec[0] is None:
            pid_l.append(rec[6])
        else:
            pid_l.append(p["pid"][rec[0]])
        mm_l.append(rec[1])
        wp_l.append(rec[2])
        h_l.append(rec[3])
        br_l.append(np.asarray(rec[4], dtype=object))
        pr_l.append(rec[5])
    pid = np.concatenate(pid_l)
    mm = np.concatenate(mm_l)
    wp = np.concatenate(wp_l)
    h = np.concatenate(h_l)
    br = np.concatenate(br_l)
    pr = np.concatenate(pr_l)
    # unique key (pnr, aar, mdr, workplace): the key month of a plan wins
    order = np.lexsort((pr, wp.astype(str), mm, pid))
    pid, mm, wp, h, br = pid[order], mm[order], wp[order], h[order], br[order]
    dup = np.r_[False, (pid[1:] == pid[:-1]) & (mm[1:] == mm[:-1]) & (wp[1:] == wp[:-1])]
    keep = ~dup
    pid, mm, wp, h, br = pid[keep], mm[keep], wp[keep], h[keep], br[keep]
    ctx.tables["bfl"] = pa.table(
        {
            "pnr": str_array(pnr(pid)),
            "aar": pa.array((mm // 12).astype(np.int32)),
            "mdr": pa.array((mm % 12 + 1).astype(np.int32)),
            "ajo_arbnr_senr": str_array(wp),
            "ajo_loentimer": pa.array(h.astype(np.float64)),
            "ajo_branche07": str_array(br),
        }
    )
    p["hours_key"] = np.zeros(len(p["cat"]))
    p["hours_key"][idx] = np.where(employed, key_total, 0)


def after_start(
    ctx: State, idx: np.ndarray, hours: np.ndarray, workplace: np.ndarray, branche: np.ndarray
) -> list[tuple]:
    """Employment after the rehab start of the employed deep plans ``idx`` (their pre-admission main job:
    workplace, DB07 code, hours ± 5): one row in the calendar month of the last week of each outcome window
    (months 0-6, METHOD §2) in which the course is not on benefits (the written DREAM by METHOD §2-3),
    before the person's death or emigration. A planted share has no job after the start (neither on
    benefits nor employed; `targets.NEITHER_BENEFITS_NOR_EMPLOYED_PCT` of the cohort courses). A
    person-month that is the key month (admission month - 2, METHOD §1.2) of any of the person's plans is
    never written, and the rows have the lowest priority of the de-duplication, so §1.2's employment, hours
    and industry are those without these rows."""
    r = ctx.rng["employment"]
    p = ctx.plans
    d = ctx.derived
    m = len(idx)
    pid = p["pid"][idx]
    cohort = p["cat"][idx] == COHORT
    off_3 = ~d["on_3"][idx]
    rate = NEITHER_BENEFITS_NOR_EMPLOYED_PCT / 100 / max(off_3[cohort].mean(), 1e-9) if cohort.any() else 0.0
    jobless = r.random(m) < rate
    ay, am, _ = ymd(p["adm"])
    key_months = np.unique(p["pid"] * 100_000 + ay * 12 + am - 1 - 2)
    exit_day = ctx.exit_day[pid]
    start_week = wcol(p["start"][idx])
    recs = []
    for month, end in OUTCOME_WINDOW_END_WEEK.items():
        week = start_week + end
        monday = WEEK0 + 7 * week
        y, mo, _ = ymd(monday)
        mm = y * 12 + mo - 1
        noise = np.round((r.random(m) - 0.5) * 10, 1)
        sel = (
            ~jobless
            & ~d[f"on_{month}"][idx]
            & (week < N_WEEKS)
            & (monday < exit_day)
            & ~np.isin(pid * 100_000 + mm, key_months)
        )
        recs.append(
            (
                idx[sel],
                mm[sel],
                workplace[sel],
                np.maximum(hours + noise, 1.0)[sel],
                branche[sel],
                np.full(sel.sum(), AFTER_START_PRIORITY),
            )
        )
    return recs
