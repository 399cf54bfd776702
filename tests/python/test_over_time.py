"""The benchmark over time finds the changes the generator planted, and nothing where nothing changed
(issue 14 point 4, METHOD §8.10; `make test-periods`).

`make test-periods` generates one extract with two cohort periods (`rtw_synth --start-years 2016 2017 2018
2019 --plant-changes K`: in the second period K big municipalities get their effect on the outcome shifted by
a known amount on the log-odds scale, the others keep theirs; `_truth/planted_changes.parquet`), publishes it
with `periods: [[2016, 2017], [2018, 2019]]` (pages and Parquet) and runs this file. The expected side is
only the generator's truth file; the warehouse's change flags and pages are the tested side.

- every planted change is flagged in its direction (sensitivity), in the consecutive comparison and over
  the whole span;
- no municipality without a planted change is flagged (false alarms), in either direction;
- a municipality not benchmarked in a period is a gap (null indicator, flag `gap`), never a zero;
- the national page lists the planted municipalities under their direction, and each one's page shows its
  flag.

Sensitivity and false-alarm rate are printed (`-s`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

DB = os.environ.get("RTW_PERIODS_DB")
RAW = os.environ.get("RTW_PERIODS_RAW")
REPORT = os.environ.get("RTW_PERIODS_REPORT")

pytestmark = pytest.mark.skipif(
    not (DB and RAW and REPORT),
    reason="needs RTW_PERIODS_DB, RTW_PERIODS_RAW and RTW_PERIODS_REPORT (make test-periods)",
)


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    truth = pd.read_parquet(Path(str(RAW)) / "_truth" / "planted_changes.parquet")
    assert len(truth), "the extract has no planted change: generate it with --plant-changes"
    return truth.assign(municipality_code=truth["municipality_code"].astype(int))


@pytest.fixture(scope="module")
def changes() -> pd.DataFrame:
    with duckdb.connect(str(DB), read_only=True) as con:
        frame = con.execute("select * from publication.pub_municipality_changes").df()
    return frame.assign(municipality_code=frame["municipality_code"].astype(int))


@pytest.fixture(scope="module")
def over_time() -> pd.DataFrame:
    with duckdb.connect(str(DB), read_only=True) as con:
        frame = con.execute("select * from publication.pub_municipality_over_time").df()
    return frame.assign(municipality_code=frame["municipality_code"].astype(int))


def _joined(planted: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    keys = ["comparison", "municipality_code", "period_from", "period_to"]
    out = planted.merge(
        changes[[*keys, "change_flag", "change_pp"]], on=keys, how="left", validate="one_to_one"
    )
    assert out["change_flag"].notna().all(), "a planted change has no row in pub_municipality_changes"
    return out


def test_planted_changes_are_flagged_in_their_direction(planted: pd.DataFrame, changes: pd.DataFrame) -> None:
    found = _joined(planted, changes)
    hit = found["change_flag"] == found["direction"]
    for comparison, rows in found.groupby("comparison"):
        print(
            f"\n{comparison}: sensitivity {int(hit[rows.index].sum())}/{len(rows)};"
            " planted (expected change pp -> flag, estimated change pp):",
            "; ".join(
                f"{r.municipality_code} {r.expected_change_pp:+.1f} -> {r.change_flag} {r.change_pp:+.1f}"
                for r in rows.itertuples()
            ),
        )
    wrong_way = found[found["change_flag"].isin(["better", "worse"]) & ~hit]
    assert wrong_way.empty, f"planted changes flagged in the wrong direction:\n{wrong_way}"
    missed = found[~hit]
    assert missed.empty, f"planted changes not found:\n{missed}"


def test_nothing_flagged_where_nothing_changed(planted: pd.DataFrame, changes: pd.DataFrame) -> None:
    keys = ["comparison", "municipality_code", "period_from", "period_to"]
    flagged = changes[changes["change_flag"].isin(["better", "worse"])]
    alarms = flagged.merge(planted[keys], on=keys, how="left", indicator=True)
    alarms = alarms[alarms["_merge"] == "left_only"]
    tested = changes[changes["change_flag"] != "gap"].merge(
        planted[keys], on=keys, how="left", indicator=True
    )
    unchanged = int((tested["_merge"] == "left_only").sum())
    print(f"\nfalse alarms: {len(alarms)} of {unchanged} unchanged municipality comparisons")
    assert unchanged > 0
    assert alarms.empty, f"flags where nothing was planted:\n{alarms[[*keys, 'change_flag', 'change_pp']]}"


def test_excluded_periods_are_gaps_not_zeros(over_time: pd.DataFrame, changes: pd.DataFrame) -> None:
    periods = sorted(over_time["cohort_period"].unique())
    assert len(periods) >= 2
    assert over_time.groupby("cohort_period")["municipality_code"].nunique().eq(98).all()
    gaps = over_time[~over_time["is_benchmarked"].astype(bool)]
    assert len(gaps), "no municipality is excluded in any period: the gap case is not exercised"
    assert gaps["indicator_pp"].isna().all() and gaps["exclusion_reason"].notna().all()
    # a benchmarked municipality-period whose share disclosure control withholds (METHOD §7) is NULL as well
    withheld = over_time[over_time["is_benchmarked"].astype(bool) & over_time["indicator_pp"].isna()]
    assert withheld["actual_pct"].isna().all()
    assert over_time.loc[over_time["actual_pct"].notna(), "indicator_pp"].notna().all()
    for r in gaps.itertuples():
        touching = changes[
            (changes["municipality_code"] == r.municipality_code)
            & ((changes["period_from"] == r.cohort_period) | (changes["period_to"] == r.cohort_period))
        ]
        assert (touching["change_flag"] == "gap").all() and touching["change_pp"].isna().all()


def test_pages_show_the_planted_changes(planted: pd.DataFrame) -> None:
    report = Path(str(REPORT))
    national = (report / "index.html").read_text(encoding="utf-8")
    assert 'id="over-tid"' in national
    for r in planted.drop_duplicates(["municipality_code", "period_from", "period_to"]).itertuples():
        tables = re.findall(
            rf'<table class="num" data-change-flag="{r.direction}"'
            rf' data-comparison="{r.period_from}-{r.period_to}">(.*?)</table>',
            national,
            flags=re.S,
        )
        assert len(tables) == 1, (
            f"no {r.direction} table for {r.period_from} -> {r.period_to} on the national page"
        )
        pages = list((report / "kommuner").glob(f"{r.municipality_code}-*.html"))
        assert len(pages) == 1, f"no page for municipality {r.municipality_code}"
        assert pages[0].name in tables[0], f"{pages[0].name} is not listed as {r.direction}"
        page = pages[0].read_text(encoding="utf-8")
        row = re.search(
            rf'<tr data-change-flag="{r.direction}"><td class="txt">{r.period_from} → {r.period_to}</td>',
            page,
        )
        assert row, f"{pages[0].name} does not show its {r.direction} change {r.period_from} -> {r.period_to}"
