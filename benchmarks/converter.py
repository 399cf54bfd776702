"""Benchmark the SAS converter (rtw_ingest) on a population-shaped SAS DREAM: rows/s and MB/s of SAS.

Writes (once, then reuses) a SAS DREAM of --rows persons x --weeks ISO-week columns (y_9131 …) with a benefit
code in --fill of the cells, through Debian's `readstat` (as rtw_synth --sas-folder does), then runs
`python -m rtw_ingest` on it in a child process and prints wall time, rows/s, MB/s of SAS and the child's
peak memory. It asserts nothing. The target (issue: population size): >= 30 MB/s of SAS on 2 cores for
>= 500,000 rows x 1,750 columns.

    python benchmarks/converter.py [--rows 500000] [--weeks 1750] [--week-type char|numeric] [--fill 0.2]
                                   [--work data/bench/converter]

Writing the 500,000 x 1,750 file takes several minutes and ~3 GB (char) / ~7 GB (numeric) of disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from rtw_synth.sas_folder import csv_to_sas7bdat

REPO = Path(__file__).resolve().parent.parent

DREAM_ONLY = """[registers.dream]
columns = { pnr = "varchar" }
column_patterns = { "y_[0-9]{4}" = "varchar" }
"""


def week_names(n: int) -> list[str]:
    """n ISO-week column names from 1991-W31 on (DREAM's first week), upper case as on a research server."""
    monday = dt.date.fromisocalendar(1991, 31, 1)
    names = []
    for i in range(n):
        year, week, _ = (monday + dt.timedelta(weeks=i)).isocalendar()
        names.append(f"Y_{year % 100:02d}{week:02d}")
    return names


def write_dream(path: Path, rows: int, weeks: int, week_type: str, fill: float) -> None:
    """A DREAM-shaped SAS file: PNR + one column per week, a sickness-benefit code in every 1/fill-th cell."""
    every = max(1, round(1 / fill))
    names = week_names(weeks)
    k = np.arange(weeks)
    path.parent.mkdir(parents=True, exist_ok=True)
    csv = path.with_suffix(".csv")
    with csv.open("wb") as fh:
        for start in range(0, rows, 10_000):
            i = np.arange(start, min(rows, start + 10_000))[:, None]
            codes = np.where((i * 7 + k * 13) % every == 0, 890 + (i + k) % 9, -1)
            frame = pl.DataFrame(codes, schema=names).with_columns(pl.all().replace(-1, None))
            frame = frame.insert_column(0, pl.Series("PNR", [f"P{x:09d}" for x in i[:, 0]]))
            frame.write_csv(fh, include_header=start == 0)
    csv_to_sas7bdat(csv, {"PNR": False} | dict.fromkeys(names, week_type == "numeric"), path)
    csv.unlink()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500_000)
    ap.add_argument("--weeks", type=int, default=1_750)
    ap.add_argument("--week-type", choices=["char", "numeric"], default="char")
    ap.add_argument("--fill", type=float, default=0.2, help="share of week cells holding a benefit code")
    ap.add_argument("--work", type=Path, default=REPO / "data/bench/converter")
    a = ap.parse_args()
    sas_dir = a.work / f"sas_{a.rows}x{a.weeks}_{a.week_type}_{a.fill}"
    sas = sas_dir / "dream.sas7bdat"
    if not sas.is_file():
        t0 = time.perf_counter()
        print(f"writing {sas} ...", file=sys.stderr, flush=True)
        write_dream(sas, a.rows, a.weeks, a.week_type, a.fill)
        print(f"  written in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    mapping = a.work / "dream_only.toml"
    mapping.write_text(DREAM_ONLY)
    out = a.work / "raw"
    (out / "_manifest.json").unlink(missing_ok=True)  # convert, don't skip as unchanged
    size_mb = sas.stat().st_size / 1e6
    cmd = [sys.executable, "-m", "rtw_ingest", "--sas", str(sas_dir), "--out", str(out)]
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}", file=sys.stderr)
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--mapping", str(mapping), "--no-progress"], check=True, cwd=REPO)
    seconds = time.perf_counter() - t0
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_gb, cpu = child.ru_maxrss / 1e6, child.ru_utime + child.ru_stime
    parquet_mb = sum(p.stat().st_size for p in (out / "dream").rglob("*.parquet")) / 1e6
    print(f"SAS DREAM: {a.rows:,} rows x {a.weeks + 1:,} columns ({a.week_type} weeks, {a.fill:.0%} filled)")
    print(f"  SAS file {size_mb:,.0f} MB -> Parquet {parquet_mb:,.0f} MB; cores available {os.cpu_count()}")
    speed = f"{a.rows / seconds:,.0f} rows/s, {size_mb / seconds:.1f} MB/s of SAS"
    print(f"  rtw_ingest wall time {seconds:.1f} s: {speed}")
    print(f"  CPU time {cpu:.1f} s ({size_mb / cpu:.1f} MB of SAS per CPU second), peak {peak_gb:.2f} GB")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  load average at the end {load} (other work slows the wall time, not the CPU time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
