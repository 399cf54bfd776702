"""Command line: python -m rtw_synth --scale 1 --seed 42 --out data/raw"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .generator import generate
from .sas_folder import write_sas_folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="rtw_synth", description="Write synthetic register extracts (Parquet).")
    ap.add_argument("--scale", type=float, default=1.0, help="1 = the report's national scale")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=Path("data/raw"))
    ap.add_argument("--seeds", type=Path, default=None, help="seed folder (default: <repo>/seeds)")
    ap.add_argument(
        "--background-ratio", type=float, default=1.0, help="persons without a plan per plan person"
    )
    ap.add_argument(
        "--sas-folder",
        type=Path,
        default=None,
        help="also write the registers as a research project's SAS folder here (rtw_synth/sas_folder.py)",
    )
    ap.add_argument("--no-progress", action="store_true")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = generate(a.scale, a.seed, a.out, a.seeds, a.background_ratio, progress=not a.no_progress)
    print(
        f"wrote {sum(counts.values()):,} rows to {a.out} in {time.perf_counter() - t0:.1f} s", file=sys.stderr
    )
    if a.sas_folder:
        t0 = time.perf_counter()
        files = write_sas_folder(a.out, a.sas_folder)
        seconds = time.perf_counter() - t0
        print(f"wrote {len(files)} SAS files to {a.sas_folder} in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
