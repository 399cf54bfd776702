"""The truth files in <out>/_truth/: coefficients, municipality effects, courses, plans, GES quality."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .casemix import x_matrix
from .categories import (
    CAT_NAMES,
    COHORT,
    CUT,
    DEATH,
    EMIG,
    HOURS,
    LATE,
    NOJOB,
    NOLINK,
    REP_CLOSE,
    REP_VALID,
    SINGLE,
    Y2015,
    Y2018,
)
from .model import sigmoid
from .state import State, pnr
from .weeks import ymd
from .writer import date_array, str_array


def build_truth(ctx: State) -> None:
    p = ctx.plans
    dv = ctx.derived
    idx = ctx.truth_idx
    mun = ctx.mun
    kom_codes = mun["kom"].to_numpy()
    coef = ctx.model.coefficient_table(ctx.intercept)
    ctx.truth["coefficients"] = pa.Table.from_pandas(coef, preserve_index=False)
    ctx.truth["municipality_effects"] = pa.table(
        {
            "kom_kode": pa.array(kom_codes.astype(np.int32)),
            "kom_navn": str_array(mun["kom_navn"].to_numpy()),
            "effect": pa.array(ctx.kom_effect.astype(np.float64)),
            "linkage_rate": pa.array(mun["linkage_rate"].to_numpy(dtype=np.float64)),
            "general_plan_share": pa.array(mun["general_share"].to_numpy(dtype=np.float64)),
            "cohort_2016": pa.array(ctx.cohort_cells[:, 0].astype(np.int32)),
            "cohort_2017": pa.array(ctx.cohort_cells[:, 1].astype(np.int32)),
            "quality_fail_2016": pa.array(mun["quality_fail2016"].to_numpy(dtype=bool)),
            "quality_fail_2017": pa.array(mun["quality_fail2017"].to_numpy(dtype=bool)),
        }
    )
    cat = p["cat"][idx]
    q = np.stack([mun["quality_fail2016"].to_numpy(), mun["quality_fail2017"].to_numpy()], axis=1)
    sy = p["start_year"][idx]
    yi = np.clip(sy - 2016, 0, 1)
    qfail = q[p["kom"][idx], yi]
    # the designed reason = the first rule of METHOD §1 the plan fails, in METHOD's order (rules 3 and 9
    # as the written DREAM gives them); expected in cohort = passes 1-9 and its municipality-year passes
    # §5 with the intended counts (thresholds scaled, design.thresholds)
    age_ok = (p["age"][idx] >= 18) & (p["age"][idx] <= 64)
    names = np.array(CAT_NAMES, dtype=object)
    steps = [
        (np.isin(cat, [NOJOB, HOURS]), names[cat]),
        (dv["weeks_7_9"][idx] > 1, "benefits_2_of_weeks_7_9"),
        (np.isin(cat, [NOLINK, LATE, SINGLE, CUT]), names[cat]),
        (np.isin(cat, [Y2015, Y2018]), names[cat]),
        (~age_ok, "age_outside_18_64"),
        (np.isin(cat, [DEATH, EMIG]), names[cat]),
        (cat == REP_CLOSE, "repeat_too_close"),
        (dv["excl_3"][idx], "undeterminable_benefit_3m"),
    ]
    reason = np.full(len(idx), "", dtype=object)
    done = np.zeros(len(idx), dtype=bool)
    for fail, why in steps:
        hit = fail & ~done
        reason = np.where(hit, why, reason)
        done |= hit
    expected = ~done & ctx.expected_mask[idx]
    in_cohort_rules = ~done & np.isin(cat, [COHORT, REP_VALID])
    reason = np.where(in_cohort_rules & qfail, "municipality_quality_sds", reason)
    reason = np.where(in_cohort_rules & ~qfail & ~expected, "municipality_small_numbers", reason)
    prob = p["prob"][idx]
    drawn = np.where(np.isfinite(prob), p["y3"][idx], dv["on_3"][idx])
    # the probability from the bands as written (differs from the drawn one only where extra benefit
    # weeks were painted after the draw: the benefit weeks 7-9 exclusions)
    xd = x_matrix(ctx, idx)
    xd["benefit_weeks_before_start"] = p["bw_band_derived"][idx]
    xd["benefit_weeks_year_before"] = p["bwyear_band_derived"][idx]
    lp = ctx.intercept + ctx.model.linear_predictor(xd) + ctx.kom_effect[p["kom"][idx]]
    prob = np.where(np.isfinite(prob), sigmoid(lp), np.nan)
    x = x_matrix(ctx, idx)
    # benefit-week bands as written in DREAM (equal to the drawn ones for every painted course)
    x["benefit_weeks_before_start"] = p["bw_band_derived"][idx]
    x["benefit_weeks_year_before"] = p["bwyear_band_derived"][idx]
    cols = {
        "pnr": str_array(pnr(p["pid"][idx])),
        "recnum": str_array(p["recnum"][idx]),
        "kom_kode": pa.array(kom_codes[p["kom"][idx]].astype(np.int32)),
        "admission_date": date_array(p["adm"][idx]),
        "discharge_date": date_array(p["disch"][idx]),
        "rehab_start": date_array(p["start"][idx]),
        "start_year": pa.array(sy.astype(np.int32)),
        "age": pa.array(p["age"][idx].astype(np.int32)),
    }
    for var, v in x.items():
        levels = ctx.model.levels[var]
        cols[var] = str_array(np.asarray(levels, dtype=object)[v])
    cols.update(
        {
            "hospital_contact_days": pa.array(p["hdays"][idx].astype(np.int32)),
            "paid_hours_key_month": pa.array(p["hours_key"][idx].astype(np.float64)),
            "benefit_weeks_before_start_n": pa.array(dv["bw_before"][idx].astype(np.int32)),
            "benefit_weeks_year_before_n": pa.array(dv["bw_year"][idx].astype(np.int32)),
            "benefit_weeks_7_9": pa.array(dv["weeks_7_9"][idx].astype(np.int32)),
            "true_linear_predictor": pa.array(np.log(prob / (1 - prob)), mask=~np.isfinite(prob)),
            "true_probability_3m": pa.array(prob, mask=~np.isfinite(prob)),
            "on_benefits_3m": pa.array(drawn),
        }
    )
    for mth in range(7):
        cols[f"derived_on_benefits_m{mth}"] = pa.array(dv[f"on_{mth}"][idx])
        cols[f"derived_excluded_m{mth}"] = pa.array(dv[f"excl_{mth}"][idx])
        cols[f"derived_on_since_start_m{mth}"] = pa.array(dv[f"pers_{mth}"][idx])
    mixname = np.array(["", "sickness_benefit", "unemployment_etc", "other"], dtype=object)
    cols["benefit_mix_m0"] = str_array(mixname[dv["mix_0"][idx]])
    cols["benefit_mix_m3"] = str_array(mixname[dv["mix_3"][idx]])
    cols["benefit_mix_m6"] = str_array(mixname[dv["mix_6"][idx]])
    cols["is_expected_in_cohort"] = pa.array(expected)
    cols["designed_exclusion_reason"] = str_array(reason)
    cols["course_number"] = pa.array((p["seq"][idx] + 1).astype(np.int32))
    ctx.truth["courses"] = pa.table(cols)
    # plans of every kind (incl. non-MSK, specialised, not linked)
    ctx.truth["plans"] = pa.table(
        {
            "pnr": str_array(pnr(p["pid"])),
            "recnum": str_array(p["recnum"]),
            "admission_date": date_array(p["adm"]),
            "discharge_date": date_array(p["disch"]),
            "age_at_start": pa.array(p["age"].astype(np.int32)),
            "kom_kode": pa.array(kom_codes[p["kom"]].astype(np.int32)),
            "category": str_array(np.array(CAT_NAMES, dtype=object)[p["cat"]]),
            "plan_type": str_array(
                np.array(["general", "specialised", "specialised_rehabilitation"], dtype=object)[p["ptype"]]
            ),
            "is_msk": pa.array(p["msk"]),
            "linked": pa.array(p["linked"] == 1),
        }
    )
    # GES quality per municipality-year, as METHOD §5.1-2 judges it
    s = ctx.ges
    y, m, _ = ymd(s["day"])
    rows = []
    nk = len(mun)
    for yy in (2016, 2017):
        sel = y == yy
        cell = s["kom"][sel] * 12 + (m[sel] - 1)
        svc = np.bincount(cell, minlength=nk * 12).reshape(nk, 12)
        pp = np.unique(np.stack([cell, p["pid"][s["plan"][sel]]], axis=1), axis=0)
        per = np.bincount(pp[:, 0], minlength=nk * 12).reshape(nk, 12)
        a = np.where(per > 0, svc / np.maximum(per, 1), np.nan)
        ratio = a[:, 1:] / a[:, :-1]
        swings = np.nansum((ratio > 1.4) | (ratio < 0.6), axis=1)
        months = (svc > 0).sum(axis=1)
        for k in range(nk):
            rows.append((int(kom_codes[k]), yy, int(months[k]), int(swings[k])))
    gq = pd.DataFrame(rows, columns=["kom_kode", "year", "months_with_services", "swings"])
    gq["passes_quality"] = (gq["months_with_services"] == 12) & (gq["swings"] <= 1)
    ctx.truth["ges_quality"] = pa.Table.from_pandas(gq, preserve_index=False)
