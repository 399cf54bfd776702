"""Command line: python -m rtw_synth --scale 1 --seed 42 --out data/raw"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from .generator import generate
from .lpr3 import DEFAULT_LPR3_FROM
from .period import blocks
from .periods import DEFAULT_PLANT_SHIFT
from .population import pad
from .sas_folder import write_sas_folder
from .seeds import default_seeds_dir


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
    ap.add_argument(
        "--population-shape",
        action="store_true",
        help="pad the registers with persons without a plan to whole-register size (rtw_synth/population.py)",
    )
    ap.add_argument(
        "--population-factor",
        type=float,
        default=1.0,
        help="scale the population shape's counts (1 = national)",
    )
    ap.add_argument(
        "--start-years",
        type=int,
        nargs="+",
        default=[2016, 2017],
        metavar="YEAR",
        help="the cohort start years (default 2016 2017, the report's): an even number of consecutive "
        "years, one cohort period per two (2016 2017 2018 2019 = periods 2016-17 and 2018-19, each drawn "
        "with its own seed and merged into one extract, rtw_synth/periods.py); every register covers the "
        "years the warehouse needs for them (rtw_synth/period.py); build with dbt var start_years (one "
        "period) or periods (several: [[2016, 2017], [2018, 2019]]) = the same years",
    )
    ap.add_argument(
        "--plant-changes",
        type=int,
        default=0,
        metavar="K",
        help="in every cohort period after the first, K municipalities (drawn from the seed among the "
        "largest) get their effect on the outcome at 3 months shifted, half better, half worse; written to "
        "_truth/planted_changes.parquet (default 0: no change anywhere)",
    )
    ap.add_argument(
        "--plant-shift",
        type=float,
        default=DEFAULT_PLANT_SHIFT,
        metavar="LOGODDS",
        help="the planted shift on the log-odds scale of the outcome at 3 months "
        f"(default {DEFAULT_PLANT_SHIFT})",
    )
    ap.add_argument(
        "--binomial-outcome",
        action="store_true",
        help="draw the outcome at 3 months independently per course, so a municipality's share has binomial "
        "noise as in real data (default: systematic sampling, shares = their probabilities within a course; "
        "for measuring the false-alarm rate of change flags)",
    )
    ap.add_argument(
        "--lpr3-from",
        type=dt.date.fromisoformat,
        default=DEFAULT_LPR3_FROM,
        help="contacts starting on/after this date become the LPR3 tables (lpr3.py; default 2019-03-01)",
    )
    ap.add_argument("--no-progress", action="store_true")
    a = ap.parse_args(argv)
    try:
        n_periods = len(blocks(a.start_years))
    except ValueError as e:
        ap.error(str(e))
    if a.plant_changes and n_periods < 2:
        ap.error("--plant-changes needs at least two cohort periods (e.g. --start-years 2016 2017 2018 2019)")
    if tuple(a.start_years) != (2016, 2017) and (a.population_shape or a.sas_folder):
        ap.error("--population-shape and --sas-folder are written for the default start years 2016 2017 only")
    t0 = time.perf_counter()
    counts = generate(
        a.scale,
        a.seed,
        a.out,
        a.seeds,
        a.background_ratio,
        progress=not a.no_progress,
        start_years=tuple(a.start_years),
        lpr3_from=a.lpr3_from,
        plant_changes=a.plant_changes,
        plant_shift=a.plant_shift,
        binomial_outcome=a.binomial_outcome,
    )
    if a.population_shape:
        added = pad(
            a.out, a.seeds or default_seeds_dir(), a.seed, a.population_factor, progress=not a.no_progress
        )
        counts = {k: v + added.get(k, 0) for k, v in counts.items()}
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
