"""The same registers in three layouts give exactly the same publication marts.

1. flat Parquet as rtw_synth writes it (`<register>/part-0.parquet`, lower-case names, a year column);
2. year-partitioned Parquet as the community converters write it (`<register>/year=YYYY/*.parquet`), with the
   yearly registers' year only in the partition and the column names in upper case;
3. the research project's SAS folder written by `rtw_synth --sas-folder` (yearly upper-case SAS files, numeric
   codes, a wrong first delivery replaced by a dated re-delivery, a `_1` file, a renamed variable) converted
   by `rtw_ingest`.

Each is built at the scale of `make test-small` (seeds and models, then the raw checks of the sources; the
other data tests and the unit tests run in `make test-small`) and every relation of the `publication`
schema is compared row by row.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from marts_compare import assert_same_marts, publication

from rtw_ingest.convert import run as ingest
from rtw_synth.__main__ import main as synth
from rtw_synth.sas_folder import write_sas_folder

# The small dataset of `make test-small` (the logistic regression needs this many persons to converge).
SCALE, SEED = "0.05", "42"
SMALL_VARS = "{dq_min_persons_year: 2, dq_min_persons_total: 4}"
YEARLY = {"bef": "aar", "ind": "aar", "udda": "aar", "bfl": "aar"}


def dbt_build(project_dir: Path, raw_dir: Path, work: Path) -> Path:
    """Seeds and models (no data or unit tests), then the raw checks of the sources; returns the warehouse."""
    db = work / "rtw.duckdb"
    env = {**os.environ, "RTW_RAW_DIR": str(raw_dir), "RTW_DUCKDB_PATH": str(db), "DO_NOT_TRACK": "1"}
    common = ["--vars", SMALL_VARS, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir)]
    common += ["--target-path", str(work / "target"), "--log-path", str(work / "logs"), "--quiet"]
    dbt = str(Path(sys.executable).parent / "dbt")
    for args in (
        ["build", "--exclude-resource-type", "test", "unit_test"],
        ["test", "--select", "source:raw", "--indirect-selection", "cautious"],
    ):
        done = subprocess.run([dbt, *args, *common], env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    return db


def hive_layout(flat: Path, out: Path) -> None:
    """The flat registers re-laid as year=YYYY partitions (year not in the files) with upper-case names."""
    con = duckdb.connect()
    out.mkdir(parents=True)
    for folder in sorted(p for p in flat.iterdir() if p.is_dir() and not p.name.startswith("_")):
        name = folder.name
        rel = f"read_parquet('{folder}/*.parquet')"
        columns = [c for c, *_ in con.execute(f"describe select * from {rel}").fetchall()]
        year = YEARLY.get(name) or ("year(d_inddto)" if name == "lpr_adm" else None)
        select = ", ".join(f'"{c}" as "{c.upper()}"' for c in columns if c != YEARLY.get(name))
        if year is None:
            (out / name).mkdir(parents=True)
            con.execute(f"copy (select {select} from {rel}) to '{out / name}/part-0.parquet'")
        else:
            query = f"select {select}, {year} as year from {rel}"
            con.execute(f"copy ({query}) to '{out / name}' (format parquet, partition_by (year))")
    (out / "_SUCCESS").write_text("")


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory, project_dir: Path) -> dict[str, dict[str, list[tuple]]]:
    """The marts of the three layouts. With RTW_LAYOUTS_FLAT_RAW / RTW_LAYOUTS_FLAT_DB (`make test-layouts`
    passes the raw data and warehouse of `make test-small`) the flat build is that one, not built again."""
    work = tmp_path_factory.mktemp("layouts")
    sas = work / "sas"
    flat_raw, flat_db = os.environ.get("RTW_LAYOUTS_FLAT_RAW"), os.environ.get("RTW_LAYOUTS_FLAT_DB")
    marts = {}
    if flat_raw and flat_db and Path(flat_db).is_file():
        flat = Path(flat_raw)
        write_sas_folder(flat, sas)
        marts["flat"] = publication(Path(flat_db))
    else:
        flat = work / "flat"
        args = ["--scale", SCALE, "--seed", SEED, "--no-progress", "--out", str(flat)]
        assert synth([*args, "--sas-folder", str(sas)]) == 0
    hive_layout(flat, work / "hive")
    ingest(sas, work / "converted", progress=False, log=lambda _: None)
    for name, raw in (("flat", flat), ("hive", work / "hive"), ("converted", work / "converted")):
        if name not in marts:
            (work / f"build_{name}").mkdir()
            marts[name] = publication(dbt_build(project_dir, raw, work / f"build_{name}"))
    return marts


def test_year_partitioned_upper_case_layout_gives_the_same_marts(layouts: dict) -> None:
    assert len(layouts["flat"]) >= 10 and sum(map(len, layouts["flat"].values())) > 100
    assert_same_marts(layouts["hive"], layouts["flat"])


def test_sas_folder_through_the_converter_gives_the_same_marts(layouts: dict) -> None:
    assert_same_marts(layouts["converted"], layouts["flat"])
