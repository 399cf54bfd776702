"""Broken raw input stops `dbt build` with a message naming register, column and an example value.

A valid hand-made fixture (raw_fixture.py) is copied and broken one way per register; one dbt run tests
all sources of the broken copy, and each case must produce its own error message. The clean fixture must
pass the same checks, so a check that always fails is caught too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
import raw_fixture
from dbt.cli.main import dbtRunner


def run_source_checks(project_dir: Path, raw_dir: Path, work: Path) -> dict[str, object]:
    """`dbt build` of the seeds and every source test against raw_dir; returns test name -> result."""
    env = {"RTW_RAW_DIR": str(raw_dir), "RTW_DUCKDB_PATH": str(work / "checks.duckdb")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = dbtRunner().invoke(
            [
                "build",
                "--select",
                "resource_type:seed",
                "source:raw",
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


# Each case: register, how to break it, and the words the error message must contain.
Break = Callable[[pa.Table], pa.Table]
CASES: dict[str, tuple[str, Break, list[str]]] = {
    "missing column": (
        "bef",
        lambda t: t.drop_columns(["ie_type"]),
        ["register bef", "column ie_type is missing"],
    ),
    "wrong type": (
        "ind",
        lambda t: _set(t, "dispon_13", ["250000", "-1200"], pa.string()),
        ["register ind", "column dispon_13 is VARCHAR, the contract says double"],
    ),
    "NULL key": ("dod", lambda t: _set(t, "pnr", [None]), ["register dod", "column pnr", "NULL value"]),
    "duplicate key": (
        "udda",
        lambda t: pa.concat_tables([t, t.slice(0, 1)]),
        ["register udda", "column pnr, aar", "duplicate key", "p1 / 2016 appears 2 times"],
    ),
    "unknown benefit code": (
        "dream",
        lambda t: _set(t, "y_1601", ["100", "121"]),
        ["register dream", "unknown benefit code", "'100' in y_1601 (pnr p1)"],
    ),
    "missing DREAM week": (
        "dream",
        lambda t: t.drop_columns(["y_1553"]),
        ["register dream", "column y_1553 is missing"],
    ),
    "unknown municipality": (
        "ges",
        lambda t: _set(t, "kom", [101, 999]),
        ["register ges", "column kom", "unknown code", "'999'"],
    ),
    "malformed ICD-10": (
        "lpr_diag",
        lambda t: _set(t, "c_diag", ["DM161", "Z098", "DS720"]),
        ["register lpr_diag", "column c_diag", "not a valid Danish ICD-10 code", "'Z098'"],
    ),
    "malformed DB07": (
        "bfl",
        lambda t: _set(t, "ajo_branche07", ["410000", "86.21"]),
        ["register bfl", "column ajo_branche07", "not a valid 6-digit DB07 code", "'86.21'"],
    ),
    "date out of range": (
        "vnds",
        lambda t: _set(t, "haend_dato", [pc.cast(pa.scalar("1899-06-01"), pa.date32()).as_py()]),
        ["register vnds", "column haend_dato", "value outside", "1899-06-01"],
    ),
}


@pytest.fixture(scope="module")
def clean_results(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("clean")
    return run_source_checks(project_dir, raw_fixture.write(work / "raw"), work)


@pytest.fixture(scope="module")
def broken_results(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("broken")
    tables = raw_fixture.registers()
    for register, breaker, _ in CASES.values():
        tables[register] = breaker(tables[register])
    return run_source_checks(project_dir, raw_fixture.write(work / "raw", tables), work)


def test_clean_fixture_passes_every_check(clean_results: dict[str, object]) -> None:
    failed = {
        name: str(r.message) for name, r in clean_results.items() if str(r.status) not in ("pass", "success")
    }
    assert not failed
    assert sum(name.startswith("source_raw_") for name in clean_results) >= 50


@pytest.mark.parametrize("case", list(CASES))
def test_broken_input_stops_with_a_message(case: str, broken_results: dict[str, object]) -> None:
    register, _, words = CASES[case]
    errors = [
        str(r.message)
        for r in broken_results.values()
        if str(r.status) == "error" and register in [table for _, table in r.node.sources]
    ]
    matching = [m for m in errors if all(w in m for w in words)]
    assert matching, f"no error message with {words}; errors for {register}: {errors}"
