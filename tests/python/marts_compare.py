"""Compare the public marts of two builds (used by the layouts and population-shape tests)."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb


def publication(db: Path) -> dict[str, list[tuple]]:
    """Every public mart: its rows, sorted — without the build's identity (the `build_id` column and the
    build_metadata table that a published build has and a plain `dbt build` has not)."""
    con = duckdb.connect(str(db), read_only=True)
    names = con.execute(
        "select table_name from information_schema.tables where table_schema = 'publication'"
        " and table_name <> 'build_metadata' order by 1"
    ).fetchall()
    return {
        n: con.execute(f'select * exclude (build_id) from publication."{n}" order by all').fetchall()
        for (n,) in names
    }


def assert_same_marts(actual: dict[str, list[tuple]], expected: dict[str, list[tuple]]) -> None:
    """Same relations, rows and values; doubles equal up to 1e-9 (the logistic regression sums in row order,
    and the registers' row order differs between layouts, which moves the last digits)."""
    assert sorted(actual) == sorted(expected)
    for name, rows in expected.items():
        assert len(actual[name]) == len(rows), name
        for got, want in zip(actual[name], rows, strict=True):
            same = [
                math.isclose(g, w, rel_tol=1e-9, abs_tol=1e-9) if isinstance(w, float) else g == w
                for g, w in zip(got, want, strict=True)
            ]
            assert all(same), (name, got, want)
