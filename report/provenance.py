"""Which build a publication rests on, read from the data: the build-metadata table the build writes.

The build (``python -m rtw_build``) writes ``publication.build_metadata``, one row: the build id, whether it
finished, the data source (synthetic or register extracts, from the marker the generator or the user put in
the raw folder), generator version, seed and scale, checksums of the extracts, the code version and the
thresholds the build used. Every public mart carries the build id in a ``build_id`` column.

``verify`` is what every reader (the report pages, the Parquet export) runs first: it refuses a publication
whose build did not finish, that has no build metadata, or whose marts do not all carry the one build id.
Relative paths only: nothing here names a folder of the machine the build ran on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

SCHEMA = "publication"
TABLE = "build_metadata"
BUILD_ID = "build_id"
FINISHED = "finished"

# The table's columns and DuckDB types (rtw_build writes it, readers read it; the dataclass below matches).
COLUMNS: dict[str, str] = {
    "build_id": "varchar",
    "build_status": "varchar",
    "data_source": "varchar",
    "generator": "varchar",
    "generator_seed": "bigint",
    "generator_scale": "double",
    "extracts_sha256": "varchar",
    "extracts": "struct(path varchar, bytes bigint, sha256 varchar)[]",
    "code_version": "varchar",
    "dbt_vars": "varchar",
    "headline_month": "integer",
    "disclosure_max_persons": "integer",
    "dq_months_required": "integer",
    "dq_swing_upper": "double",
    "dq_swing_lower": "double",
    "dq_max_swings": "integer",
    "dq_min_persons_year": "integer",
    "dq_min_persons_total": "integer",
}


class ProvenanceError(RuntimeError):
    """The publication does not say which finished build it is, or mixes builds."""


@dataclass(frozen=True)
class Provenance:
    build_id: str
    build_status: str
    data_source: str  # 'synthetic' | 'register'
    generator: str | None
    generator_seed: int | None
    generator_scale: float | None
    extracts_sha256: str
    code_version: str
    headline_month: int
    disclosure_max_persons: int
    dq_months_required: int
    dq_swing_upper: float
    dq_swing_lower: float
    dq_max_swings: int
    dq_min_persons_year: int
    dq_min_persons_total: int

    @property
    def is_synthetic(self) -> bool:
        return self.data_source == "synthetic"

    @property
    def data_label(self) -> str:
        """The sentence every page shows (Danish)."""
        if self.is_synthetic:
            details = [
                f"seed {self.generator_seed}" if self.generator_seed is not None else None,
                f"skala {self.generator_scale:g}" if self.generator_scale is not None else None,
            ]
            inner = ", ".join(d for d in [self.generator or "rtw_synth", *details] if d)
            return f"Bygget på syntetiske data ({inner})"
        return "Bygget på registerudtræk"

    @property
    def built_label(self) -> str:
        """Which build (no clock time: two builds of the same data and code give the same pages)."""
        return f"bygget af kørsel {self.build_id} (kode {self.code_version})"

    def as_manifest(self) -> dict[str, object]:
        return asdict(self)


def read_marker(raw_dir: str | Path) -> dict[str, str]:
    """``<raw_dir>/_SUCCESS`` as key=value fields. rtw_synth writes ``generator=rtw_synth <version>``,
    ``seed=``, ``scale=`` …; real extracts have an empty ``_SUCCESS``. Missing: ProvenanceError."""
    success = Path(raw_dir) / "_SUCCESS"
    if not success.is_file():
        raise ProvenanceError(
            f"{success.name} not found in the raw folder: cannot tell whether it holds synthetic data or "
            "register extracts (rtw_synth writes it; real extracts need an empty _SUCCESS)"
        )
    fields: dict[str, str] = {}
    for line in success.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def _check(
    metadata: list[dict[str, object]], build_ids: dict[str, set[str] | None], where: str
) -> Provenance:
    """The checks every reader runs, on the metadata rows and the build ids found per public mart
    (None = the mart has no build_id column)."""
    if not metadata:
        raise ProvenanceError(
            f"{where} has no build metadata ({SCHEMA}.{TABLE}): it was not written by a finished build "
            "(`make build` / python -m rtw_build); refusing to publish it"
        )
    if len(metadata) != 1:
        raise ProvenanceError(f"{where}: {SCHEMA}.{TABLE} has {len(metadata)} rows, expected 1")
    row = metadata[0]
    if row["build_status"] != FINISHED:
        raise ProvenanceError(
            f"{where}: build {row['build_id']} did not finish (status {row['build_status']!r}); "
            "its marts may be incomplete or untested — refusing to publish them"
        )
    problems = []
    for mart, ids in sorted(build_ids.items()):
        if ids is None:
            problems.append(f"{mart} has no {BUILD_ID} column")
        elif ids and ids != {row["build_id"]}:  # an empty mart carries no id to compare
            problems.append(f"{mart} carries build(s) {', '.join(sorted(map(str, ids)))}")
    if problems:
        raise ProvenanceError(
            f"{where} is not one build: the build metadata says {row['build_id']}, but "
            + "; ".join(problems)
            + " — refusing to publish a mixed publication"
        )
    fields = {k: row[k] for k in Provenance.__dataclass_fields__}
    return Provenance(**fields)  # type: ignore[arg-type]


def _distinct_ids(con: duckdb.DuckDBPyConnection, relation: str) -> set[str] | None:
    columns = [r[0] for r in con.execute(f"describe select * from {relation}").fetchall()]
    if BUILD_ID not in columns:
        return None
    return {r[0] for r in con.execute(f"select distinct {BUILD_ID} from {relation}").fetchall()}


def public_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the publication schema of an open warehouse, by name."""
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_catalog = current_database() and table_schema = ? order by 1",
        [SCHEMA],
    ).fetchall()
    return [r[0] for r in rows]


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, object]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def verify_db(con: duckdb.DuckDBPyConnection, where: str) -> Provenance:
    """Check the publication schema of an open warehouse (see the module docstring)."""
    tables = public_tables(con)
    metadata = _records(con, f'select * from "{SCHEMA}"."{TABLE}"') if TABLE in tables else []
    ids = {t: _distinct_ids(con, f'"{SCHEMA}"."{t}"') for t in tables if t != TABLE}
    return _check(metadata, ids, where)


def verify_parquet(folder: Path, files: Iterable[Path] | None = None) -> Provenance:
    """Check a folder of Parquet exports (one file per public mart plus ``build_metadata.parquet``)."""
    files = sorted(files if files is not None else folder.glob("*.parquet"))
    con = duckdb.connect()
    try:
        table_file = folder / f"{TABLE}.parquet"
        metadata = (
            _records(con, f"select * from read_parquet('{table_file.as_posix()}')")
            if table_file.is_file()
            else []
        )
        ids = {
            f.stem: _distinct_ids(con, f"read_parquet('{f.as_posix()}')") for f in files if f.stem != TABLE
        }
    finally:
        con.close()
    return _check(metadata, ids, f"the Parquet export in {folder.name}/")


def write_metadata(con: duckdb.DuckDBPyConnection, values: dict[str, object]) -> None:
    """(Re)create ``publication.build_metadata`` with one row (the build writes it; tests use it too)."""
    missing = set(COLUMNS) - set(values)
    if missing:
        raise ValueError(f"build metadata lacks {', '.join(sorted(missing))}")
    con.execute(f"create schema if not exists {SCHEMA}")
    columns = ", ".join(f"{name} {dtype}" for name, dtype in COLUMNS.items())
    con.execute(f"create or replace table {SCHEMA}.{TABLE} ({columns})")
    con.execute(
        f"insert into {SCHEMA}.{TABLE} values ({', '.join('?' for _ in COLUMNS)})",
        [values[name] for name in COLUMNS],
    )


def set_status(con: duckdb.DuckDBPyConnection, status: str) -> None:
    con.execute(f"update {SCHEMA}.{TABLE} set build_status = ?", [status])
