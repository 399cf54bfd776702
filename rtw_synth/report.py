"""Calibration report: the generator's headline figures, computed from the written `_truth/` files only.

``python -m rtw_synth.report <out>`` prints them (with the report's value where it has one);
``benchmarks/generator.py --report`` prints them after a run and the tests assert on them.
Published targets are the report's (see README "What is calibrated to what").
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .seeds import load_seeds

PLAN_FROM = pd.Timestamp("2015-11-01")
PLAN_TO = pd.Timestamp("2017-12-31")
MIX = ("sickness_benefit", "unemployment_etc", "other")


def _pct(x: pd.Series) -> float:
    return float(100 * x.mean()) if len(x) else float("nan")


def crude_figures(courses: pd.DataFrame, seeds: dict[str, pd.DataFrame]) -> dict[str, float]:
    """The descriptive (crude) findings of Kap. 4-5, Bilag 2 Tables 2-4 (national rows) and the benefit mix
    (Bilag 3 Figur 2.1) on the intended cohort, as the warehouse measures them (on benefits = METHOD §3 on
    the written DREAM; courses excluded at a month left out of it). ``crude_targets`` has the report's."""
    coh = courses[courses["is_expected_in_cohort"]]
    r: dict[str, float] = {}
    for m in range(7):
        ok = coh[~coh[f"derived_excluded_m{m}"]]
        if m in (0, 3, 6):
            r[f"share_m{m}_pct"] = _pct(ok[f"derived_on_benefits_m{m}"])
        if m > 0:
            on = ok[ok[f"derived_on_benefits_m{m}"]]
            r[f"persistence_m{m}_pct"] = _pct(on[f"derived_on_since_start_m{m}"])
    c3 = coh[~coh["derived_excluded_m3"]]
    y = c3["derived_on_benefits_m3"]
    none_before = c3["benefit_weeks_before_start"] == "0"
    r["no_weeks_before_among_on_3m_pct"] = _pct(none_before[y])
    r["no_weeks_before_among_off_3m_pct"] = _pct(none_before[~y])
    db = seeds["db07_divisions"].drop_duplicates("regression_group").set_index("regression_group")
    dg = seeds["diagnosis_groups"].drop_duplicates("diagnosis_group").set_index("diagnosis_group")
    ind = c3["industry"]
    joint = c3["diagnosis_group"].map(dg["joint_size"])
    groups = {
        "women": c3["sex_woman"] == "yes",
        "men": c3["sex_woman"] == "no",
        "under50": c3["age"] < 50,
        "over50": c3["age"] >= 50,
        "physically_demanding": ind.map(db["physical_demand"]) == "physically_demanding",
        "large_joint": joint == "large",
        "small_joint": joint == "small",
        "construction": ind.map(db["report_group"]) == "Bygge og anlæg",
        "finance_knowledge": ind.map(db["report_group"]) == "Finans, forsik., lib. videnskab mv.",
        "operated": c3["operation"] == "yes",
        "not_operated": c3["operation"] == "no",
    }
    for name, sel in groups.items():
        r[f"{name}_on_3m_pct"] = _pct(y[sel])
    for m in (0, 3, 6):
        on = coh[coh[f"derived_on_benefits_m{m}"] & ~coh[f"derived_excluded_m{m}"]]
        for g in MIX:
            r[f"mix_m{m}_{g}_pct"] = _pct(on[f"benefit_mix_m{m}"] == g)
    return r


def crude_targets(seeds: dict[str, pd.DataFrame]) -> dict[str, float]:
    """The report's value of the keys of ``crude_figures`` it publishes (published seeds: headline figures,
    Bilag 2 Tables 2-4 national rows)."""
    h = seeds["published_headline_figures"].set_index("figure")["value"].astype(float)
    nat = "Landsgennemsnit"
    t3 = seeds["published_bilag2_table3_persistence"].set_index("municipality").loc[nat]
    t4 = seeds["published_bilag2_table4_characteristics"].set_index("municipality").loc[nat]
    t2 = seeds["published_bilag2_table2_trajectory"].set_index("municipality").loc[nat]
    r = {
        "share_m0_pct": float(t2["start_pct"]),
        "share_m3_pct": float(t2["month3_pct"]),
        "share_m6_pct": float(t2["month6_pct"]),
    }
    for m in range(1, 7):
        r[f"persistence_m{m}_pct"] = float(t3[f"m{m}_pct"])
    r["no_weeks_before_among_on_3m_pct"] = h["share_on_benefits_3m_without_benefits_before_start"]
    r["no_weeks_before_among_off_3m_pct"] = h["share_off_benefits_3m_without_benefits_before_start"]
    for name, col in (
        ("women", "women_pct"),
        ("men", "men_pct"),
        ("under50", "under50_pct"),
        ("over50", "over50_pct"),
        ("physically_demanding", "physically_demanding_pct"),
        ("large_joint", "large_joint_diagnosis_pct"),
    ):
        r[f"{name}_on_3m_pct"] = float(t4[col])
    for name in ("small_joint", "construction", "finance_knowledge", "operated", "not_operated"):
        r[f"{name}_on_3m_pct"] = h[f"{name}_on_benefits_3_months"]
    r["mix_m0_sickness_benefit_pct"] = h["sickness_benefit_share_of_recipients_at_start"]
    r["mix_m3_sickness_benefit_pct"] = h["sickness_benefit_share_of_recipients_3_months"]
    r["mix_m3_unemployment_etc_pct"] = h["unemployment_etc_share_of_recipients_3_months"]
    r["mix_m3_other_pct"] = h["other_benefits_share_of_recipients_3_months"]
    r["mix_m6_sickness_benefit_pct"] = h["sickness_benefit_share_of_recipients_6_months"]
    return r


def calibration_report(out: Path, seeds_dir: Path | None = None) -> dict[str, float]:
    truth = Path(out) / "_truth"
    courses = pd.read_parquet(truth / "courses.parquet")
    plans = pd.read_parquet(truth / "plans.parquet")
    eff = pd.read_parquet(truth / "municipality_effects.parquet")
    seeds = load_seeds(seeds_dir)
    r: dict[str, float] = {}
    dis = pd.to_datetime(plans["discharge_date"])
    considered = plans[(dis >= PLAN_FROM) & (dis <= PLAN_TO)]
    r["persons_with_plan"] = float(considered["pnr"].nunique())
    r["plans"] = float(len(considered))
    r["msk_share_plans_pct"] = _pct(considered["is_msk"])
    r["msk_share_persons_pct"] = _pct(considered.groupby("pnr")["is_msk"].any())
    coh = courses[courses["is_expected_in_cohort"]]
    r["analysed_courses"] = float(len(coh))
    r["persons_twice"] = float((coh.groupby("pnr").size() >= 2).sum())
    r.update(crude_figures(courses, seeds))
    # ages of the plans around the age rule (plans of every category with an age at rehab start)
    ages = courses["age"]
    r["courses_age_17"] = float((ages == 17).sum())
    r["courses_age_65"] = float((ages == 65).sum())
    # per municipality vs Bilag 2 Tables 1 and 2 (published municipalities with analysed courses)
    coh = coh.merge(eff[["kom_kode", "kom_navn", "effect"]], on="kom_kode", how="left")
    coh["expected_p"] = 1 / (1 + np.exp(-(coh["true_linear_predictor"] - coh["effect"])))
    ok6 = ~coh["derived_excluded_m6"]
    coh["on6"] = np.where(ok6, coh["derived_on_benefits_m6"].astype(float), np.nan)
    g = coh.groupby("kom_navn").agg(
        n=("pnr", "size"),
        actual=("on_benefits_3m", "mean"),
        expected=("expected_p", "mean"),
        start=("derived_on_benefits_m0", "mean"),
        m6=("on6", "mean"),
    )
    g[["actual", "expected", "start", "m6"]] *= 100
    t1 = seeds["published_bilag2_table1_benchmark"].set_index("municipality")
    t2 = seeds["published_bilag2_table2_trajectory"].set_index("municipality")
    t1 = t1.drop(index="Landsgennemsnit", errors="ignore").apply(pd.to_numeric, errors="coerce")
    t2 = t2.drop(index="Landsgennemsnit", errors="ignore").apply(pd.to_numeric, errors="coerce")
    j1 = g.join(t1, how="inner")
    r["t1_municipalities"] = float(len(j1))
    r["t1_mad_actual_pp"] = float((j1["actual"] - j1["actual_pct"]).abs().mean())
    r["t1_mad_expected_pp"] = float((j1["expected"] - j1["expected_pct"]).abs().mean())
    ind = j1["actual"] - j1["expected"]
    r["t1_mad_indicator_pp"] = float((ind - j1["indicator_pp"]).abs().mean())
    r["t1_corr_expected"] = float(np.corrcoef(j1["expected"], j1["expected_pct"])[0, 1])
    j2 = g.join(t2, how="inner")
    r["t2_municipalities"] = float(len(j2))
    r["t2_mad_start_pp"] = float((j2["start"] - j2["start_pct"]).abs().mean())
    r["t2_mad_m6_pp"] = float((j2["m6"] - j2["month6_pct"]).abs().mean())
    return r


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m rtw_synth.report <out folder>", file=sys.stderr)
        return 2
    target = crude_targets(load_seeds())
    for k, v in calibration_report(Path(argv[0])).items():
        print(f"{k:36s} {v:12.2f}" + (f"   report {target[k]:8.1f}" if k in target else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
