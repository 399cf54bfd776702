"""Benchmark at population size: one full DuckDB scan of the extract, then the whole `dbt build`.

Both run back to back on the same machine.

Prints wall time, CPU time (user + system of the child: less dependent on other load on a shared machine than
wall time), peak RSS (of the child process, i.e. DuckDB + dbt/Python) and spilled bytes (the peak size
of DuckDB's temp directory, polled) of:
  1. the full scan: every column of every register read once (`count(columns(*))` per register) in one
     DuckDB process with the same memory limit and threads as the build;
  2. the whole `dbt build` (seeds, raw audits, models, the Python model, tests) into a fresh warehouse,
     with the default settings of profiles.yml unless --memory-limit is given: the raw audits check the rows
     the method reads (docs/METHOD.md §0.1);
  3. with --audit-raw, `make audit-raw`'s dbt command: every raw check on every row of every register (var
     raw_audit_rows: all), once per delivery.
It asserts nothing. Write the extract first (3.3 GiB of Parquet, about 15 min on 2 cores):

    python -m rtw_synth --scale 1 --seed 42 --population-shape --out data/pop/raw
    python benchmarks/population_build.py --raw-dir data/pop/raw [--memory-limit 2GB] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCAN = """
import sys, duckdb, pathlib
raw, memory_limit, threads, temp = sys.argv[1:5]
con = duckdb.connect(config={"memory_limit": memory_limit, "threads": int(threads), "temp_directory": temp})
con.execute("set enable_progress_bar = false")
folders = [p for p in pathlib.Path(raw).iterdir() if p.is_dir() and not p.name.startswith("_")]
for folder in sorted(folders):
    con.execute(f"select count(columns(*)) from read_parquet('{folder}/**/*.parquet')").fetchall()
"""


def _folder_bytes(path: Path) -> int:
    try:  # DuckDB removes its temp directory (and files in it) while this runs
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0
    except FileNotFoundError:
        return 0


def measure(label: str, cmd: list[str], env: dict[str, str], temp: Path) -> dict[str, float]:
    """Run cmd; wall time, peak RSS of the child (wait4) and peak bytes in the temp (spill) directory."""
    peak_spill = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak_spill
        while not done.is_set():
            peak_spill = max(peak_spill, _folder_bytes(temp))
            done.wait(0.5)

    poller = threading.Thread(target=poll, daemon=True)
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=REPO, env=env)
    poller.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    poller.join()
    figures = {
        "exit": os.waitstatus_to_exitcode(status),
        "wall_time_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mib": round(usage.ru_maxrss / 1024),
        "spilled_mib": round(peak_spill / 2**20),
    }
    print(f"{label}: " + " ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw-dir", type=Path, default=REPO / "data" / "pop" / "raw")
    ap.add_argument("--memory-limit", default=None, help="default: profiles.yml's default")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--skip-scan", action="store_true")
    ap.add_argument("--audit-raw", action="store_true", help="also time make audit-raw (every row checked)")
    ap.add_argument(
        "--results", type=Path, default=None, help="keep dbt's run_results.json (per-node times) here"
    )
    ap.add_argument(
        "--vars", default=None, help="dbt --vars (e.g. the small-number thresholds of a small extract)"
    )
    a = ap.parse_args()
    if not (a.raw_dir / "_SUCCESS").exists():
        print(f"no raw data in {a.raw_dir} (see --help)", file=sys.stderr)
        return 2
    raw = a.raw_dir.resolve()
    size = _folder_bytes(raw)
    print(
        f"extract {raw}: {size / 2**30:.1f} GiB; machine: {os.cpu_count()} cores; threads={a.threads}",
        flush=True,
    )
    memory_limit = a.memory_limit or "2GB"
    with tempfile.TemporaryDirectory(prefix="rtw_pop_bench_", dir=REPO / "data") as work:
        temp = Path(work) / "bench.duckdb.tmp"  # DuckDB's default temp directory of the warehouse file
        env = {
            **os.environ,
            "DO_NOT_TRACK": "1",
            "DBT_PROFILES_DIR": str(REPO),
            "RTW_RAW_DIR": str(raw),
            "RTW_DUCKDB_PATH": f"{work}/bench.duckdb",
            "RTW_THREADS": a.threads,
        }
        if a.memory_limit:
            env["RTW_MEMORY_LIMIT"] = a.memory_limit
        if not a.skip_scan:
            scan = [sys.executable, "-c", SCAN, str(raw), memory_limit, a.threads, str(temp)]
            measure(
                f"full scan (every column of every register, memory_limit={memory_limit})", scan, env, temp
            )
        if not a.skip_build:
            target = f"{work}/target"
            dbt = [str(REPO / ".venv/bin/dbt"), "build", "--target-path", target, "--quiet"]
            dbt += ["--vars", a.vars] if a.vars else []
            measure(
                f"whole dbt build (memory_limit={a.memory_limit or 'profiles.yml default'})", dbt, env, temp
            )
            run_results = Path(target, "run_results.json").read_text()
            if a.results:
                a.results.write_text(run_results)
            results = json.loads(run_results)["results"]
            slowest = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:8]
            print(
                "  slowest nodes (s): "
                + ", ".join(f"{r['unique_id'].split('.')[2]}={r['execution_time']:.1f}" for r in slowest)
            )
            kinds: dict[str, float] = {}
            for r in results:
                uid = r["unique_id"]
                kind = "raw checks" if uid.startswith("test.") and "raw_" in uid else uid.split(".")[0]
                kinds[kind] = kinds.get(kind, 0.0) + r["execution_time"]
            print("  summed node time (s): " + ", ".join(f"{k}={v:.0f}" for k, v in sorted(kinds.items())))
            failed = [r["unique_id"] for r in results if r["status"] not in ("success", "pass")]
            print(f"  nodes={len(results)} not passing={failed}")
        if a.audit_raw:
            audit = [str(REPO / ".venv/bin/dbt"), "build", "--select", "resource_type:seed", "source:raw"]
            audit += ["--indirect-selection", "cautious", "--vars", "{raw_audit_rows: all}", "--quiet"]
            audit += ["--target-path", f"{work}/target-audit"]
            env["RTW_DUCKDB_PATH"] = f"{work}/audit.duckdb"
            audit_temp = Path(f"{work}/audit.duckdb.tmp")
            measure("make audit-raw (every row of every register)", audit, env, audit_temp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
