"""Persons without a plan change no result: the small dataset padded to population shape gives the same marts.

The small synthetic dataset (`make test-small`: data/test/small/raw, built into data/test/small/rtw.duckdb) is
copied, padded by rtw_synth.population (factor 0.01: ~59,000 residents a year, 2.5 M sssy rows, 1,744 DREAM
week columns, ...) and built again; every table of schema `publication` must equal the unpadded build's
(doubles compared to 1e-9 relative). Run by `make test-population` after `make test-small`; the paths can be
set with RTW_POPULATION_BASE_RAW / RTW_POPULATION_BASE_DB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from marts_compare import assert_same_marts, publication

from rtw_synth.population import pad
from rtw_synth.seeds import default_seeds_dir

SMALL_VARS = "{dq_min_persons_year: 2, dq_min_persons_total: 4}"


def test_population_rows_change_no_public_mart(project_dir: Path, tmp_path: Path) -> None:
    base_raw = Path(os.environ.get("RTW_POPULATION_BASE_RAW", project_dir / "data/test/small/raw"))
    base_db = Path(os.environ.get("RTW_POPULATION_BASE_DB", project_dir / "data/test/small/rtw.duckdb"))
    if not base_db.exists():
        pytest.fail(f"{base_db} missing: run `make test-small` first")
    raw = tmp_path / "raw"
    shutil.copytree(base_raw, raw, ignore=shutil.ignore_patterns("_truth"))
    added = pad(raw, default_seeds_dir(), factor=0.01, progress=False)
    assert added["sssy"] > 1_000_000 and added["dream_week_columns"] == 1744

    # dbt in a subprocess: dbt-duckdb keeps its connection open in-process, which blocks reading the file.
    env = {**os.environ, "RTW_RAW_DIR": str(raw), "RTW_DUCKDB_PATH": str(tmp_path / "pop.duckdb")}
    target = tmp_path / "target"
    dbt = [sys.executable, "-m", "dbt.cli.main", "build", "--vars", SMALL_VARS, "--target-path", str(target)]
    done = subprocess.run(
        [*dbt, "--log-path", str(tmp_path / "logs"), "--quiet"], cwd=project_dir, env=env, check=False
    )
    results = json.loads((target / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"].split(".")[2]: r["status"] for r in results}
    failing = {n: s for n, s in statuses.items() if s not in ("pass", "success", "warn", "no-op")}
    assert done.returncode == 0 and results and not failing, failing
    # The data contract: unmapped codes (the generator writes hfaudd codes missing from the seed) warn.
    assert statuses["unmapped_codes_warn"] == "warn"

    base = publication(base_db)
    assert base
    assert_same_marts(publication(tmp_path / "pop.duckdb"), base)
