"""Persons without a plan change no result: the small dataset padded to population shape gives the same marts.

The small synthetic dataset (`make test-small`: data/test/small/raw, built into data/test/small/rtw.duckdb) is
copied, padded by rtw_synth.population (factor 0.01: ~59,000 residents a year, 2.5 M sssy rows, 1,744 DREAM
week columns, ...) and built again; every table of schema `publication` must equal the unpadded build's
(doubles compared to 1e-9 relative). Run by `make test-population` after `make test-small`; the paths can be
set with RTW_POPULATION_BASE_RAW / RTW_POPULATION_BASE_DB.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from marts_compare import assert_same_marts, publication

from rtw_synth.__main__ import main as synth
from rtw_synth.population import pad
from rtw_synth.seeds import default_seeds_dir

SMALL_VARS = "{dq_min_persons_year: 2, dq_min_persons_total: 4}"


def _dbt_build(project_dir: Path, raw: Path, db: Path, work: Path) -> dict[str, str]:
    """`dbt build` (every test) of raw into db; asserts it passed and returns node name -> status."""
    # dbt in a subprocess: dbt-duckdb keeps its connection open in-process, which blocks reading the file.
    env = {**os.environ, "RTW_RAW_DIR": str(raw), "RTW_DUCKDB_PATH": str(db)}
    target = work / "target"
    dbt = [sys.executable, "-m", "dbt.cli.main", "build", "--vars", SMALL_VARS, "--target-path", str(target)]
    done = subprocess.run(
        [*dbt, "--log-path", str(work / "logs"), "--quiet"], cwd=project_dir, env=env, check=False
    )
    results = json.loads((target / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"].split(".")[2]: r["status"] for r in results}
    failing = {n: s for n, s in statuses.items() if s not in ("pass", "success", "warn", "no-op")}
    assert done.returncode == 0 and results and not failing, failing
    return statuses


def test_population_rows_change_no_public_mart(project_dir: Path, tmp_path: Path) -> None:
    base_raw = Path(os.environ.get("RTW_POPULATION_BASE_RAW", project_dir / "data/test/small/raw"))
    base_db = Path(os.environ.get("RTW_POPULATION_BASE_DB", project_dir / "data/test/small/rtw.duckdb"))
    if not base_db.exists():
        pytest.fail(f"{base_db} missing: run `make test-small` first")
    raw = tmp_path / "raw"
    shutil.copytree(base_raw, raw, ignore=shutil.ignore_patterns("_truth"))
    added = pad(raw, default_seeds_dir(), factor=0.01, progress=False)
    assert added["sssy"] > 1_000_000 and added["dream_week_columns"] == 1744

    statuses = _dbt_build(project_dir, raw, tmp_path / "pop.duckdb", tmp_path)
    # The data contract: unmapped codes (the generator writes hfaudd codes missing from the seed) warn.
    assert statuses["unmapped_codes_warn"] == "warn"

    base = publication(base_db)
    assert base
    assert_same_marts(publication(tmp_path / "pop.duckdb"), base)


def test_population_rows_in_lpr3_change_no_public_mart(project_dir: Path, tmp_path: Path) -> None:
    """The same with the change to LPR3 inside the data (`--lpr3-from 2016-06-01`, as test_lpr3_cutover.py):
    the padding writes LPR3 population contacts from the first LPR3 contact on, LPR2's before it."""
    base_raw = tmp_path / "base"
    args = ["--scale", "0.05", "--seed", "42", "--no-progress", "--lpr3-from", "2016-06-01"]
    assert synth([*args, "--out", str(base_raw)]) == 0
    (tmp_path / "base_build").mkdir()
    _dbt_build(project_dir, base_raw, tmp_path / "base.duckdb", tmp_path / "base_build")
    raw = tmp_path / "raw"
    shutil.copytree(base_raw, raw, ignore=shutil.ignore_patterns("_truth"))
    added = pad(raw, default_seeds_dir(), factor=0.01, progress=False)
    assert added["lpr_a_kontakt"] > 100_000 and added["lpr_a_diagnose"] >= added["lpr_a_kontakt"]
    assert added["lpr_a_procedure_kirurgi"] > 0 and added["lpr_a_procedure_andre"] > 0
    con = duckdb.connect()
    last_lpr2 = con.execute(
        f"select max(d_inddto) from read_parquet('{raw}/lpr_adm/pop-*.parquet')"
    ).fetchone()[0]
    first_lpr3 = con.execute(
        f"select min(kont_starttidspunkt) from read_parquet('{raw}/lpr_a_kontakt/pop-*.parquet')"
    ).fetchone()[0]
    assert last_lpr2 < dt.date(2016, 6, 1) <= first_lpr3.date()
    (tmp_path / "pop_build").mkdir()
    _dbt_build(project_dir, raw, tmp_path / "pop.duckdb", tmp_path / "pop_build")
    base = publication(tmp_path / "base.duckdb")
    assert base
    assert_same_marts(publication(tmp_path / "pop.duckdb"), base)
