"""Benchmark the generator: run the CLI in a subprocess, print wall time and peak memory (RSS) of the child.

Usage: python benchmarks/generator.py [--scale 1] [--seed 42] [--out /tmp/rtw_bench/raw]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", default="1")
    ap.add_argument("--seed", default="42")
    ap.add_argument("--out", default="/tmp/rtw_bench/raw")
    ap.add_argument("--report", action="store_true", help="also print the calibration figures from _truth/")
    a = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    cmd = [
        sys.executable,
        "-m",
        "rtw_synth",
        "--scale",
        a.scale,
        "--seed",
        a.seed,
        "--out",
        a.out,
        "--no-progress",
    ]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=repo)
    wall = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(f"scale={a.scale} seed={a.seed} wall_time_s={wall:.1f} peak_rss_mib={peak_kib / 1024:.0f}")
    if a.report:
        subprocess.run([sys.executable, "-m", "rtw_synth.report", a.out], check=True, cwd=repo)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
