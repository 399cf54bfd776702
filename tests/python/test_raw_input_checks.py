"""Broken raw input stops `dbt build` with a message naming register, column, count and an example.

A valid hand-made fixture (raw_fixture.py) is copied and broken; one dbt run tests all sources of a copy
(every register's checks run in one audit pass, so several cases in one register are reported together), and
each case must produce its own words in an error message. Person keys never appear in a message (a hashed
example instead). Cases that empty whole registers need their own copy. The clean fixture must pass the same
checks, so a check that always fails is caught too. Accepted cases (upper-case column names) must produce no
error for their register.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pytest
import raw_fixture
from dbt.cli.main import dbtRunner

# The seeds the raw checks read, and the raw checks (source tests and the cross-register singular test).
SELECTION = [
    "municipalities",
    "dream_benefit_codes",
    "rehab_plan_codes",
    "lpr3_codes",
    "lpr3_diagnosis_types",
    "source:raw",
]
PERSON_KEYS = ("p1", "p2")


def run_source_checks(
    project_dir: Path,
    raw_dir: Path,
    work: Path,
    selection: list[str] = SELECTION,
    variables: dict[str, object] | None = None,
) -> dict[str, object]:
    """`dbt build` of the seeds and every source test against raw_dir with dbt `variables`; returns test
    name -> result. The audits check every row (var raw_audit_rows `all`, as make audit-raw) unless
    `variables` say otherwise: the default `read` scope needs the hospital models as well
    (test_raw_audit_scope.py)."""
    env = {"RTW_RAW_DIR": str(raw_dir), "RTW_DUCKDB_PATH": str(work / "checks.duckdb")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = dbtRunner().invoke(
            [
                "build",
                "--select",
                *selection,
                "--indirect-selection",
                "cautious",
                "--project-dir",
                str(project_dir),
                "--profiles-dir",
                str(project_dir),
                "--target-path",
                str(work / "target"),
                "--log-path",
                str(work / "logs"),
                "--no-partial-parse",
                "--quiet",
                "--vars",
                json.dumps({"raw_audit_rows": "all", **(variables or {})}),
            ]
        )
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert result.exception is None, result.exception
    return {r.node.name: r for r in result.result.results}


def _set(table: pa.Table, column: str, values: list, dtype: pa.DataType | None = None) -> pa.Table:
    index = table.schema.get_field_index(column)
    return table.set_column(
        index,
        pa.field(column, dtype or table.schema.field(column).type),
        pa.array(values, dtype or table.schema.field(column).type),
    )


def _empty(table: pa.Table) -> pa.Table:
    return table.slice(0, 0)


def _birth(table: pa.Table) -> pa.Table:
    """p1 born after the admission of its plan contact (2016-03-01)."""
    births = table["foed_dag"].to_pylist()
    pnrs = table["pnr"].to_pylist()
    later = pc.cast(pa.scalar("2016-06-01"), pa.date32()).as_py()
    return _set(table, "foed_dag", [later if p == "p1" else b for p, b in zip(pnrs, births, strict=True)])


# Each case: register, how to break it, and the words an error message must contain (None: accepted, so no
# error for the register may mention the words). The copy a case belongs to is CASES' outer key.
Break = Callable[[pa.Table], pa.Table]
CASES: dict[str, dict[str, tuple[str, Break, list[str] | None]]] = {
    "broken": {
        "missing column": (
            "bef",
            lambda t: t.drop_columns(["ie_type"]),
            ["register bef", "column ie_type: missing from the extract"],
        ),
        "wrong type": (
            "ind",
            lambda t: _set(t, "dispon_13", ["250000", "-1200", "260000"], pa.string()),
            ["register ind", "column dispon_13: is VARCHAR, the contract says double"],
        ),
        "NULL key": (
            "dod",
            lambda t: _set(t, "pnr", [None]),
            ["register dod", "column pnr: NULL value", "(1 rows"],
        ),
        "duplicate key": (
            "udda",
            lambda t: pa.concat_tables([t, t.slice(0, 1)]),
            ["register udda", "column pnr, aar: duplicate key (2 rows; e.g. #"],
        ),
        "unknown benefit code": (
            "dream",
            lambda t: _set(t, "y_1601", ["100", "121"]),
            ["register dream", "unknown benefit code", "(1 rows; e.g. '100' in y_1601)"],
        ),
        "missing DREAM week": (
            "dream",
            lambda t: t.drop_columns(["y_1553"]),
            ["register dream", "column y_1553: missing from the extract"],
        ),
        "unknown municipality": (
            "ges",
            lambda t: _set(t, "kom", [101, 999, 101]),
            ["register ges", "column kom: unknown code (not in seed municipalities) (2 rows; e.g. '999')"],
        ),
        "GES delivered twice": (
            "ges",
            lambda t: pa.concat_tables([t, t]),
            ["register ges", "exact duplicate rows in more than 25.0 % of the rows", "(6 rows; e.g. #"],
        ),
        "malformed ICD-10": (
            "lpr_diag",
            lambda t: _set(t, "c_diag", ["DM161", "Z098", "DS720"]),
            ["register lpr_diag", "column c_diag: not a valid Danish ICD-10 code", "'Z098'"],
        ),
        "malformed DB07": (
            "bfl",
            lambda t: _set(t, "ajo_branche07", ["410000", "86.21", "410000", "410000"]),
            ["register bfl", "column ajo_branche07: not a valid 6-digit DB07 code", "'86.21'"],
        ),
        "NaN paid hours": (
            "bfl",
            lambda t: _set(t, "ajo_loentimer", [math.nan, 40.0, 160.0, math.inf]),
            ["register bfl", "column ajo_loentimer: NaN or infinite value (2 rows"],
        ),
        "date out of range": (
            "vnds",
            lambda t: _set(t, "haend_dato", [pc.cast(pa.scalar("1899-06-01"), pa.date32()).as_py()]),
            ["register vnds", "column haend_dato: value outside", "'1899-06-01'"],
        ),
        "pnr with a trailing space": (
            "lpr_adm",
            lambda t: _set(t, "pnr", ["p1", "p2 ", "p2", "p1"]),
            ["register lpr_adm", "column pnr: key with whitespace or invisible characters (1 rows; e.g. #"],
        ),
        "pnr with an invisible character": (
            "sssy",
            lambda t: _set(t, "pnr", ["p1", "p1\u200b", "p1"]),
            ["register sssy", "column pnr: key with whitespace or invisible characters (1 rows; e.g. #"],
        ),
        "billing week 3001": (
            "sssy",
            lambda t: _set(t, "honuge", ["1553", "3001", "1653"]),
            ["register sssy", "column honuge: not a billing week YYWW of 2005-2019 (2 rows"],
        ),
        "birth after admission": (
            "bef",
            _birth,
            [
                "register bef (vs lpr_adm)",
                "column foed_dag: birth date after the admission date",
                "(1 rows; e.g. #",
            ],
        ),
        "LPR3 diagnosis type not in the seed": (
            "lpr_a_diagnose",
            lambda t: _set(t, "diag_kode_type", ["A", "H"]),
            [
                "register lpr_a_diagnose",
                "column diag_kode_type: unknown code (not in seed lpr3_diagnosis_types)",
            ],
        ),
        "LPR3 contact ending before its start": (
            "lpr_a_kontakt",
            lambda t: _set(t, "kont_sluttidspunkt", [dt.datetime(2017, 8, 9, 8)]),
            ["register lpr_a_kontakt", "column kont_sluttidspunkt: value outside"],
        ),
        "LPR3 procedure of an unknown contact": (
            "lpr_a_procedure_kirurgi",
            lambda t: _set(t, "dw_ek_kontakt", ["k9"]),
            ["register lpr_a_procedure_kirurgi", "no matching dw_ek_kontakt in register lpr_a_kontakt"],
        ),
        "upper-case column name": (
            "lpr_sksopr",
            lambda t: t.rename_columns(["recnum", "c_opr", "D_ODTO"]),
            None,
        ),
    },
    "empty": {
        "all LPR registers empty": (
            "lpr_adm",
            _empty,
            ["register lpr_adm", "column rows: no rows at all (empty register)"],
        ),
        "no admissions in a year of the window (LPR2 and LPR3 together)": (
            "lpr_a_kontakt",
            lambda t: t,
            [
                "register lpr_adm + lpr_a_kontakt",
                "column d_inddto / kont_starttidspunkt: no rows for admissions in 2015",
                "(the method reads 2015-2017)",
            ],
        ),
        "LPR3 registers empty: optional": ("lpr_a_diagnose", _empty, None),
        "lpr_diag empty": ("lpr_diag", _empty, ["register lpr_diag", "no rows at all"]),
        "lpr_sksopr empty": ("lpr_sksopr", _empty, ["register lpr_sksopr", "no rows at all"]),
        "lpr_sksube empty": ("lpr_sksube", _empty, ["register lpr_sksube", "no rows at all"]),
        "empty DREAM": (
            "dream",
            _empty,
            ["register dream", "no benefit code in the week columns", "empty DREAM"],
        ),
        "income year missing": (
            "ind",
            lambda t: t.filter(pc.equal(t["aar"], 2015)),
            ["register ind", "column aar: no rows for income year 2016 (the method reads 2015-2016)"],
        ),
    },
}


def _broken_copy(project_dir: Path, work: Path, copy: str) -> dict[str, object]:
    tables = raw_fixture.registers()
    for register, breaker, _ in CASES[copy].values():
        tables[register] = breaker(tables[register])
    return run_source_checks(project_dir, raw_fixture.write(work / "raw", tables), work)


@pytest.fixture(scope="module")
def clean_results(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("clean")
    return run_source_checks(project_dir, raw_fixture.write(work / "raw"), work)


@pytest.fixture(scope="module")
def broken_results(
    project_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, object]]:
    return {copy: _broken_copy(project_dir, tmp_path_factory.mktemp(copy), copy) for copy in CASES}


def test_clean_fixture_passes_every_check(clean_results: dict[str, object]) -> None:
    failed = {
        name: str(r.message) for name, r in clean_results.items() if str(r.status) not in ("pass", "success")
    }
    assert not failed
    audits = [name for name in clean_results if name.startswith("raw_audit_")]
    assert len(audits) == 17, audits


def _errors(results: dict[str, object], register: str) -> list[str]:
    return [
        str(r.message)
        for r in results.values()
        if str(r.status) in ("error", "fail") and register in [table for _, table in r.node.sources]
    ]


CASE_IDS = [(copy, case) for copy, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("copy", "case"), CASE_IDS, ids=[case for _, case in CASE_IDS])
def test_broken_input_stops_with_a_message(
    copy: str, case: str, broken_results: dict[str, dict[str, object]]
) -> None:
    register, _, words = CASES[copy][case]
    errors = _errors(broken_results[copy], register)
    if words is None:  # accepted: no message about this register's columns
        assert not errors, errors
        return
    matching = [m for m in errors if all(w in m for w in words)]
    assert matching, f"no error message with {words}; errors for {register}: {errors}"


def test_messages_never_print_a_person_key(broken_results: dict[str, dict[str, object]]) -> None:
    messages = [str(r.message) for results in broken_results.values() for r in results.values()]
    leaked = [m for m in messages if any(f"'{p}" in m or f" {p} " in m or f"({p})" in m for p in PERSON_KEYS)]
    assert not leaked, leaked


# Exact duplicate GES rows below the double-delivery share: removed in staging, counted, and the build warns.
DEDUPLICATION = [*SELECTION, "stg_ges__services", "duplicate_rows_summary", "duplicate_rows_removed_warn"]


def test_duplicate_ges_rows_are_counted_not_silent(project_dir: Path, tmp_path: Path) -> None:
    tables = raw_fixture.registers()
    ges = tables["ges"]
    days = [pc.cast(pa.scalar(f"2016-04-{day:02d}"), pa.date32()).as_py() for day in range(1, 12)]
    more = pa.table(
        {
            "pnr": pa.array(["p2"] * len(days)),
            "kom": pa.array([147] * len(days), pa.int32()),
            "d_ydelse": pa.array(days, pa.date32()),
            "c_ydelse": pa.array(["BLHA"] * len(days)),
        },
        schema=ges.schema,
    )
    # 14 distinct rows; the first delivered three times (2 exact duplicates, 3 of 16 rows repeated < 25 %)
    tables["ges"] = pa.concat_tables([ges, more, ges.slice(0, 1), ges.slice(0, 1)])
    raw_dir = raw_fixture.write(tmp_path / "raw", tables)
    # the fixture has no LPR history years: the period's window check (METHOD §0) has its own test
    no_window_check = {"check_extract_windows": False}
    results = run_source_checks(project_dir, raw_dir, tmp_path, DEDUPLICATION, no_window_check)
    assert str(results["raw_audit_ges"].status) == "pass", results["raw_audit_ges"].message
    assert str(results["duplicate_rows_removed_warn"].status) == "warn"
    with duckdb.connect(str(tmp_path / "checks.duckdb")) as con:
        counted = con.execute(
            "select rows_delivered, rows_kept, duplicate_rows_removed from restricted.duplicate_rows_summary"
            " where register = 'ges'"
        ).fetchall()
    assert counted == [(16, 14, 2)]
