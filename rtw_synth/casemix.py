"""The case-mix of each plan (METHOD §4): drawn, then the covariates the warehouse will derive (age band,
density, general-plan share band, measurement month), and the design matrix of the outcome model."""

from __future__ import annotations

import numpy as np

from .joint import binary_given, draw_given
from .model import BANDED
from .persons import age_score
from .state import State
from .targets import (
    BENEFIT_WEEKS_SUB_PCT,
    BENEFIT_WEEKS_YEAR_INCOME,
    BENEFIT_WEEKS_YEAR_PCT,
    DIAGNOSIS,
    FULL_TIME_WOMAN,
    GP_CONTACTS_PCT,
    HOSPITAL_DAYS_ACUTE,
    HOSPITAL_DAYS_OPERATED,
    HOSPITAL_DAYS_PCT,
    INDUSTRY_EDUCATION,
    INDUSTRY_PCT,
    INDUSTRY_WOMAN,
    SHARE_FULL_TIME,
    SHARE_OPERATED,
    SHARE_PHYSIO,
    SPECIALTY_PCT,
)
from .weeks import age_at, band, wcol, ymd


def draw_casemix(ctx: State) -> None:
    """The plan-level case-mix, jointly (joint.py): diagnosis given age, operation given diagnosis, acute
    admission given diagnosis, hospital contact days given operation and acute admission, industry given sex
    and education, full time given sex, benefit weeks in the year before given income; then the encoding of
    contact days into stay and outpatient visits."""
    r = ctx.rng["casemix"]
    p = ctx.plans
    pe = ctx.persons
    c = ctx.codes
    n = len(p["cat"])
    pid = p["pid"]
    ab, score, working = age_score(age_at(pe["birth"][pid], p["start"]))
    dg = np.array([DIAGNOSIS[g] for g in ctx.model.diag_levels])  # percent, age slope, operation rate
    diag = draw_given(r, dg[:, 0], [(ab, np.outer(score, dg[:, 1]))], working)
    p["diag_group"] = diag
    msk_letter = np.array(
        [any(str(x)[:2] in ("DM", "DS", "DT") for x in c.diag_cats[g][:1]) for g in range(21)]
    )
    p["dz_admin"] = msk_letter[diag] & (r.random(n) < 0.05)
    op_rate = dg[:, 2]
    p["operation"] = binary_given(r, SHARE_OPERATED, [(diag, np.log(op_rate / (1 - op_rate)))], working)
    p["acute"] = r.random(n) < np.where((diag >= 10) & (diag <= 18), 0.65, 0.12)
    p["physio"] = r.random(n) < SHARE_PHYSIO
    p["hdays_band"] = draw_given(
        r,
        np.array(HOSPITAL_DAYS_PCT, dtype=float),
        [
            (p["operation"].astype(int), np.stack([np.zeros(4), HOSPITAL_DAYS_OPERATED])),
            (p["acute"].astype(int), np.stack([np.zeros(4), HOSPITAL_DAYS_ACUTE])),
        ],
    )
    woman = pe["woman"][pid].astype(int)
    levels = ctx.model.industry_levels
    edu_levels = BANDED["education"]
    ind_woman = np.array([INDUSTRY_WOMAN.get(lv, 0.0) for lv in levels])
    ind_edu = np.array([[INDUSTRY_EDUCATION.get(e, {}).get(lv, 0.0) for lv in levels] for e in edu_levels])
    p["industry"] = draw_given(
        r,
        np.array([INDUSTRY_PCT.get(lv, 1) for lv in levels], dtype=float),
        [(woman, np.stack([np.zeros(len(levels)), ind_woman])), (pe["education"][pid], ind_edu)],
    )
    p["full_time"] = binary_given(r, SHARE_FULL_TIME, [(woman, np.array([0.0, FULL_TIME_WOMAN]))])
    p["specialty"] = r.choice(4, size=n, p=np.array(SPECIALTY_PCT) / 100)
    p["gp_band"] = r.choice(4, size=n, p=np.array(GP_CONTACTS_PCT) / 100)
    p["bwyear_band"] = draw_given(
        r, np.array(BENEFIT_WEEKS_YEAR_PCT, dtype=float), [(pe["income"][pid], BENEFIT_WEEKS_YEAR_INCOME)]
    )
    # stay and visits -> hospital contact days
    tot_lo = np.array([1, 4, 6, 11])[p["hdays_band"]]
    tot_hi = np.array([3, 5, 10, 16])[p["hdays_band"]]
    total = tot_lo + (r.random(n) * (tot_hi - tot_lo + 1)).astype(int)
    inpatient = (r.random(n) < 0.75) | (p["hdays_band"] == 3)
    stay = np.where(inpatient, np.minimum(total, r.integers(1, 4, size=n)), 1)
    stay = np.where(p["hdays_band"] == 3, r.integers(4, 11, size=n), stay)
    stay = np.where(p["deep"], stay, np.where(inpatient, r.integers(1, 6, size=n), 1))
    p["inpatient"] = inpatient
    p["adm"] = p["disch"] - (stay - 1)
    p["visits"] = np.where(p["deep"], np.maximum(total - stay, 0), 0)
    p["hdays"] = stay + p["visits"]
    # benefit weeks before start (window adm-9 ... start): the sub-band if positive; whether positive is
    # decided in draw_outcome (per municipality, calibrated to Bilag 2 Table 1's expected share)
    dweeks = wcol(p["start"]) - wcol(p["adm"])
    sub = r.choice(3, size=n, p=np.array(BENEFIT_WEEKS_SUB_PCT) / 100) + 1
    p["bw_sub"] = np.where((sub == 3) & (dweeks < 1), 2, sub)
    p["bw_band"] = np.zeros(n, dtype=int)
    p["dweeks"] = dweeks


# ------------------------------------------------------------------ covariates as the warehouse derives them


def derive_covariates(ctx: State) -> None:
    """Age at start and its band, start year, density band, general-plan share band, measurement month."""
    p = ctx.plans
    pe = ctx.persons
    pid = p["pid"]
    mun = ctx.mun
    age = age_at(pe["birth"][pid], p["start"])
    p["age"] = age
    p["age_band"] = np.clip(band(age, [26, 31, 41, 46, 51, 56, 61]), 0, 7)
    sy, _, _ = ymd(p["start"])
    p["start_year"] = sy
    dens = np.where(
        sy >= 2017, mun["density2017"].to_numpy()[p["kom"]], mun["density2016"].to_numpy()[p["kom"]]
    )
    p["density_band"] = np.where(dens <= 100, 0, np.where(dens <= 500, 1, np.where(dens <= 1000, 2, 3)))
    # general-plan share as the warehouse measures it: all plans discharged in the year by the
    # residence (BEF, 1 January) of that year; the course takes its start year's share
    nk = len(mun)
    dy = ymd(p["disch"])[0]
    rk = residence(ctx, pid, dy)
    cell = rk * 3 + np.clip(dy - 2015, 0, 2)
    inr = (dy >= 2015) & (dy <= 2017)
    tot = np.bincount(cell[inr], minlength=nk * 3)
    gen = np.bincount(cell[inr], weights=(p["ptype"][inr] == 0).astype(float), minlength=nk * 3)
    sc = residence(ctx, pid, sy) * 3 + np.clip(sy - 2015, 0, 2)
    t, g = tot[sc], gen[sc]
    p["genshare_band"] = np.where(
        t == 0, 0, (100 * g >= 85 * t).astype(int) + (100 * g >= 90 * t) + (100 * g >= 95 * t)
    )
    _, mm, _ = ymd(p["start"] + 91)
    p["meas_month"] = mm - 1


def residence(ctx: State, pid: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Residence municipality (index) of persons in a year's BEF row (movers: before the start year)."""
    pe = ctx.persons
    start_y = ymd(pe["ref_day"][pid])[0]
    return np.where(pe["mover"][pid] & (year < start_y), pe["move_from"][pid], pe["kom"][pid])


def x_matrix(ctx: State, idx: np.ndarray) -> dict[str, np.ndarray]:
    """The outcome model's variables (level indices) of the plans ``idx``."""
    p = ctx.plans
    pe = ctx.persons
    pid = p["pid"][idx]
    return {
        "diagnosis_group": p["diag_group"][idx],
        "physio_contact": p["physio"][idx].astype(int),
        "operation": p["operation"][idx].astype(int),
        "hospital_days": p["hdays_band"][idx],
        "acute": p["acute"][idx].astype(int),
        "full_time": p["full_time"][idx].astype(int),
        "sex_woman": pe["woman"][pid].astype(int),
        "age_group": p["age_band"][idx],
        "cohabiting": pe["cohab"][pid].astype(int),
        "origin": pe["origin"][pid],
        "income": pe["income"][pid],
        "education": pe["education"][pid],
        "industry": p["industry"][idx],
        "specialty": p["specialty"][idx],
        "general_plan_share": p["genshare_band"][idx],
        "density": p["density_band"][idx],
        "gp_contacts": p["gp_band"][idx],
        "psychiatric": pe["psych"][pid].astype(int),
        "comorbidity": pe["comorb"][pid].astype(int),
        "benefit_weeks_before_start": p["bw_band"][idx],
        "benefit_weeks_year_before": p["bwyear_band"][idx],
        "measurement_month": p["meas_month"][idx],
        "start_year": (p["start_year"][idx] >= 2017).astype(int),
    }
