"""Export the public marts (schema ``publication``) as Parquet files, one per mart, for analysts.

    python -m report.export --db data/rtw_benchmark.duckdb --out data/marts

Opens the warehouse read-only, so it can run while nobody writes to it. Writes ``<out>/<mart>.parquet`` and
``<out>/_manifest.json`` (mart, rows, columns, exported at) and removes Parquet files of marts that no longer
exist. Only the publication schema is exported: person-level schemas are never read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import duckdb

from report.marts import SCHEMA


def export(db: str | Path, out: str | Path) -> list[Path]:
    """Write one Parquet file per public mart into ``out``; return the files written."""
    db, out = Path(db), Path(out)
    if not db.is_file():
        raise FileNotFoundError(f"warehouse file {db} not found (run `make build` first)")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        marts = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables"
                " where table_catalog = current_database() and table_schema = ? order by 1",
                [SCHEMA],
            ).fetchall()
        ]
        if not marts:
            raise RuntimeError(f"no public marts in schema {SCHEMA} of {db}")
        written, manifest = [], []
        for mart in marts:
            path = out / f"{mart}.parquet"
            tmp = path.with_suffix(".parquet.tmp")
            con.execute(
                f'copy (select * from "{SCHEMA}"."{mart}") to \'{tmp}\' (format parquet, compression zstd)'
            )
            tmp.replace(path)
            rows = con.execute(f'select count(*) from "{SCHEMA}"."{mart}"').fetchone()
            columns = [r[0] for r in con.execute(f'describe "{SCHEMA}"."{mart}"').fetchall()]
            manifest.append(
                {"mart": mart, "file": path.name, "rows": rows[0] if rows else 0, "columns": columns}
            )
            written.append(path)
    finally:
        con.close()
    for stale in set(out.glob("*.parquet")) - set(written):
        stale.unlink()
    (out / "_manifest.json").write_text(
        json.dumps(
            {
                "schema": SCHEMA,
                "warehouse": str(db),
                "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "marts": manifest,
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report.export", description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("RTW_DUCKDB_PATH", "data/rtw_benchmark.duckdb"))
    parser.add_argument("--out", default="data/marts", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        files = export(args.db, args.out)
    except (FileNotFoundError, RuntimeError, duckdb.Error) as err:
        print(f"report.export: {err}", file=sys.stderr)
        return 1
    print(f"report.export: {len(files)} public marts -> {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
