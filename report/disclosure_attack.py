"""Attack the public marts as a reader would; list every derivable count of 1..5 persons (METHOD §7).

    python -m report.disclosure_attack --db data/rtw_benchmark.duckdb     # the warehouse's publication schema
    python -m report.disclosure_attack --marts data/marts                 # the Parquet exports

Written from the reader's side, independently of the suppression models: it knows only the published marts,
the public code lists (seeds) and how the published figures add up. Every published count is a known cell,
every share x its published denominator gives a known numerator; the cells a reader cannot see (complements,
the other level of a group, persons lost between months, ...) are unknowns. The relations are linear
equations (a total = the sum of its parts): national = the municipalities; women + men = everyone = under 50
+ 50 or over; a group + its other level = everyone; the levels of a characteristic = the national total;
diagnosis groups = their joint size; persons = on + off benefits; on benefits = since start + not = the three
benefit groups; persons at start = at 3 months + lost = at 6 months + lost; since start at m = at m + 1 +
stopped; plans = linked + not linked; a Tabel 3.3 characteristic's levels = its known total = the national
plans - unknown; the attrition flow; a Tabel 1.1 list's sum; a region (Figur 6.1) = its published
municipalities; the plan flow (all diagnoses = MSK + not MSK, MSK = working age + other; MSK persons = the
attrition's first step); Figur 5.1's bands = those on / not on benefits. The attack solves all equations at
once
(propagation, peeling, exact row reduction of the rest) and reports every unknown cell the equations
determine whose value is 1..5, every published count of 1..5, and every rank, interval, quintile or flag
shown for a unit without a published actual share or with a gap in the ranks.

Cohort periods: every public mart carries ``cohort_period`` (its first key). Each period's rows are a
publication of their own (their counts are the period's persons; no published count covers several periods,
so no equation links two periods), and the attack is run on each period's rows separately; a finding names
its period.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import duckdb
import pandas as pd

MAX_PERSONS = 5
SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "codes"
TRAJECTORY_MONTHS = (0, 3, 6)
MONTHS = tuple(range(7))
HEADLINE = 3
TABLE4_GROUPS = {  # column suffix -> (breakdown, level); the other level of a one-level group is "other"
    "physically_demanding": ("physical_demand", "physically_demanding"),
    "large_joint": ("large_joint", "large"),
    "women": ("sex", "women"),
    "men": ("sex", "men"),
    "under50": ("age50", "under50"),
    "over50": ("age50", "over50"),
}


@dataclass
class Knowledge:
    """Known cell values, equations (total, parts) and direct findings."""

    known: dict[tuple, float] = field(default_factory=dict)
    equations: list[tuple[tuple, list[tuple]]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)

    def count(self, key: tuple, value: object, source: str) -> None:
        if value is None or pd.isna(value):
            return
        value = float(value)
        if 1 <= value <= MAX_PERSONS:
            self.findings.append(f"published count of {value:g} persons: {source} {key}")
        self.known[key] = value

    def share(self, key: tuple, share: object, denominator: object, source: str) -> None:
        if share is None or pd.isna(share) or denominator is None or pd.isna(denominator):
            return
        self.count(key, round(float(share) * float(denominator) / 100.0), f"{source} (share x denominator)")

    def equation(self, total: tuple, parts: list[tuple]) -> None:
        self.equations.append((total, parts))


def area_of(row: pd.Series) -> str:
    if bool(row.get("is_national", False)):
        return "national"
    code = row.get("municipality_code")
    return "unknown" if code is None or pd.isna(code) else str(int(code))


def learn(marts: dict[str, pd.DataFrame]) -> Knowledge:
    """Everything a reader learns from the public marts."""
    k = Knowledge()
    areas: set[str] = set()
    national_levels: dict[str, set[str]] = defaultdict(set)

    def c(area: str, measure: str, breakdown: str = "all", level: str = "all", population: str = "courses"):
        return (population, area, breakdown, level, measure)

    # the headline cells (persons with a determinable outcome, on benefits): Tabel 1 and, per period, the
    # benchmark over time (METHOD §8.10), whose national trend is the national row
    t1 = marts.get("pub_bilag2_table1_benchmark")
    trend = marts.get("pub_national_trend")
    for source, frame in [
        ("Tabel 1", t1),
        ("over time", marts.get("pub_municipality_over_time")),
        ("national trend", None if trend is None else trend.assign(is_national=True)),
    ]:
        for _, r in (frame if frame is not None else pd.DataFrame()).iterrows():
            a = area_of(r)
            areas.add(a)
            k.count(c(a, f"det{HEADLINE}"), r["persons"], f"{source} persons")
            k.share(c(a, f"on{HEADLINE}"), r["actual_pct"], r["persons"], f"{source} actual")
    t2 = marts.get("pub_bilag2_table2_trajectory")
    if t2 is not None:
        for _, r in t2.iterrows():
            a = area_of(r)
            areas.add(a)
            for m in TRAJECTORY_MONTHS:
                k.count(c(a, f"det{m}"), r[f"persons_m{m}"], "Tabel 2 persons")
                k.share(c(a, f"on{m}"), r[f"on_benefits_m{m}_pct"], r[f"persons_m{m}"], "Tabel 2")
    t3 = marts.get("pub_bilag2_table3_persistence")
    if t3 is not None:
        for _, r in t3.iterrows():
            a = area_of(r)
            areas.add(a)
            for m in MONTHS:
                k.count(c(a, f"on{m}"), r[f"on_benefits_m{m}"], "Tabel 3 on benefits")
                k.share(c(a, f"since{m}"), r[f"since_start_m{m}_pct"], r[f"on_benefits_m{m}"], "Tabel 3")
    t4 = marts.get("pub_bilag2_table4_characteristics")
    if t4 is not None:
        for _, r in t4.iterrows():
            a = area_of(r)
            areas.add(a)
            for g, (b, lv) in TABLE4_GROUPS.items():
                k.count(c(a, f"det{HEADLINE}", b, lv), r[f"persons_{g}"], f"Tabel 4 persons_{g}")
                k.share(c(a, f"on{HEADLINE}", b, lv), r[f"{g}_pct"], r[f"persons_{g}"], f"Tabel 4 {g}")
    groups = marts.get("pub_national_shares_by_group")
    if groups is not None:
        for _, r in groups.iterrows():
            b, lv = r["characteristic"], r["level_name"]
            b = "large_joint_detail" if b == "joint_size" else b
            national_levels[b].add(lv)
            k.count(c("national", f"det{HEADLINE}", b, lv), r["persons"], f"national shares {b}")
            k.share(
                c("national", f"on{HEADLINE}", b, lv),
                r["on_benefits_pct"],
                r["persons"],
                f"national shares {b}",
            )
    mix = marts.get("pub_national_benefit_mix")
    if mix is not None:
        for _, r in mix.iterrows():
            m = int(r["month_number"])
            k.count(c("national", f"on{m}"), r["recipients"], "benefit mix recipients")
            for g in ("sickness_benefit", "unemployment_etc", "other_benefit"):
                k.share(c("national", f"mix_{g}_{m}"), r[f"{g}_pct"], r["recipients"], "benefit mix")
            k.equation(
                c("national", f"on{m}"),
                [
                    c("national", f"mix_{g}_{m}")
                    for g in ("sickness_benefit", "unemployment_etc", "other_benefit")
                ],
            )
    monthly = marts.get("pub_national_monthly_shares")
    if monthly is not None:
        areas.add("national")
        for _, r in monthly.iterrows():
            m = int(r["month_number"])
            k.count(c("national", f"det{m}"), r["persons"], "monthly shares persons")
            k.count(c("national", f"on{m}"), r["on_benefits"], "monthly shares on benefits")
            k.share(c("national", f"on{m}"), r["on_benefits_pct"], r["persons"], "monthly shares")
            k.share(c("national", f"since{m}"), r["since_start_pct"], r["on_benefits"], "monthly since start")
    weeks = marts.get("pub_national_benefit_weeks_by_outcome")
    if weeks is not None:
        areas.add("national")
        b = "benefit_weeks_before_start"
        for _, r in weeks.iterrows():
            lv = str(r["weeks_band"])
            national_levels[b].add(lv)
            for kind, total_col, pct_col in (
                ("on", "on_benefits", "on_benefits_share_pct"),
                ("off", "off_benefits", "off_benefits_share_pct"),
            ):
                k.count(c("national", f"{kind}{HEADLINE}"), r[total_col], f"Figur 5.1 {total_col}")
                k.share(
                    c("national", f"{kind}{HEADLINE}", b, lv), r[pct_col], r[total_col], f"Figur 5.1 {lv}"
                )
    regions = marts.get("pub_region_shares")
    if regions is not None:
        for code, rows in regions.groupby("region_code"):
            members = rows[~rows["is_region_row"].astype(bool)]
            published = []
            for _, r in members.iterrows():
                a = str(int(r["municipality_code"]))
                areas.add(a)
                k.count(c(a, f"det{HEADLINE}"), r["persons"], "Figur 6.1 persons")
                k.share(c(a, f"on{HEADLINE}"), r["actual_pct"], r["persons"], "Figur 6.1")
                if pd.notna(r["persons"]):
                    published.append(a)
            region = rows[rows["is_region_row"].astype(bool)]
            if len(region):
                r = region.iloc[0]
                total = f"region:{int(code)}"
                k.count(c(total, f"det{HEADLINE}"), r["persons"], "Figur 6.1 region persons")
                k.share(c(total, f"on{HEADLINE}"), r["actual_pct"], r["persons"], "Figur 6.1 region")
                # the region's figures are over its published municipalities; whatever else it counts is
                # what a reader learns about the suppressed ones
                for measure in (f"det{HEADLINE}", f"on{HEADLINE}"):
                    rest = c(f"{total}:unpublished", measure)
                    k.equation(c(total, measure), [c(a, measure) for a in published] + [rest])
    flow = marts.get("pub_cohort_flow")
    if flow is not None:
        for _, r in flow.iterrows():
            year = str(r["discharge_year"])
            b = "all" if year == "all" else "discharge_year"

            def f(measure: str, b: str = b, year: str = year) -> tuple:
                return c("national", measure, b, year, "plan_flow")

            k.count(f("all_diagnoses"), r["persons_all_diagnoses"], "cohort flow")
            k.count(f("msk"), r["persons_msk"], "cohort flow")
            k.count(f("msk_working_age"), r["persons_msk_working_age"], "cohort flow")
            k.share(f("msk"), r["msk_pct"], r["persons_all_diagnoses"], "cohort flow MSK share")
            k.share(f("msk_working_age"), r["working_age_pct"], r["persons_msk"], "cohort flow working age")
            k.equation(f("all_diagnoses"), [f("msk"), f("not_msk")])
            k.equation(f("msk"), [f("msk_working_age"), f("msk_other_age")])
        # the persons with an MSK plan are the attrition's first step
        k.equation(
            c("national", "persons_in", "step", "01", "attrition"),
            [c("national", "msk", "all", "all", "plan_flow")],
        )
    fit = marts.get("pub_model_fit")
    if fit is not None:
        for _, r in fit.iterrows():
            if r["metric"] == "persons":
                k.count(c("national", f"det{int(r['horizon_month'])}"), r["value"], "model fit persons")
            elif r["metric"] == "events":
                k.count(c("national", f"on{int(r['horizon_month'])}"), r["value"], "model fit events")
    stability = marts.get("pub_rank_stability")
    if stability is not None:
        for _, r in stability.iterrows():
            a = str(int(r["municipality_code"]))
            k.count(c(a, "det3"), r["persons_m3"], "rank stability persons_m3")
            k.count(c(a, "det6"), r["persons_m6"], "rank stability persons_m6")
    top = marts.get("pub_table1_1_top_bottom")
    if top is not None and t1 is not None:
        codes = dict(zip(t1["municipality_name"], t1["municipality_code"], strict=False))
        for name, rows in top.groupby("list_name"):
            listed = rows[rows["list_position"].notna()]
            parts = []
            for _, r in listed.iterrows():
                a = str(int(codes[r["municipality_name"]]))
                k.count(c(a, f"det{HEADLINE}"), r["persons"], "Tabel 1.1 persons")
                parts.append(c(a, f"det{HEADLINE}"))
            average = rows[rows["list_position"].isna()]
            if len(average):
                k.count(
                    c(f"list:{name}", f"det{HEADLINE}"), average["persons"].iloc[0], "Tabel 1.1 average row"
                )
                k.equation(c(f"list:{name}", f"det{HEADLINE}"), parts)
    t32 = marts.get("pub_table3_2_linkage_rates")
    plan_areas: set[str] = set()
    if t32 is not None:
        for _, r in t32.iterrows():
            a = area_of(r)
            plan_areas.add(a)
            k.count(c(a, "plans", population="plans"), r["considered_plans"], "Tabel 3.2 plans")
            k.share(c(a, "linked", population="plans"), r["linkage_pct"], r["considered_plans"], "Tabel 3.2")
    t33 = marts.get("pub_table3_3_linked_profile")
    if t33 is not None:
        for ch, rows in t33.groupby("characteristic"):
            for measure, total_col, pct_col in (
                ("linked", "linked_plans", "linked_pct"),
                ("not_linked", "not_linked_plans", "not_linked_pct"),
            ):
                known_total = c("national", measure, ch, "known", "plans")
                k.count(
                    known_total,
                    rows[total_col].dropna().iloc[0] if rows[total_col].notna().any() else None,
                    "Tabel 3.3 total",
                )
                parts = []
                for _, r in rows.iterrows():
                    key = c("national", measure, ch, r["level_name"], "plans")
                    k.share(key, r[pct_col], r[total_col], f"Tabel 3.3 {ch}")
                    parts.append(key)
                k.equation(known_total, parts)
                k.equation(
                    c("national", measure, population="plans"),
                    [known_total, c("national", measure, ch, "unknown", "plans")],
                )
            for lv in [*rows["level_name"], "known", "unknown"]:
                k.equation(
                    c("national", "plans", ch, lv, "plans"),
                    [c("national", "linked", ch, lv, "plans"), c("national", "not_linked", ch, lv, "plans")],
                )
    attrition = marts.get("pub_cohort_attrition")
    if attrition is not None:
        steps = attrition.sort_values("step_number")
        previous = None
        for _, r in steps.iterrows():
            s = f"{int(r['step_number']):02d}"
            for unit in ("courses", "persons"):
                for part in ("in", "out", "remaining"):
                    k.count(
                        c("national", f"{unit}_{part}", "step", s, "attrition"),
                        r[f"{unit}_{part}"],
                        "attrition",
                    )
                k.equation(
                    c("national", f"{unit}_in", "step", s, "attrition"),
                    [
                        c("national", f"{unit}_out", "step", s, "attrition"),
                        c("national", f"{unit}_remaining", "step", s, "attrition"),
                    ],
                )
                if previous is not None:
                    k.equation(
                        c("national", f"{unit}_in", "step", s, "attrition"),
                        [c("national", f"{unit}_remaining", "step", previous, "attrition")],
                    )
            previous = s
        if previous is not None:
            k.equation(
                c("national", "courses"), [c("national", "courses_remaining", "step", previous, "attrition")]
            )
            k.equation(c("national", "courses"), [c("national", "det0"), c("national", "undet0")])

    horizons = marts.get("pub_benchmark_horizons")
    if horizons is not None:
        for _, r in horizons.iterrows():
            a, m = area_of(r), int(r["horizon_month"])
            areas.add(a)
            k.count(c(a, f"det{m}"), r["persons"], f"benchmark {m} months persons")
            k.share(c(a, f"on{m}"), r["actual_pct"], r["persons"], f"benchmark {m} months actual")
    learn_sensitivity(k, marts.get("pub_sensitivity_summary"))

    # how the course cells add up, for every area a reader sees
    binary = {
        "sex": ["women", "men"],
        "age50": ["under50", "over50"],
        "physical_demand": ["physically_demanding", "other"],
        "large_joint": ["large", "other"],
    }
    h = HEADLINE
    for a in areas:
        for m in MONTHS:
            k.equation(c(a, f"det{m}"), [c(a, f"on{m}"), c(a, f"off{m}")])
            k.equation(c(a, f"on{m}"), [c(a, f"since{m}"), c(a, f"notsince{m}")])
            if m < MONTHS[-1]:
                k.equation(c(a, f"since{m}"), [c(a, f"since{m + 1}"), c(a, f"stopped{m}")])
        det_months = [m for m in MONTHS if c(a, f"det{m}") in k.known]
        for m1, m2 in pairwise(det_months):
            k.equation(c(a, f"det{m1}"), [c(a, f"det{m2}"), c(a, f"lost{m1}_{m2}")])
        for b, levels in binary.items():
            for measure in (f"det{h}", f"on{h}", f"off{h}"):
                k.equation(c(a, measure), [c(a, measure, b, lv) for lv in levels])
            for lv in levels:
                k.equation(c(a, f"det{h}", b, lv), [c(a, f"on{h}", b, lv), c(a, f"off{h}", b, lv)])
    # national = the municipalities, for every cell a municipality row can have
    municipal = sorted(x for x in areas if x != "national")
    area_keys = {
        key[2:]
        for key in list(k.known) + [x for t, ps in k.equations for x in [t, *ps]]
        if key[0] == "courses" and key[1] in municipal
    }
    for breakdown, level, measure in sorted(area_keys):
        k.equation(
            c("national", measure, breakdown, level), [c(a, measure, breakdown, level) for a in municipal]
        )
    plan_parts = sorted(x for x in plan_areas if x != "national")
    for measure in ("plans", "linked", "not_linked"):
        k.equation(
            c("national", measure, population="plans"),
            [c(a, measure, population="plans") for a in plan_parts],
        )
    for a in plan_areas:
        k.equation(
            c(a, "plans", population="plans"),
            [c(a, "linked", population="plans"), c(a, "not_linked", population="plans")],
        )

    # national characteristics: levels add up to everyone, and nest in their parents by the public code lists
    demand = seed_map("db07_divisions.csv", "regression_group", "physical_demand")
    parents = {  # breakdown -> (parent breakdown, level -> parent level, parent level of a level not listed)
        "diagnosis_group": (
            "large_joint_detail",
            seed_map("diagnosis_groups.csv", "diagnosis_group", "joint_size"),
            None,
        ),
        "industry_group": (
            "physical_demand",
            {g: v if v == "physically_demanding" else "other" for g, v in demand.items()},
            "other",
        ),
        "large_joint_detail": ("large_joint", {"large": "large"}, "other"),
    }
    for b, levels in national_levels.items():
        for measure in (f"det{h}", f"on{h}", f"off{h}"):
            k.equation(c("national", measure), [c("national", measure, b, lv) for lv in sorted(levels)])
            if b in parents:
                parent, mapping, default = parents[b]
                targets = {lv: mapping.get(lv, default) for lv in levels}
                if None in targets.values():
                    continue  # a level the code list does not place: no relation
                for target in sorted(set(targets.values())):
                    parts = [c("national", measure, b, lv) for lv in sorted(levels) if targets[lv] == target]
                    k.equation(c("national", measure, parent, target), parts)
        for lv in levels:
            k.equation(
                c("national", f"det{h}", b, lv),
                [c("national", f"on{h}", b, lv), c("national", f"off{h}", b, lv)],
            )
    return k


def learn_sensitivity(k: Knowledge, summary: pd.DataFrame | None) -> None:
    """The national counts of the sensitivity analyses (METHOD §8.8) and how they relate to the main headline
    cells, by the analysis's kind: courses brought in (added), off → on (up), on → off (down), left out
    (dropped, all off benefits) or none (same)."""
    if summary is None:
        return
    h = HEADLINE

    def c(analysis: str, measure: str) -> tuple:
        return ("courses", "national", "all", "all", f"sens_{analysis}_{measure}")

    det, on, off = (("courses", "national", "all", "all", f"{m}{h}") for m in ("det", "on", "off"))
    for _, r in summary.iterrows():
        a, kind = str(r["analysis"]), str(r["analysis_kind"])
        if kind == "same":
            continue
        persons = c(a, "persons") if kind in ("added", "dropped") else det
        k.count(persons, r["persons"], f"sensitivity {a} persons")
        k.share(
            c(a, "on") if kind != "dropped" else on, r["on_benefits_pct"], r["persons"], f"sensitivity {a}"
        )
        k.count(c(a, "changed"), r["changed_persons"], f"sensitivity {a} changed")
        k.share(c(a, "changed"), r["changed_pct"], r["persons_main"], f"sensitivity {a} changed share")
        k.count(det, r["persons_main"], f"sensitivity {a} main persons")
        changed, s_on, s_off = c(a, "changed"), c(a, "on"), c(a, "off")
        if kind == "added":
            k.equation(persons, [det, changed])
            k.equation(changed, [c(a, "changed_on"), c(a, "changed_off")])
            k.equation(s_on, [on, c(a, "changed_on")])
            k.equation(s_off, [off, c(a, "changed_off")])
            k.equation(persons, [s_on, s_off])
        elif kind == "up":
            k.equation(s_on, [on, changed])
            k.equation(off, [s_off, changed])
            k.equation(det, [s_on, s_off])
        elif kind == "down":
            k.equation(on, [s_on, changed])
            k.equation(s_off, [off, changed])
            k.equation(det, [s_on, s_off])
        elif kind == "dropped":
            k.equation(det, [persons, changed])
            k.equation(off, [s_off, changed])
            k.equation(persons, [on, s_off])


def seed_map(file: str, key: str, value: str) -> dict[str, str]:
    """key -> value of a public code list where every row of the key has the same value."""
    frame = pd.read_csv(SEEDS / file, dtype=str)
    values = frame.groupby(key)[value].agg(set)
    return {k: next(iter(v)) for k, v in values.items() if len(v) == 1}


def solve(k: Knowledge) -> tuple[dict[tuple, float], int]:
    """Every unknown cell the equations determine, with its value; and the number of equations dropped because
    the published values contradict them (a relation the reader assumed wrongly)."""
    known = dict(k.known)
    equations = [(t, [p for p in ps]) for t, ps in k.equations if ps]
    dropped = 0
    derived: dict[tuple, float] = {}
    # 1. propagation: an equation with one unknown cell gives it
    changed = True
    while changed:
        changed = False
        remaining = []
        for total, parts in equations:
            members = [(total, 1.0)] + [(p, -1.0) for p in parts]
            unknown = [(key, sign) for key, sign in members if key not in known]
            if not unknown:
                residual = sum(sign * known[key] for key, sign in members)
                dropped += abs(residual) > 1e-6
                continue
            if len(unknown) == 1:
                key, sign = unknown[0]
                rest = sum(s * known[x] for x, s in members if x != key)
                known[key] = derived[key] = -rest / sign
                changed = True
                continue
            remaining.append((total, parts))
        equations = remaining
    # 2. peeling: an unknown in one equation only leaves that equation free; it is determined when the other
    #    unknowns of that equation are (checked after the core, in reverse order)
    members = [
        {key: sign for key, sign in [(t, 1.0)] + [(p, -1.0) for p in ps] if key not in known}
        for t, ps in equations
    ]
    rhs = [-sum(sign * known[key] for key, sign in [(t, 1.0)] + [(p, -1.0) for p in ps] if key in known)
           for t, ps in equations]  # fmt: skip
    occurrences: dict[tuple, set[int]] = defaultdict(set)
    for e, unknown in enumerate(members):
        for key in unknown:
            occurrences[key].add(e)
    active = set(range(len(equations)))
    peeled = []
    queue = sorted((key for key, eqs in occurrences.items() if len(eqs) == 1), key=str)
    while queue:
        key = queue.pop()
        if len(occurrences[key]) != 1:
            continue
        e = occurrences[key].pop()
        active.discard(e)
        peeled.append((e, key))
        for other in members[e]:
            occurrences[other].discard(e)
            if len(occurrences[other]) == 1:
                queue.append(other)
    # 3. exact row reduction of the core (reduced row echelon form, rational arithmetic): an unknown is
    #    determined
    #    when its pivot row holds no other unknown
    pivots: dict[tuple, tuple[dict[tuple, Fraction], Fraction]] = {}
    holders: dict[tuple, set[tuple]] = defaultdict(set)  # unknown -> pivots whose row holds it
    for e in sorted(active, key=lambda e: len(members[e])):
        row = {key: Fraction(int(sign)) for key, sign in members[e].items()}
        value = Fraction(rhs[e]).limit_denominator()
        for key in [x for x in row if x in pivots]:
            factor = row.pop(key, None)
            if factor is None:
                continue
            pivot_row, pivot_value = pivots[key]
            value -= factor * pivot_value
            for x, coefficient in pivot_row.items():
                if x != key:
                    row[x] = row.get(x, 0) - factor * coefficient
                    if row[x] == 0:
                        del row[x]
        if not row:
            dropped += value != 0
            continue
        pivot = min(row, key=str)
        scale = row[pivot]
        row = {x: coefficient / scale for x, coefficient in row.items()}
        value /= scale
        for holder in list(holders.pop(pivot, ())):  # keep earlier pivot rows free of the new pivot
            holder_row, holder_value = pivots[holder]
            factor = holder_row.pop(pivot)
            holder_value -= factor * value
            for x, coefficient in row.items():
                if x != pivot:
                    updated = holder_row.get(x, 0) - factor * coefficient
                    if updated == 0:
                        holder_row.pop(x, None)
                        holders[x].discard(holder)
                    else:
                        holder_row[x] = updated
                        holders[x].add(holder)
            pivots[holder] = (holder_row, holder_value)
        pivots[pivot] = (row, value)
        for x in row:
            if x != pivot:
                holders[x].add(pivot)
    for pivot, (row, value) in pivots.items():
        if len(row) == 1:
            derived[pivot] = float(value)
    for e, key in reversed(peeled):
        others = [x for x in members[e] if x != key]
        if all(x in derived for x in others):
            derived[key] = (rhs[e] - sum(members[e][x] * derived[x] for x in others)) / members[e][key]
    return derived, dropped


def rank_findings(marts: dict[str, pd.DataFrame]) -> list[str]:
    """Ranks, intervals, quintiles, flags only for published units, ranked among themselves without gaps."""
    findings = []
    t1 = marts.get("pub_bilag2_table1_benchmark")
    if t1 is not None:
        units = t1[~t1["is_national"].astype(bool)]
        hidden = units[units["actual_pct"].isna()]
        for column in ("expected_pct", "indicator_pp", "indicator_low_pp", "indicator_high_pp", "quintile",
                       "benchmark_flag", "indicator_rank", "rank_low", "rank_high"):  # fmt: skip
            shown = hidden[column].notna().sum()
            if shown:
                findings.append(
                    f"Tabel 1: {column} shown for {shown} municipalities without a published actual share"
                )
        published = units[units["indicator_pp"].notna()]
        expected = published["indicator_pp"].rank(method="min").astype(int)
        if not (published["indicator_rank"].astype("Int64") == expected).all():
            findings.append(
                "Tabel 1: published ranks are not the ranks among the published municipalities (a gap)"
            )
        if len(published) and (
            published["rank_high"].max() > len(published) or published["rank_low"].min() < 1
        ):
            findings.append("Tabel 1: a rank interval reaches beyond the published municipalities")
    stability = marts.get("pub_rank_stability")
    if stability is not None:
        for m in (3, 6):
            both = stability[stability["indicator_m3_pp"].notna() & stability["indicator_m6_pp"].notna()]
            rest = stability.drop(both.index)
            if rest[[f"rank_m{m}", f"quintile_m{m}"]].notna().any().any():
                findings.append(
                    f"rank stability: rank or quintile at month {m} for a municipality not published at both"
                )
            expected = both[f"indicator_m{m}_pp"].rank(method="min").astype(int)
            if not (both[f"rank_m{m}"].astype("Int64") == expected).all():
                findings.append(f"rank stability: ranks at month {m} have gaps")
    findings += _horizon_rank_findings(marts)
    top = marts.get("pub_table1_1_top_bottom")
    if top is not None and t1 is not None:
        published_names = set(t1.loc[t1["indicator_pp"].notna(), "municipality_name"])
        listed = set(top.loc[top["list_position"].notna(), "municipality_name"])
        if listed - published_names:
            findings.append(
                f"Tabel 1.1 lists {len(listed - published_names)} municipalities without a published"
                " benchmark"
            )
    return findings


def _horizon_rank_findings(marts: dict[str, pd.DataFrame]) -> list[str]:
    """The benchmark at 2, 3 and 6 months, the learning selection and the sensitivity ranks (METHOD §6.5–6.6,
    §8.8): ranks, intervals, quintiles, flags only for units published at that horizon, without gaps."""
    findings = []
    horizons = marts.get("pub_benchmark_horizons")
    published: dict[int, set[int]] = {}
    if horizons is not None:
        for m, rows in horizons[~horizons["is_national"].astype(bool)].groupby("horizon_month"):
            hidden = rows[rows["actual_pct"].isna()]
            for column in ("expected_pct", "indicator_pp", "quintile", "benchmark_flag", "indicator_rank",
                           "rank_low", "rank_high"):  # fmt: skip
                if hidden[column].notna().any():
                    findings.append(f"benchmark {m} months: {column} shown without a published actual share")
            shown = rows[rows["indicator_pp"].notna()]
            published[int(m)] = {int(x) for x in shown["municipality_code"]}
            expected = shown["indicator_pp"].rank(method="min").astype(int)
            if not (shown["indicator_rank"].astype("Int64") == expected).all():
                findings.append(f"benchmark {m} months: ranks are not among the published municipalities")
    learning = marts.get("pub_learning_municipalities")
    if learning is not None and published:
        for m, column in ((HEADLINE, "rank_headline"), (2, "rank_m2"), (6, "rank_m6")):
            if m not in published:
                continue
            ranked = learning[learning[column].notna()]
            if not set(ranked["municipality_code"].astype(int)) <= published[m]:
                findings.append(f"learning selection: {column} for a municipality not published then")
        if not set(learning["municipality_code"].astype(int)) <= published.get(HEADLINE, set()):
            findings.append("learning selection: a municipality without a published headline benchmark")
    moves = marts.get("pub_sensitivity_rank_moves")
    if moves is not None and published:
        for analysis, rows in moves.groupby("analysis"):
            if not set(rows["municipality_code"].astype(int)) <= published.get(HEADLINE, set()):
                findings.append(
                    f"sensitivity {analysis}: a rank for a municipality without a published benchmark"
                )
            for column in ("rank_main", "rank_analysis"):
                if sorted(rows[column].rank(method="min").astype(int)) != sorted(rows[column].astype(int)):
                    findings.append(f"sensitivity {analysis}: {column} has gaps")
    return findings


def periods_of(marts: dict[str, pd.DataFrame]) -> list[str]:
    """The cohort periods the marts hold (none for marts without the column cohort_period)."""
    labels = set()
    for frame in marts.values():
        if "cohort_period" in frame.columns:
            labels |= {str(p) for p in frame["cohort_period"].dropna()}
    return sorted(labels)


def attack(marts: dict[str, pd.DataFrame]) -> list[str]:
    """All findings, attacking each cohort period's rows on their own (marts without periods as one)."""
    periods = periods_of(marts)
    if not periods:
        return attack_period(marts)
    findings = []
    for period in periods:
        part = {
            name: (
                frame[frame["cohort_period"] == period].drop(columns="cohort_period").reset_index(drop=True)
                if "cohort_period" in frame.columns
                else frame
            )
            for name, frame in marts.items()
        }
        findings += [f"{finding} (period {period})" for finding in attack_period(part)]
    return findings


def attack_period(marts: dict[str, pd.DataFrame]) -> list[str]:
    """All findings of one period: published or derivable counts of 1..5 persons, and rank disclosures."""
    k = learn(marts)
    derived, _ = solve(k)
    findings = list(k.findings)
    for key, value in sorted(derived.items(), key=lambda kv: str(kv[0])):
        if 1 - 1e-6 <= abs(value) <= MAX_PERSONS + 1e-6:  # a negative difference counts persons too
            findings.append(f"derivable count of {value:.0f} persons: {key}")
    return findings + rank_findings(marts)


def read_marts(db: str | Path | None = None, marts_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The public marts from the warehouse's publication schema or from the Parquet exports."""
    if marts_dir is not None:
        return {p.stem: pd.read_parquet(p) for p in sorted(Path(marts_dir).glob("*.parquet"))}
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'publication' order by 1"
        ).fetchall()]  # fmt: skip
        return {name: con.execute(f'select * from publication."{name}"').df() for name in names}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", help="warehouse file (reads schema publication)")
    source.add_argument("--marts", help="folder of the Parquet exports")
    args = parser.parse_args(argv)
    findings = attack(read_marts(args.db, args.marts))
    for line in findings:
        print(line)
    print(f"{len(findings)} disclosures found")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
