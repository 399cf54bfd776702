"""Several cohort periods in one extract (``--start-years 2016 2017 2018 2019``), with planted changes.

Each two-year block (period.py ``blocks``) is drawn by the ordinary mechanism with its own seed
(``block_seed``: the run's seed for the first block, so its draws are those of a one-period run) and moved
to its years; the blocks are then merged register by register into one extract:

- **Keys**: block b (0-based) writes its keys with the first digit after the letter set to b (``P0…`` →
  ``P1…`` for persons, ``R0…`` → ``R1…`` for LPR contacts, so also LPR3's ``dw_ek_kontakt``, ``W0…``/``V0…``
  → ``W1…`` for workplaces): no key of one block can be another's; the truth files carry the same keys.
- **Registers**: the blocks' tables are stacked (different persons; overlapping years simply hold both).
  DREAM is stacked by column name: a week column one block lacks is NULL (= no benefit,
  docs/DATA_CONTRACT.md) for its persons; the columns are in week order.
- **Cross-period courses**: a block's plans designed to fail the start-year rule (start year before / after
  the period) would fall into the neighbouring block's period; their persons are left out of the extract
  (every register and the truth), so every analysed course of a period is one of its own block's. The first
  block's earliest and the last block's latest such plans stay (their start years are in no period).
- **Truth**: every truth table gains ``cohort_period`` (the block's label, '2016-2017'); ``ges_duplicates``
  is counted on the merged GES; ``ges_quality`` is judged on the merged GES (the services of both blocks in
  a boundary year, in the calendar months of the moved dates, as the warehouse sees them: the move by whole
  weeks shifts month boundaries by a few days, so a later period's quality can differ from the design in a
  few small municipality-years); ``planted_changes`` lists the planted changes (below).

**Planted changes** (``--plant-changes K``, ``--plant-shift S``): in every block after the first, K
municipalities get their effect on the outcome at 3 months shifted by ±S on the log-odds scale (outcome.py
``later_period_effects``); the shift stays in the later blocks (a municipality changes once; the planted
municipalities of different blocks are different ones). They are drawn from the seed among the
``PLANT_CANDIDATES`` Table 1 municipalities with the most designed courses (big enough to be detected); in
each block the ceil(K/2) largest drawn get −S (better: fewer on benefits), the others +S (worse). Every other
municipality has the same true effect in every block (Table 1's indicator, or the first block's drawn
effect), so a change in its indicator is noise. ``_truth/planted_changes.parquet`` has one row per change
and comparison: ``comparison`` ('consecutive': the change's period and the one before; 'whole_span': first
to last period, for every planted municipality), municipality_code, period_from, period_to, log_odds_shift,
expected_change_pp (mean true probability with − without the shift over the municipality's intended-cohort
courses of the later period: case-mix held fixed), direction ('better' | 'worse'), courses_to (those
courses), share_without_pct, share_with_pct, and binomial_z: expected_change_pp over the binomial standard
error of a difference of two shares of that many courses each (a simple guide to detectability: |z| > 2.8
gives 80 % power for a two-sided 5 % test).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .period import Period
from .state import State
from .weeks import ymd

DEFAULT_PLANT_SHIFT = 1.2
PLANT_CANDIDATES = 6
# key columns and the letters their values start with (then digits): block b sets the first digit to b
KEY_COLUMNS = {"pnr": "P", "recnum": "R", "ajo_arbnr_senr": "WV"}
LPR_BY_RECNUM = ("lpr_diag", "lpr_sksopr", "lpr_sksube")


def block_seed(seed: int, block: int) -> int:
    """The seed of block ``block``: the run's own for the first, then a SeedSequence of (seed, block)."""
    if block == 0:
        return int(seed)
    return int(np.random.SeedSequence([int(seed), int(block)]).generate_state(1, dtype=np.uint32)[0])


def choose_planted(first: State, n_blocks: int, k: int, shift: float) -> list[dict[int, float]]:
    """Per block the planted municipalities (index into ``mun``) and their shifts: none in the first block; in
    each later block k new ones drawn from the seed among the ``PLANT_CANDIDATES`` Table 1 municipalities
    (analysed in both years) with the most designed courses (more when more are needed); of a block's k the
    ceil(k/2) largest get −shift (better: from a share near 20 % a change down is smaller in points than one
    up, so it goes where the courses are most), the others +shift (worse)."""
    out: list[dict[int, float]] = [{} for _ in range(n_blocks)]
    if k <= 0 or n_blocks < 2:
        return out
    mun = first.mun
    size = first.cohort_cells.sum(axis=1)
    quality_ok = ~mun["quality_fail2016"].to_numpy() & ~mun["quality_fail2017"].to_numpy()
    cand = np.flatnonzero(mun["in_table1"].to_numpy() & quality_ok)
    cand = cand[np.lexsort((mun["kom"].to_numpy()[cand], -size[cand]))]
    need = k * (n_blocks - 1)
    if need > len(cand):
        raise ValueError(
            f"--plant-changes {k}: {need} municipalities needed over {n_blocks - 1} later periods, only "
            f"{len(cand)} Table 1 municipalities analysed in both years"
        )
    cand = cand[: max(PLANT_CANDIDATES, need)]
    rng = np.random.default_rng(np.random.SeedSequence([first.seed, 0x504C414E54]))  # "PLANT"
    drawn = rng.choice(cand, size=need, replace=False)
    better = (k + 1) // 2
    for b in range(1, n_blocks):
        mine = drawn[(b - 1) * k : b * k]
        mine = mine[np.lexsort((mun["kom"].to_numpy()[mine], -size[mine]))]
        out[b] = {int(m): (-shift if i < better else shift) for i, m in enumerate(mine)}
    return out


def cumulative(planted: list[dict[int, float]]) -> list[dict[int, float]]:
    """The shifts in force in each block: a change planted in block b stays in every later block."""
    out, now = [], {}
    for p in planted:
        now = {**now, **p}
        out.append(dict(now))
    return out


def rekey(table: pa.Table, block: int, name: str) -> pa.Table:
    """Block ``block``'s keys in their own key space: the first digit after the letter becomes the block."""
    if block == 0:
        return table
    if block > 9:
        raise ValueError("at most 10 cohort periods (the block is one digit of the keys)")
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        letters = KEY_COLUMNS.get(field.name)
        if letters and column.null_count == 0 and len(column):
            first = pc.utf8_slice_codeunits(column, 0, 1)
            digit = pc.utf8_slice_codeunits(column, 1, 2)
            good = pc.and_(pc.is_in(first, pa.array(list(letters))), pc.equal(digit, "0"))
            if not pc.all(good).as_py():
                bad = column.filter(pc.invert(good))[0].as_py()
                raise ValueError(
                    f"{name}.{field.name}: key {bad[:1]}… outside the generator's key format "
                    f"({letters} + digits starting with 0): cannot give block {block} its own key space"
                )
            column = pc.binary_join_element_wise(first, str(block), pc.utf8_slice_codeunits(column, 2), "")
        columns.append(column)
    return pa.table(columns, schema=table.schema)


def _drop_persons(tables: dict[str, pa.Table], persons: pa.Array) -> dict[str, pa.Table]:
    if not len(persons):
        return tables
    out = {}
    for name, t in tables.items():
        out[name] = (
            t.filter(pc.invert(pc.is_in(t["pnr"], value_set=persons))) if "pnr" in t.column_names else t
        )
    if "lpr_adm" in tables:
        gone = pc.is_in(tables["lpr_adm"]["pnr"], value_set=persons)
        recnums = tables["lpr_adm"]["recnum"].filter(gone)
        for name in LPR_BY_RECNUM:
            out[name] = out[name].filter(pc.invert(pc.is_in(out[name]["recnum"], value_set=recnums)))
    return out


def cross_period_persons(courses: pa.Table, period: Period, all_years: set[int]) -> pa.Array:
    """Persons with a course starting in another block's period (start-year exclusions at a boundary)."""
    year = pc.year(courses["rehab_start"]).to_numpy(zero_copy_only=False)
    year = np.asarray(year, dtype=float)
    other = np.isin(year, sorted(all_years - set(period.start_years)))
    return pa.array(sorted(set(courses["pnr"].filter(pa.array(other)).to_pylist())), pa.string())


def _with_period(t: pa.Table, label: str) -> pa.Table:
    return t.add_column(0, "cohort_period", pa.array([label] * t.num_rows, pa.string()))


def _concat(parts: list[pa.Table], name: str) -> pa.Table:
    t = pa.concat_tables(parts, promote_options="default")
    if name == "dream":
        weeks = sorted(c for c in t.column_names if c != "pnr")
        t = t.select(["pnr", *weeks])
    return t


def ges_quality(ges: pa.Table, years: list[int]) -> pa.Table:
    """GES quality per municipality-year as METHOD §5.1-2 judges it, on the written (merged) GES: distinct
    rows (exact duplicates removed), months with services, swings of services per person between months."""
    d = (
        pa.table({c: ges[c] for c in ("pnr", "kom", "d_ydelse", "c_ydelse")})
        .group_by(["pnr", "kom", "d_ydelse", "c_ydelse"])
        .aggregate([])
        .to_pandas()
    )
    days = (pd.to_datetime(d["d_ydelse"]) - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
    y, m, _ = ymd(days)
    d["year"], d["month"] = y, m
    rows = []
    for (kom, yy), g in d[d["year"].isin(years)].groupby(["kom", "year"]):
        svc = g.groupby("month").size().reindex(range(1, 13), fill_value=0).to_numpy()
        per = g.groupby("month")["pnr"].nunique().reindex(range(1, 13), fill_value=0).to_numpy()
        a = np.where(per > 0, svc / np.maximum(per, 1), np.nan)
        ratio = a[1:] / a[:-1]
        rows.append((int(kom), int(yy), int((svc > 0).sum()), int(np.nansum((ratio > 1.4) | (ratio < 0.6)))))
    gq = pd.DataFrame(rows, columns=["kom_kode", "year", "months_with_services", "swings"])
    gq["passes_quality"] = (gq["months_with_services"] == 12) & (gq["swings"] <= 1)
    return pa.Table.from_pandas(gq, preserve_index=False)


def planted_changes(states: list[State], periods: list[Period], planted: list[dict[int, float]]) -> pa.Table:
    """The truth of the planted changes (module docstring): 'consecutive' rows from the block where the change
    is planted, 'whole_span' rows from the last block (its courses), first to last period."""
    rows = []

    def add(comparison: str, b_from: int, b_to: int, kom: set[int]) -> None:
        eff = states[b_to].plant_effects
        for r in eff[eff["kom_kode"].isin(kom)].itertuples():
            p0, p1, n = r.mean_p_without, r.mean_p_with, r.courses
            se = np.sqrt((p0 * (1 - p0) + p1 * (1 - p1)) / max(n, 1))
            rows.append(
                (
                    comparison,
                    int(r.kom_kode),
                    periods[b_from].label,
                    periods[b_to].label,
                    float(r.log_odds_shift),
                    100 * (p1 - p0),
                    "better" if p1 < p0 else "worse",
                    int(n),
                    100 * p0,
                    100 * p1,
                    float((p1 - p0) / se) if se > 0 else np.nan,
                )
            )

    kom_codes = states[0].mun["kom"].to_numpy()
    for b in range(1, len(states)):
        add("consecutive", b - 1, b, {int(kom_codes[k]) for k in planted[b]})
    every = {int(kom_codes[k]) for p in planted for k in p}
    if len(states) >= 2:
        add("whole_span", 0, len(states) - 1, every)
    cols = [
        "comparison",
        "municipality_code",
        "period_from",
        "period_to",
        "log_odds_shift",
        "expected_change_pp",
        "direction",
        "courses_to",
        "share_without_pct",
        "share_with_pct",
        "binomial_z",
    ]
    df = pd.DataFrame(rows, columns=cols).sort_values(["comparison", "period_to", "municipality_code"])
    schema = pa.schema(
        [
            ("comparison", pa.string()),
            ("municipality_code", pa.int32()),
            ("period_from", pa.string()),
            ("period_to", pa.string()),
            ("log_odds_shift", pa.float64()),
            ("expected_change_pp", pa.float64()),
            ("direction", pa.string()),
            ("courses_to", pa.int32()),
            ("share_without_pct", pa.float64()),
            ("share_with_pct", pa.float64()),
            ("binomial_z", pa.float64()),
        ]
    )
    return pa.Table.from_pandas(df, schema=schema, preserve_index=False)


def merge(states: list[State], periods: list[Period], planted: list[dict[int, float]]) -> tuple[dict, dict]:
    """The blocks' registers and truth as one extract (module docstring)."""
    all_years = {y for p in periods for y in p.start_years}
    tables: dict[str, list[pa.Table]] = {}
    truth: dict[str, list[pa.Table]] = {}
    for b, (st, period) in enumerate(zip(states, periods, strict=True)):
        reg = {name: rekey(t, b, name) for name, t in st.tables.items()}
        tru = {name: rekey(t, b, name) for name, t in st.truth.items()}
        gone = cross_period_persons(tru["courses"], period, all_years)
        reg = _drop_persons(reg, gone)
        tru = _drop_persons(tru, gone)
        for name, t in reg.items():
            tables.setdefault(name, []).append(t)
        for name, t in tru.items():
            if name == "municipality_effects":
                shift = np.zeros(t.num_rows)
                cum = cumulative(planted)[b]
                for k, s in cum.items():
                    shift[k] = s
                t = t.append_column("planted_log_odds_shift", pa.array(shift))
            truth.setdefault(name, []).append(_with_period(t, period.label))
    merged = {name: _concat(parts, name) for name, parts in tables.items()}
    ges = merged["ges"]
    distinct = pa.table({c: ges[c] for c in ges.column_names}).group_by(ges.column_names).aggregate([])
    out_truth = {name: _concat(parts, name) for name, parts in truth.items() if name != "ges_duplicates"}
    out_truth["ges_duplicates"] = pa.table(
        {
            "register": pa.array(["ges"]),
            "planted_duplicate_rows": pa.array([ges.num_rows - distinct.num_rows]),
        }
    )
    out_truth["ges_quality"] = ges_quality(ges, sorted(all_years))
    out_truth["planted_changes"] = planted_changes(states, periods, planted)
    return merged, out_truth
