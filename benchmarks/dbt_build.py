"""Benchmark `dbt build`: wall time and peak memory of the SQL part and of the whole build, per node type.

Runs dbt in a subprocess on an existing raw dataset (default: the default data, data/raw; generate it with
`make data`) into a fresh DuckDB file, with DuckDB's memory limit at 8 GB and 2 threads (the target of the
SQL-layer issue), and prints figures — it asserts nothing.

    python benchmarks/dbt_build.py [--raw-dir data/raw] [--memory-limit 8GB] [--threads 2]

"SQL part" = every node except the dbt Python model and what depends on it
(`--exclude benchmark_model_results+`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(label: str, selection: list[str], raw_dir: Path, memory_limit: str, threads: str) -> None:
    with tempfile.TemporaryDirectory(prefix="rtw_dbt_bench_") as work:
        env = {
            **os.environ,
            "DO_NOT_TRACK": "1",
            "DBT_PROFILES_DIR": str(REPO),
            "RTW_RAW_DIR": str(raw_dir.resolve()),
            "RTW_DUCKDB_PATH": f"{work}/bench.duckdb",
            "RTW_MEMORY_LIMIT": memory_limit,
            "RTW_THREADS": threads,
        }
        target = f"{work}/target"
        cmd = [str(REPO / ".venv/bin/dbt"), "build", "--target-path", target, "--quiet", *selection]
        t0 = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=REPO, env=env)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak RSS (KiB on Linux)
        wall = time.perf_counter() - t0
        exit_code = os.waitstatus_to_exitcode(status)
        results = json.loads(Path(target, "run_results.json").read_text())["results"]
    by_type: dict[str, float] = defaultdict(float)
    for r in results:
        by_type[r["unique_id"].split(".")[0]] += r["execution_time"]
    slowest = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:5]
    print(
        f"{label}: exit={exit_code} wall_time_s={wall:.1f} nodes={len(results)} "
        f"peak_rss_mib={usage.ru_maxrss / 1024:.0f} memory_limit={memory_limit} threads={threads}"
    )
    print(
        "  node time by type (s, summed over threads): "
        + ", ".join(f"{k}={v:.1f}" for k, v in sorted(by_type.items()))
    )
    print(
        "  slowest: "
        + ", ".join(f"{r['unique_id'].split('.')[2]}={r['execution_time']:.1f}" for r in slowest)
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw-dir", type=Path, default=REPO / "data" / "raw")
    ap.add_argument("--memory-limit", default="8GB")
    ap.add_argument("--threads", default="2")
    a = ap.parse_args()
    if not (a.raw_dir / "_SUCCESS").exists():
        print(f"no raw data in {a.raw_dir} (run `make data`)", file=sys.stderr)
        return 2
    run("SQL part", ["--exclude", "benchmark_model_results+"], a.raw_dir, a.memory_limit, a.threads)
    run("whole build", [], a.raw_dir, a.memory_limit, a.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
