"""Municipality-level design: cohort sizes per municipality-year, linkage rates, plan mix, Table 3.1."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Table 3.1 municipalities that fail on small numbers: final-cohort persons per start year at scale 1.
# (min30 fails a year below 30; min75 fails a total below 75 over the years kept.)
SMALL_NUMBERS = {
    "Albertslund": (22, 25),
    "Allerød": (25, 40),
    "Brøndby": (34, 36),
    "Dragør": (12, 14),
    "Fanø": (4, 5),
    "Glostrup": (40, 24),
    "Hedensted": (35, 37),
    "Ishøj": (31, 33),
    "Kerteminde": (33, 34),
    "Langeland": (32, 31),
    "Lejre": (36, 36),
    "Læsø": (2, 2),
    "Nyborg": (35, 36),
    "Rudersdal": (28, 44),
    "Samsø": (4, 3),
    "Sorø": (30, 45),
    "Tårnby": (27, 42),
    "Vallensbæk": (15, 17),
    "Ærø": (5, 6),
}
ANALYSED_TARGET = 20265
MIN_PASSING_PER_YEAR = 38
MIN_PERSONS_YEAR = 30  # METHOD §5.3 (dbt var dq_min_persons_year)
MIN_PERSONS_TOTAL = 75  # METHOD §5.4 (dbt var dq_min_persons_total)


def thresholds(scale: float) -> tuple[int, int]:
    """Small-number thresholds that fit a run at ``scale``: round-half-up of 30·scale and 75·scale, at
    least 1 (scale 0.05 -> 2 and 4). Pass them to dbt as vars dq_min_persons_year / dq_min_persons_total."""
    return (
        max(1, int(np.floor(MIN_PERSONS_YEAR * scale + 0.5))),
        max(1, int(np.floor(MIN_PERSONS_TOTAL * scale + 0.5))),
    )


def kept_cells(mun: pd.DataFrame, cells: np.ndarray, scale: float) -> np.ndarray:
    """Municipality-years that pass METHOD §5 when the intended counts are analysed (thresholds scaled)."""
    t_year, t_total = thresholds(scale)
    q = np.stack([mun["quality_fail2016"].to_numpy(), mun["quality_fail2017"].to_numpy()], axis=1)
    keep = (cells >= t_year) & ~q
    tot = np.where(keep, cells, 0).sum(axis=1)
    return keep & (tot >= t_total)[:, None]


def municipality_table(seeds: dict[str, pd.DataFrame], rng: np.random.Generator) -> pd.DataFrame:
    mun = seeds["municipalities"].copy()
    mun["kom"] = mun["kom_kode"].astype(int)
    mun = mun.sort_values("kom").reset_index(drop=True)
    ap = seeds["municipality_area_population"].copy()
    ap["kom"] = ap["kom_kode"].astype(int)
    ap["year"] = ap["year"].astype(int)
    ap["population"] = ap["population"].astype(float)
    ap["area_km2"] = ap["area_km2"].astype(float)
    for y in (2016, 2017):
        sub = ap[ap["year"] == y].set_index("kom")
        mun[f"pop{y}"] = mun["kom"].map(sub["population"]).astype(float)
        mun[f"density{y}"] = mun["kom"].map(sub["population"] / sub["area_km2"]).astype(float)
    t1 = seeds["published_bilag2_table1_benchmark"].set_index("municipality")
    t2 = seeds["published_bilag2_table2_trajectory"].set_index("municipality")
    mun["in_table1"] = mun["kom_navn"].isin(t1.index)
    mun["t1_actual"] = pd.to_numeric(mun["kom_navn"].map(t1["actual_pct"]), errors="coerce")
    mun["t1_expected"] = pd.to_numeric(mun["kom_navn"].map(t1["expected_pct"]), errors="coerce")
    mun["t1_indicator"] = pd.to_numeric(mun["kom_navn"].map(t1["indicator_pp"]), errors="coerce")
    start = pd.to_numeric(mun["kom_navn"].map(t2["start_pct"]), errors="coerce")
    nat_start = float(t2.loc["Landsgennemsnit", "start_pct"]) if "Landsgennemsnit" in t2.index else 39.2
    mun["t2_start"] = start.fillna(nat_start)
    mun["t2_m3"] = pd.to_numeric(mun["kom_navn"].map(t2["month3_pct"]), errors="coerce")
    mun["t2_m6"] = pd.to_numeric(mun["kom_navn"].map(t2["month6_pct"]), errors="coerce")
    t31 = seeds["published_table3_1_quality_exclusions"].set_index("municipality")
    for y in (2016, 2017):
        flag = mun["kom_navn"].map(t31[f"sds_quality_{y}"]).fillna("").str.strip().eq("x")
        mun[f"quality_fail{y}"] = flag
    mun["t31_excluded"] = mun["kom_navn"].map(t31["excluded"]).fillna("")
    n = len(mun)
    # Linkage rate of general plans to a municipal course (Bilag 3 Table 3.2: 35-97 %, median 81, mean 77).
    q = (np.arange(n) + 0.5) / n
    knots_q = [0.0, 0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 1.0]
    knots_r = [0.35, 0.52, 0.66, 0.76, 0.81, 0.86, 0.91, 0.97]
    rates = np.interp(q, knots_q, knots_r)
    rates[0], rates[-1] = 0.35, 0.97
    mun["linkage_rate"] = rates[rng.permutation(n)]
    # Share of general plans among all plans (Table 5.4 bands 77-85 (ref, <77 joins), 85-90, 90-95, 95-100).
    band = rng.choice(4, size=n, p=[0.35, 0.33, 0.26, 0.06])
    centre = np.array([0.81, 0.875, 0.925, 0.975])
    mun["general_share"] = centre[band]
    return mun


def cohort_counts(mun: pd.DataFrame, scale: float) -> np.ndarray:
    """Intended analysed (final cohort) courses per municipality and start year (2016, 2017)."""
    n = len(mun)
    w = (mun["pop2016"].to_numpy() + mun["pop2017"].to_numpy()) / 2
    counts = np.zeros((n, 2))
    names = mun["kom_navn"].to_numpy()
    fixed = np.array([nm in SMALL_NUMBERS for nm in names])
    qfail = np.stack([mun["quality_fail2016"].to_numpy(), mun["quality_fail2017"].to_numpy()], axis=1)
    passing = (~fixed)[:, None] & ~qfail
    lam = ANALYSED_TARGET / (w[:, None] * passing).sum()
    raw = w[:, None] * lam * np.ones((1, 2))
    raw = np.where(passing, np.maximum(raw, MIN_PASSING_PER_YEAR), raw)
    # largest-remainder rounding of the passing cells to the exact target
    pr = raw[passing]
    pr = pr * (ANALYSED_TARGET / pr.sum())
    fl = np.floor(pr)
    rem = int(ANALYSED_TARGET - fl.sum())
    order = np.argsort(-(pr - fl), kind="stable")
    fl[order[:rem]] += 1
    counts[passing] = fl
    counts[~passing] = np.round(raw[~passing])
    for i in np.flatnonzero(fixed):
        a, b = SMALL_NUMBERS[names[i]]
        counts[i] = [a, b]
        for j in range(2):
            if qfail[i, j]:
                counts[i, j] = max(counts[i, j], 40)
    out = scale_counts(counts, scale)
    if scale != 1:
        # at small scales the Table 1 municipality-years must still pass the scaled thresholds
        t_year, t_total = thresholds(scale)
        out = np.where(passing, np.maximum(out, t_year), out)
        short = passing.any(axis=1) & (np.where(passing, out, 0).sum(axis=1) < t_total)
        for i in np.flatnonzero(short):
            j = int(np.argmax(np.where(passing[i], out[i], -1)))
            out[i, j] += t_total - np.where(passing[i], out[i], 0).sum()
    return out


def scale_counts(counts: np.ndarray, scale: float) -> np.ndarray:
    if scale == 1:
        return counts.astype(np.int64)
    target = counts * scale
    fl = np.floor(target)
    rem = round(target.sum() - fl.sum())
    flat = (target - fl).ravel()
    order = np.argsort(-flat, kind="stable")
    fl = fl.ravel()
    fl[order[:rem]] += 1
    return fl.reshape(counts.shape).astype(np.int64)
