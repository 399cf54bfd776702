"""Write–audit–publish on real builds (rtw_build), after `make test-small` has published the small build.

Each case runs the orchestration as a user would (``python -m rtw_build``) on the small synthetic data or a
deliberately broken copy of it, next to the published small build:
- a second clean build of the same data and code gives the same build id and byte-identical Parquet
  exports and report pages (checksums of every file);
- a build on broken input fails, says so, and leaves the last good publication untouched;
- a build killed (SIGKILL) during dbt leaves it untouched too, while readers keep reading it, and the next
  `status` names the unfinished build;
- degenerate data (too few events) stop the benchmark model with a message naming the horizon, no traceback;
- a publication whose marts carry another build id is refused by the export.

Needs RTW_PUBLICATION_DB / RTW_PUBLICATION_RAW / RTW_PUBLICATION_VARS (set by `make test-small`); skipped
when they are missing (the plain `make pytest` step).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from report.export import main as export_main

PUBLISHED_DB = os.environ.get("RTW_PUBLICATION_DB")
RAW = os.environ.get("RTW_PUBLICATION_RAW")
VARS = os.environ.get("RTW_PUBLICATION_VARS", "{}")

pytestmark = pytest.mark.skipif(
    not (PUBLISHED_DB and RAW), reason="needs the published small build (make test-small)"
)


def _rtw_build(*args: str, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rtw_build", *args], capture_output=True, text=True, check=False, **popen
    )


def _checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _layout_args(root: Path) -> list[str]:
    return [
        "--db",
        str(root / "rtw.duckdb"),
        "--marts",
        str(root / "marts"),
        "--report",
        str(root / "report"),
    ]


@pytest.fixture(scope="module")
def published() -> dict[str, object]:
    db = Path(PUBLISHED_DB or "")
    root = db.parent
    return {
        "db": db,
        "marts": _checksums(root / "marts"),
        "report": _checksums(root / "report"),
        "link": os.readlink(root / f"{db.stem}.published"),
    }


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second clean build of the same data and code, published into its own folder."""
    root = tmp_path_factory.mktemp("second")
    done = _rtw_build(
        "build", "--raw-dir", str(RAW), *_layout_args(root), "--vars", VARS, "--target-path", "target/second"
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root


def test_two_clean_builds_give_byte_identical_exports_and_pages(
    published: dict[str, object], second: Path
) -> None:
    marts, report = _checksums(second / "marts"), _checksums(second / "report")
    assert len(marts) >= 16 and len(report) >= 80
    assert marts == published["marts"]
    assert report == published["report"]
    manifest = json.loads((second / "marts" / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["build"]["build_id"] in str(published["link"])  # the same inputs give the same id
    assert str(second) not in (second / "marts" / "_manifest.json").read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_publication_untouched_and_says_so(second: Path, tmp_path: Path) -> None:
    before = (_checksums(second / "marts"), os.readlink(second / "rtw.published"))
    raw = tmp_path / "raw"
    shutil.copytree(str(RAW), raw, ignore=shutil.ignore_patterns("_truth"))
    bef = next((raw / "bef").glob("*.parquet"))
    pq.write_table(pq.read_table(bef).slice(0, 1), raw / "bef" / "duplicate.parquet")  # one row twice
    done = _rtw_build(
        "build",
        "--raw-dir",
        str(raw),
        *_layout_args(second),
        "--vars",
        VARS,
        "--target-path",
        "target/broken",
    )
    assert done.returncode == 1
    assert "failed at step 'dbt build'" in done.stderr
    assert "Bad input in register bef" in done.stderr and "duplicate key" in done.stderr
    assert "the publication is unchanged: build" in done.stderr
    assert (_checksums(second / "marts"), os.readlink(second / "rtw.published")) == before


KILLED = ("--vars", VARS, "--target-path", "target/killed")


def test_a_killed_build_leaves_the_publication_untouched_readers_go_on(second: Path) -> None:
    before = (_checksums(second / "report"), os.readlink(second / "rtw.published"))
    build = subprocess.Popen(
        [sys.executable, "-m", "rtw_build", "build", "--raw-dir", str(RAW), *_layout_args(second), *KILLED],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            running = [
                json.loads(p.read_text(encoding="utf-8"))
                for p in (second / "rtw.builds").glob("*/build.json")
                if '"running"' in p.read_text(encoding="utf-8")
            ]
            if any(r.get("step") == "dbt build" for r in running):
                break
            time.sleep(0.5)
        else:
            pytest.fail("the build never reached dbt build")
        time.sleep(8)  # well inside dbt
        # a reader during the build reads the last good publication
        with duckdb.connect(str(second / "rtw.duckdb"), read_only=True) as con:
            status = con.execute("select build_status from publication.build_metadata").fetchone()
        assert status == ("finished",)
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    assert (_checksums(second / "report"), os.readlink(second / "rtw.published")) == before
    said = _rtw_build("status", "--db", str(second / "rtw.duckdb"))
    assert "did not finish (killed or crashed during step 'dbt build'" in said.stdout
    assert "it was never published" in said.stdout


def test_degenerate_data_stop_the_model_with_a_message_and_no_traceback(
    published: dict[str, object], tmp_path: Path
) -> None:
    """Too few events at a horizon (here: the var demands more events than the cohort has) ends the build
    with the horizon named. On a copy of the published warehouse, only the benchmark model and its test."""
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(Path(str(published["db"])).resolve(), db)
    env = {**os.environ, "RTW_DUCKDB_PATH": str(db), "RTW_RAW_DIR": str(RAW)}
    vars_ = {**yaml.safe_load(VARS), "benchmark_min_events": 1_000_000}
    dbt = str(Path(sys.executable).with_name("dbt"))
    select = ["--select", "benchmark_model_results", "benchmark_model_did_not_stop"]
    target = ["--target-path", "target/degenerate"]
    done = subprocess.run(
        [dbt, "build", *select, "--vars", json.dumps(vars_), *target],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "Benchmark model stopped (METHOD §6): benchmark model, horizon 2: too few events" in output
    assert "Traceback" not in output


def test_a_mart_from_another_build_is_refused(published: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "mixed.duckdb"
    shutil.copyfile(Path(str(published["db"])).resolve(), db)
    with duckdb.connect(str(db)) as con:
        con.execute("update publication.pub_model_fit set build_id = 'an-older-build'")
    (tmp_path / "marts").mkdir()
    assert export_main(["--db", str(db), "--out", str(tmp_path / "marts")]) == 1
    assert not list((tmp_path / "marts").iterdir())
