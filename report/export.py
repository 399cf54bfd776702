"""Export the public marts (schema ``publication``) as Parquet files, one per mart, for analysts.

    python -m report.export --db data/rtw_benchmark.duckdb --out data/marts

Opens the warehouse read-only and refuses it (exit 1, with the reason) unless it is one finished build whose
public marts all carry its build id (report.provenance.verify_db). Writes ``<out>/<mart>.parquet`` (the
build metadata included) and ``<out>/_manifest.json`` (the build's provenance; per mart its rows, columns
and SHA-256) into a new folder that then replaces ``<out>`` in one step, so a reader never sees half an
export. Byte for byte reproducible: rows in a fixed order (``order by all``), doubles rounded (percent and
point columns to 8 decimals, others to 10 significant digits: the last bits of a parallel sum are not under
our control), no clock time and no absolute path in any file. Only the publication schema is read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

import duckdb

from report.provenance import SCHEMA, Provenance, ProvenanceError, public_tables, verify_db

# Rounding of doubles in the export. The last bits of a double that DuckDB sums over several threads depend on
# the order the threads finish; differences of such sums (indicator = actual - expected) carry that noise
# (~1e-14) in absolute terms. Percent and percentage-point columns (names ending in _pct, _pp) are therefore
# rounded to PERCENT_DECIMALS decimals, every other double to SIGNIFICANT_DIGITS significant digits.
SIGNIFICANT_DIGITS = 10
PERCENT_DECIMALS = 8


def rounded_select(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """``select`` of every column of `relation`, doubles rounded (see above), rows in a fixed order."""
    columns = []
    for name, dtype, *_ in con.execute(f"describe select * from {relation}").fetchall():
        q = '"' + name.replace('"', '""') + '"'
        if dtype not in ("DOUBLE", "FLOAT"):
            columns.append(q)
        elif name.endswith(("_pct", "_pp")):
            columns.append(f"round({q}, {PERCENT_DECIMALS}) as {q}")
        else:
            digits = f"{SIGNIFICANT_DIGITS - 1} - cast(floor(log10(abs({q}))) as integer)"
            columns.append(
                f"case when {q} = 0 or not isfinite({q}) then {q} else round({q}, {digits}) end as {q}"
            )
    return f"select {', '.join(columns)} from {relation} order by all"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def replace_directory(new: Path, target: Path) -> None:
    """Put the finished folder `new` in place of `target` (through a symlink, at the folder it points to):
    two renames, so readers see the old or the new folder, never a mixture."""
    target = target.resolve() if target.is_symlink() else target
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def export(db: str | Path, out: str | Path) -> tuple[list[Path], Provenance]:
    """Write one Parquet file per public mart into a new ``out``; return the files and the provenance."""
    db, out = Path(db), Path(out)
    if not db.is_file():
        raise FileNotFoundError(f"warehouse file {db} not found (run `make build` first)")
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        prov = verify_db(con, f"warehouse {db.name}")
        manifest = []
        for mart in public_tables(con):
            relation = f'"{SCHEMA}"."{mart}"'
            path = staging / f"{mart}.parquet"
            con.execute(
                f"copy ({rounded_select(con, relation)}) to '{path}' (format parquet, compression zstd)"
            )
            rows = con.execute(f"select count(*) from {relation}").fetchone()
            columns = [r[0] for r in con.execute(f"describe {relation}").fetchall()]
            manifest.append(
                {
                    "mart": mart,
                    "file": path.name,
                    "rows": rows[0] if rows else 0,
                    "columns": columns,
                    "sha256": sha256(path),
                }
            )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    (staging / "_manifest.json").write_text(
        json.dumps(
            {"schema": SCHEMA, "build": prov.as_manifest(), "marts": manifest},
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    replace_directory(staging, out)
    return [out / m["file"] for m in manifest], prov


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report.export", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("RTW_DUCKDB_PATH", "data/rtw_benchmark.duckdb"))
    parser.add_argument("--out", default="data/marts", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        files, prov = export(args.db, args.out)
    except (FileNotFoundError, ProvenanceError, duckdb.Error) as err:
        print(f"report.export: {err}", file=sys.stderr)
        return 1
    print(
        f"report.export: {len(files)} public marts of build {prov.build_id} -> {args.out} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
