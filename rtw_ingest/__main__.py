"""Command line: python -m rtw_ingest --sas <SAS folder> --out <raw dir> (also installed as `rtw-ingest`)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .convert import IngestError, run
from .mapping import DEFAULT_MAPPING, MappingError


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="rtw_ingest",
        description="Convert a research project's SAS register files to the warehouse's Parquet layout "
        "(<out>/<register>/year=YYYY/part-N.parquet) with a manifest; unchanged files are skipped "
        "on a rerun.",
    )
    ap.add_argument("--sas", type=Path, required=True, help="the project's SAS folder (recursive)")
    ap.add_argument("--out", type=Path, required=True, help="the warehouse's raw dir (RTW_RAW_DIR)")
    ap.add_argument("--mapping", type=Path, default=DEFAULT_MAPPING, help="the mapping file")
    ap.add_argument("--no-progress", action="store_true", help="no progress bars (the file log stays)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        manifest = run(a.sas, a.out, a.mapping, progress=not a.no_progress, log=log)
    except (IngestError, MappingError) as exc:
        log(f"rtw_ingest: error: {exc}")
        return 1
    files = manifest["files"]
    converted = sum(e["status"] == "converted" for e in files)
    log(
        f"rtw_ingest: {converted} converted, {len(files) - converted} unchanged, "
        f"{len(manifest['superseded'])} superseded, {sum(e['rows_out'] for e in files):,} rows in "
        f"{time.perf_counter() - t0:.1f} s; manifest {a.out / '_manifest.json'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
