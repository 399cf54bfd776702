"""METHOD §0: before any model runs, the period's windows are compared with what the extract holds, and an
extract that is one year short stops the run with ONE message listing each register and its missing years or
weeks.

The hand-made fixture of the raw-input tests (raw_fixture.py), with LPR contacts in the 5 history years added,
covers the default period 2016-17 and must pass; a copy cut one year early (everything from 2017 on, income
from 2016, the DREAM weeks of 2018) must stop `dbt run` of one staging model in on-run-start with the message.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
import raw_fixture
from dbt.cli.main import dbtRunner, dbtRunnerResult

HISTORY = [2011, 2012, 2013, 2014]


def _with_history(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The fixture plus one LPR contact in each history year (METHOD §4: 5 years before the start year)."""
    adm = tables["lpr_adm"]
    extra = pa.table(
        {
            "pnr": ["p2"] * len(HISTORY),
            "recnum": [f"h{y}" for y in HISTORY],
            "d_inddto": [dt.date(y, 6, 1) for y in HISTORY],
            "d_uddto": [dt.date(y, 6, 1) for y in HISTORY],
            "c_pattype": ["2"] * len(HISTORY),
            "c_indm": ["2"] * len(HISTORY),
            "c_spec": ["30"] * len(HISTORY),
            "c_adiag": ["DZ098"] * len(HISTORY),
            "c_mdc": ["08"] * len(HISTORY),
        },
        schema=adm.schema,
    )
    return {**tables, "lpr_adm": pa.concat_tables([adm, extra])}


def _year_short(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The extract delivered one year early: nothing from 2017 on (income: nothing from 2016 on)."""
    out = dict(tables)
    for name, column, last in (
        ("bef", "aar", 2016),
        ("bfl", "aar", 2016),
        ("udda", "aar", 2016),
        ("ind", "aar", 2015),
    ):
        out[name] = out[name].filter(pc.less_equal(out[name][column], last))
    for name, column in (("lpr_adm", "d_inddto"), ("ges", "d_ydelse")):
        out[name] = out[name].filter(pc.less(out[name][column], pa.scalar(dt.date(2017, 1, 1))))
    # LPR3 contacts count with LPR2's (METHOD §0): the extract ends before 2017 in both
    kontakt = out["lpr_a_kontakt"]
    out["lpr_a_kontakt"] = kontakt.filter(
        pc.less(
            kontakt["kont_starttidspunkt"],
            pa.scalar(dt.datetime(2017, 1, 1), kontakt["kont_starttidspunkt"].type),
        )
    )
    out["sssy"] = out["sssy"].filter(pc.less(out["sssy"]["honuge"], "17"))
    dream = out["dream"]
    out["dream"] = dream.select([c for c in dream.column_names if not c.startswith("y_18")])
    return out


def _run(project_dir: Path, raw_dir: Path, work: Path, monkeypatch: pytest.MonkeyPatch) -> dbtRunnerResult:
    monkeypatch.setenv("RTW_RAW_DIR", str(raw_dir))
    monkeypatch.setenv("RTW_DUCKDB_PATH", str(work / "period.duckdb"))
    args = ["run", "--select", "stg_dod__deaths", "--project-dir", str(project_dir)]
    args += ["--profiles-dir", str(project_dir), "--target-path", str(work.parent / "target")]
    return dbtRunner().invoke([*args, "--log-path", str(work / "logs"), "--quiet"])


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("period")


def test_extract_covering_the_period_passes(
    project_dir: Path, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = work / "clean"
    tables = _with_history(raw_fixture.registers())
    result = _run(project_dir, raw_fixture.write(clean / "raw", tables), clean, monkeypatch)
    assert result.exception is None and result.success, result.exception


def test_extract_one_year_short_stops_with_one_message(
    project_dir: Path, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    short = work / "short"
    tables = _year_short(_with_history(raw_fixture.registers()))
    result = _run(project_dir, raw_fixture.write(short / "raw", tables), short, monkeypatch)
    assert not result.success
    message = str(result.exception) + " ".join(str(r.message) for r in (result.result or []))
    expected = [
        "The extract does not cover the period of var start_years 2016/2017 (METHOD §0)",
        "bef: no status year 2017 (aar; the period needs 2015-2017)",
        "lpr_adm: no contacts in 2017 (d_inddto; the period needs 2011-2017)",
        "ges: no services in 2017 (d_ydelse; the period needs 2016-2017)",
        "bfl: no employment year 2017 (aar; the period needs 2015-2017)",
        "ind: no income year 2016 (aar; the period needs 2015-2016)",
        "udda: no education year 2017 (aar; the period needs 2016-2017)",
        "sssy: no billing weeks of 2017 (honuge; the period needs 2015-2017)",
        "dream: 52 week columns missing: y_1801..y_1852 (the period needs 2014-W01 .. 2018-W52)",
    ]
    missing = [line for line in expected if line not in message]
    assert not missing, f"not in the message: {missing}\nmessage: {message}"
    assert message.count("The extract does not cover") == 1
    # nothing but years and weeks: no person key
    assert "p1" not in message and "p2" not in message
