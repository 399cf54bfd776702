"""Disclosure control (METHOD §7) under attack: report.disclosure_attack on hand-made marts, on the built
warehouse and its Parquet exports, and on a deliberately weakened suppression of the same build (it must
fail there).

The build tests run after `make test-small` / `make test-full` (RTW_ATTACK_DUCKDB, RTW_ATTACK_MARTS; with
RTW_ATTACK_REQUIRED=1 a missing build is an error, not a skip).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from report import disclosure_attack as attack

REQUIRED = os.environ.get("RTW_ATTACK_REQUIRED") == "1"


def table2(rows: list[dict]) -> pd.DataFrame:
    base = {"municipality_code": None, "municipality_name": "x", "is_national": False}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    for m in attack.TRAJECTORY_MONTHS:
        for column in (f"persons_m{m}", f"on_benefits_m{m}_pct"):
            if column not in frame:
                frame[column] = np.nan
    return frame


def table4(rows: list[dict]) -> pd.DataFrame:
    base = {"municipality_code": None, "municipality_name": "x", "is_national": False}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    for g in attack.TABLE4_GROUPS:
        for column in (f"persons_{g}", f"{g}_pct"):
            if column not in frame:
                frame[column] = np.nan
    return frame


def test_share_times_denominator_and_complement_are_found():
    marts = {
        "pub_bilag2_table2_trajectory": table2(
            [{"municipality_code": 101, "persons_m3": 40, "on_benefits_m3_pct": 7.5}]
        )
    }
    findings = attack.attack(marts)
    assert any("published count of 3 persons" in f for f in findings), findings


def test_complement_of_a_share_is_found():
    marts = {
        "pub_bilag2_table2_trajectory": table2(
            [{"municipality_code": 101, "persons_m3": 40, "on_benefits_m3_pct": 95.0}]
        )
    }
    findings = attack.attack(marts)
    assert any("derivable count of 2 persons" in f and "off3" in f for f in findings), findings


def test_total_minus_the_published_half_is_found():
    # Table 2 gives everyone (40), Table 4 gives the men (37): the women (3) follow although suppressed.
    marts = {
        "pub_bilag2_table2_trajectory": table2(
            [{"municipality_code": 101, "persons_m3": 40, "on_benefits_m3_pct": 25.0}]
        ),
        "pub_bilag2_table4_characteristics": table4(
            [{"municipality_code": 101, "persons_men": 37, "men_pct": 100 * 8 / 37}]
        ),
    }  # fmt: skip
    findings = attack.attack(marts)
    assert any("derivable count of 3 persons" in f and "'women'" in f for f in findings), findings


def test_national_minus_the_other_municipalities_is_found():
    marts = {
        "pub_bilag2_table2_trajectory": table2(
            [
                {"municipality_code": 101, "persons_m0": 50},
                {"municipality_code": 147, "persons_m0": None},
                {"is_national": True, "municipality_name": "Landsgennemsnit", "persons_m0": 54},
            ]
        )
    }
    findings = attack.attack(marts)
    assert any("derivable count of 4 persons" in f and "'147'" in f for f in findings), findings


def test_two_suppressed_municipalities_in_two_relations_hold():
    # 2 x 2 rectangle: two municipalities x (women, men) suppressed, all margins published -> nothing follows.
    t2 = table2(
        [
            {"municipality_code": 101, "persons_m3": 40},
            {"municipality_code": 147, "persons_m3": 50},
            {"is_national": True, "municipality_name": "Landsgennemsnit", "persons_m3": 90},
        ]
    )
    t4 = table4(
        [
            {"municipality_code": 101, "persons_women": None, "persons_men": None},
            {"municipality_code": 147, "persons_women": None, "persons_men": None},
            {
                "is_national": True,
                "municipality_name": "Landsgennemsnit",
                "persons_women": 43,
                "persons_men": 47,
            },
        ]
    )
    findings = attack.attack({"pub_bilag2_table2_trajectory": t2, "pub_bilag2_table4_characteristics": t4})
    assert not [f for f in findings if "persons" in f and ("women" in f or "men" in f)], findings


def test_rank_of_a_suppressed_unit_and_rank_gap_are_found():
    t1 = pd.DataFrame(
        {
            "municipality_code": [101, 147, 151],
            "municipality_name": ["a", "b", "c"],
            "is_national": [False] * 3,
            "persons": [40, 40, 40],
            "actual_pct": [20.0, None, 30.0],
            "expected_pct": [20.0, None, 25.0],
            "indicator_pp": [0.0, None, 5.0],
            "indicator_low_pp": [None] * 3,
            "indicator_high_pp": [None] * 3,
            "quintile": [1, None, 5],
            "benchmark_flag": [None] * 3,
            "indicator_rank": [1, 2, 3],
            "rank_low": [1, 1, 1],
            "rank_high": [2, 3, 3],
        }
    )
    findings = attack.attack({"pub_bilag2_table1_benchmark": t1})
    assert any("indicator_rank shown for 1" in f for f in findings), findings
    assert any("gap" in f for f in findings), findings
    assert any("beyond" in f for f in findings), findings


def sensitivity_summary(rows: list[dict]) -> pd.DataFrame:
    base = {"persons": None, "on_benefits_pct": None, "persons_main": None, "changed_persons": None,
            "changed_pct": None}  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])


def test_sensitivity_counts_against_the_main_headline_are_found():
    """METHOD §8.8: an analysis's national share on benefits beside the main one gives the courses it moves
    (up: off → on), and the share of courses brought in gives their number."""
    figures = ["expected_pct", "indicator_pp", "indicator_low_pp", "indicator_high_pp", "quintile"]
    ranks = ["benchmark_flag", "indicator_rank", "rank_low", "rank_high"]
    national = {"municipality_code": None, "municipality_name": "Landsgennemsnit", "is_national": True}
    t1 = pd.DataFrame([{**national, "persons": 1000, "actual_pct": 20.0, **dict.fromkeys(figures + ranks)}])
    up = {"analysis": "min_weeks_1", "analysis_kind": "up", "persons": 1000, "on_benefits_pct": 20.3}
    added = {
        "analysis": "holiday_as_benefit",
        "analysis_kind": "added",
        "changed_pct": 0.4,
        "persons_main": 1000,
    }
    summary = sensitivity_summary([up, added])
    findings = attack.attack({"pub_bilag2_table1_benchmark": t1, "pub_sensitivity_summary": summary})
    assert any("sens_min_weeks_1_changed" in f and "of 3 persons" in f for f in findings), findings
    assert any("sens_holiday_as_benefit_changed" in f and "4 persons" in f for f in findings), findings


def test_ranks_of_other_horizons_and_sensitivity_for_unpublished_units_are_found():
    """METHOD §6.5–6.6, §8.8: a rank at 2 months for a unit without a published 2-month share, a learning
    row for a unit not published at the headline month and a sensitivity rank with a gap are findings."""
    horizons = pd.DataFrame(
        {
            "horizon_month": [2, 2, 3, 3],
            "municipality_code": [101, 147, 101, 147],
            "is_national": [False] * 4,
            "persons": [40] * 4,
            "actual_pct": [20.0, None, 20.0, None],
            "expected_pct": [20.0, None, 20.0, None],
            "indicator_pp": [0.0, None, 0.0, None],
            "quintile": [1, None, 1, None],
            "benchmark_flag": [None] * 4,
            "indicator_rank": [1, 2, 1, None],
            "rank_low": [1, None, 1, None],
            "rank_high": [1, None, 1, None],
        }
    )
    learning = pd.DataFrame(
        {
            "municipality_code": [101, 147],
            "rank_headline": [1, 2],
            "rank_m2": [1, None],
            "rank_m6": [None] * 2,
        }
    )
    moves = pd.DataFrame(
        {
            "analysis": ["a", "a"],
            "municipality_code": [101, 101],
            "rank_main": [1, 3],
            "rank_analysis": [1, 2],
        }
    )
    findings = attack.attack(
        {
            "pub_benchmark_horizons": horizons,
            "pub_learning_municipalities": learning,
            "pub_sensitivity_rank_moves": moves,
        }
    )
    assert any("benchmark 2 months: indicator_rank shown" in f for f in findings), findings
    assert any("learning selection" in f for f in findings), findings
    assert any("sensitivity a: rank_main has gaps" in f for f in findings), findings


def test_the_build_has_the_issue12_marts():
    """The attack on the build below reads the marts of the 2/6-month benchmark, the learning selection, the
    sensitivity analyses and the job-centre material (METHOD §6.5–6.6, §8.8–8.9)."""
    marts = attack.read_marts(db=_build_or_skip("RTW_ATTACK_DUCKDB"))
    for name in (
        "pub_benchmark_horizons",
        "pub_learning_municipalities",
        "pub_sensitivity_summary",
        "pub_sensitivity_rank_moves",
        "pub_inspiration_material",
        "pub_inspiration_comparison",
    ):
        assert name in marts and len(marts[name]), name


def _build_or_skip(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        if REQUIRED:
            pytest.fail(f"{variable} is not set: the attack needs a built warehouse / export")
        pytest.skip(f"{variable} not set (run through make test-small / test-full)")
    path = Path(value)
    if not path.exists():
        pytest.fail(f"{variable}={value} does not exist")
    return path


def test_region_total_over_a_suppressed_municipality_is_found():
    """Figur 6.1: a region row that (wrongly) counted a suppressed municipality gives it back."""
    regions = pd.DataFrame(
        [
            {
                "region_code": 1,
                "is_region_row": True,
                "municipality_code": None,
                "persons": 44,
                "actual_pct": 25.0,
            },
            {
                "region_code": 1,
                "is_region_row": False,
                "municipality_code": 101,
                "persons": 40,
                "actual_pct": 25.0,
            },
            {
                "region_code": 1,
                "is_region_row": False,
                "municipality_code": 147,
                "persons": None,
                "actual_pct": None,
            },
        ]
    )
    findings = attack.attack({"pub_region_shares": regions})
    assert any("derivable count of 4 persons" in f and "region:1" in f for f in findings), findings
    honest = regions.assign(persons=[40, 40, None])
    assert not attack.attack({"pub_region_shares": honest})


def test_cohort_flow_complement_is_found():
    """Bilag 3 Figur 1.2: all diagnoses − MSK = persons without an MSK plan."""
    flow = pd.DataFrame(
        [
            {
                "discharge_year": "all",
                "persons_all_diagnoses": 100,
                "persons_msk": 97,
                "persons_msk_working_age": 50,
                "msk_pct": 97.0,
                "working_age_pct": 50 / 97 * 100,
            }
        ]
    )
    findings = attack.attack({"pub_cohort_flow": flow})
    assert any("derivable count of 3 persons" in f and "not_msk" in f for f in findings), findings


def test_benefit_weeks_band_and_monthly_since_start_are_found():
    """Figur 5.1: a band's share of those on benefits x their number; Figur 4.3: since start x on benefits."""
    weeks = pd.DataFrame(
        [
            {
                "weeks_band": "0",
                "on_benefits": 40,
                "off_benefits": 160,
                "on_benefits_share_pct": 10.0,
                "off_benefits_share_pct": 70.0,
            }
        ]
    )
    findings = attack.attack({"pub_national_benefit_weeks_by_outcome": weeks})
    assert any("published count of 4 persons" in f and "benefit_weeks_before_start" in f for f in findings)
    monthly = pd.DataFrame(
        [
            {
                "month_number": 3,
                "persons": 200,
                "on_benefits": 40,
                "on_benefits_pct": 20.0,
                "since_start_pct": 92.5,
            }
        ]
    )
    findings = attack.attack({"pub_national_monthly_shares": monthly})
    assert any("derivable count of 3 persons" in f and "notsince3" in f for f in findings), findings


def test_attack_on_the_warehouse_finds_nothing():
    marts = attack.read_marts(db=_build_or_skip("RTW_ATTACK_DUCKDB"))
    assert len(marts) >= 10
    findings = attack.attack(marts)
    assert findings == [], "\n".join(findings[:30])


def test_attack_on_the_parquet_exports_finds_nothing():
    marts = attack.read_marts(marts_dir=_build_or_skip("RTW_ATTACK_MARTS"))
    assert len(marts) >= 10
    findings = attack.attack(marts)
    assert findings == [], "\n".join(findings[:30])


def test_attack_fails_on_a_weakened_suppression_of_the_same_build():
    """Publish every cell that is not primary (no secondary suppression) in Tables 2-4: the attack must find
    derivable counts of 1..5 persons — it is able to fail."""
    db = _build_or_skip("RTW_ATTACK_DUCKDB")
    marts = attack.read_marts(db=db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        cells = con.execute(
            "select cohort_period, area, breakdown, level_name, measure, persons, is_primary"
            " from intermediate.int_publication_cells_suppressed where population = 'courses'"
        ).df()
    finally:
        con.close()
    value = {
        (r.cohort_period, r.area, r.breakdown, r.level_name, r.measure): (None if r.is_primary else r.persons)
        for r in cells.itertuples()
    }

    def weakened(frame: pd.DataFrame, columns: dict[str, tuple]) -> pd.DataFrame:
        frame = frame.copy()
        for i, row in frame.iterrows():
            area = "national" if row["is_national"] else str(int(row["municipality_code"]))
            period = row["cohort_period"]
            for column, (breakdown, level, numerator, denominator) in columns.items():
                den = value.get((period, area, breakdown, level, denominator), 0)
                if numerator is None:
                    frame.loc[i, column] = den
                else:
                    num = value.get((period, area, breakdown, level, numerator), 0)
                    frame.loc[i, column] = None if num is None or not den else 100.0 * num / den
        return frame

    t2 = {}
    for m in attack.TRAJECTORY_MONTHS:
        t2[f"persons_m{m}"] = ("all", "all", None, f"determinable_m{m}")
        t2[f"on_benefits_m{m}_pct"] = ("all", "all", f"on_m{m}", f"determinable_m{m}")
    t4 = {}
    for g, (breakdown, level) in attack.TABLE4_GROUPS.items():
        t4[f"persons_{g}"] = (breakdown, level, None, "determinable_m3")
        t4[f"{g}_pct"] = (breakdown, level, "on_m3", "determinable_m3")
    marts["pub_bilag2_table2_trajectory"] = weakened(marts["pub_bilag2_table2_trajectory"], t2)
    marts["pub_bilag2_table4_characteristics"] = weakened(marts["pub_bilag2_table4_characteristics"], t4)
    findings = [f for f in attack.attack(marts) if f.startswith("derivable")]
    assert findings, "the attack found nothing on a suppression without secondary cells"
