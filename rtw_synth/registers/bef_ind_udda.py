"""BEF (population, 1 January), IND (income) and UDDA (education) from the persons."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..categories import EMIG
from ..codes import choice_by
from ..model import BANDED
from ..state import State, pnr
from ..weeks import YEARS, age_at, day, month_start, ymd
from ..writer import date_array, str_array


def write(ctx: State) -> None:
    r = ctx.rng["persons"]
    c = ctx.codes
    pe = ctx.persons
    n = ctx.n_pers
    kom_codes = ctx.mun["kom"].to_numpy()
    ny = len(YEARS)
    pid = np.repeat(np.arange(n), ny)
    yr = np.tile(YEARS, n)
    start_y = ymd(pe["ref_day"])[0]
    kom = pe["kom"][pid]
    moved = pe["mover"][pid] & (yr < start_y[pid])
    kom = np.where(moved, pe["move_from"][pid], kom)
    # alive, born and resident on 1 January
    exit_day = np.full(n, day("2099-01-01"))
    p = ctx.plans
    xs = np.flatnonzero(p["exit_day"] >= 0)
    exit_day[p["pid"][xs]] = p["exit_day"][xs]
    bgx = np.flatnonzero(r.random(n) < 0.004)
    bgx = bgx[pe["first"][bgx] < 0]  # background persons only: plan persons keep their BEF rows
    exit_day[bgx] = day("2016-01-01") + r.integers(0, 1460, size=len(bgx))
    ctx.exit_day = exit_day
    ctx.exit_is_death = np.ones(n, dtype=bool)
    emig = p["pid"][xs][p["cat"][xs] == EMIG]
    ctx.exit_is_death[emig] = False
    jan1 = month_start(yr, np.ones_like(yr))
    keep = (pe["birth"][pid] <= jan1) & (exit_day[pid] > jan1)
    pid, yr, kom = pid[keep], yr[keep], kom[keep]
    cohab = pe["cohab"][pid]
    kind = r.integers(0, 3, size=n)[pid]
    fam_c = np.where(yr >= 2016, np.array([1, 3, 7])[kind], np.array([1, 3, 4])[kind])
    fam_s = np.where(yr >= 2016, 9, 5)
    fam = np.where(cohab, fam_c, fam_s)
    fam = np.where(
        age_at(pe["birth"][pid], month_start(yr, np.ones_like(yr))) < 18, np.where(yr >= 2016, 10, 5), fam
    )
    org = pe["origin"][pid]
    ie = np.where(org == 0, 1, np.where(r.random(n)[pid] < 0.7, 2, 3))
    land = np.full(n, c.denmark)
    for g, name in ((1, "western"), (2, "non_western")):
        sel = pe["origin"] == g
        pool = c.country[name]
        land[sel] = pool[r.integers(0, len(pool), size=sel.sum())]
    ctx.tables["bef"] = pa.table(
        {
            "pnr": str_array(pnr(pid)),
            "aar": pa.array(yr.astype(np.int32)),
            "koen": pa.array(np.where(pe["woman"][pid], 2, 1).astype(np.int32)),
            "foed_dag": date_array(pe["birth"][pid]),
            "kom": pa.array(kom_codes[kom].astype(np.int32)),
            "familie_type": pa.array(fam.astype(np.int32)),
            "ie_type": pa.array(ie.astype(np.int32)),
            "opr_land": pa.array(land[pid].astype(np.int32)),
        }
    )
    # income: band kept every year (a margin of 2,000 DKK from the band limits)
    pid = np.repeat(np.arange(n), 5)
    yr = np.tile(np.arange(2014, 2019), n)
    lo = np.array([-20000, 202000, 302000, 402000])[pe["income"][pid]]
    hi = np.array([198000, 298000, 398000, 900000])[pe["income"][pid]]
    inc = np.round(lo + r.random(len(pid)) * (hi - lo), 0)
    ctx.tables["ind"] = pa.table(
        {
            "pnr": str_array(pnr(pid)),
            "aar": pa.array(yr.astype(np.int32)),
            "dispon_13": pa.array(inc.astype(np.float64)),
        }
    )
    # education: highest completed, constant; 'øvrige' = a code not in the seed or no row
    levels = BANDED["education"]
    pools = [c.edu_by_level[lv] if lv != "øvrige" else c.edu_other for lv in levels]
    code = choice_by(r, pools, pe["education"])
    pid = np.repeat(np.arange(n), 4)
    yr = np.tile(np.arange(2015, 2019), n)
    ctx.tables["udda"] = pa.table(
        {
            "pnr": str_array(pnr(pid)),
            "aar": pa.array(yr.astype(np.int32)),
            "hfaudd": str_array(code[pid]),
        }
    )
