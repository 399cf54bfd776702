"""The plausibility gate after the cohort (tests/input_checks/plausibility_cohort_after_build.sql) stops the
build with a message naming the step and what is implausible.

Run by `make test-small` on a copy of the small published warehouse: the gate passes with the default bounds
(the small build is green) and must fail, naming `analysis_cohort`, when the bounds exclude the data — as they
would for a truncated register or an empty DREAM window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SMALL_VARS = "dq_min_persons_year: 2, dq_min_persons_total: 4"
GATE = "plausibility_cohort_after_build"


def _gate(project_dir: Path, tmp_path: Path, extra_vars: str) -> subprocess.CompletedProcess[str]:
    db = Path(os.environ.get("RTW_PUBLICATION_DB", project_dir / "data/test/small/rtw.duckdb"))
    if not db.exists():
        pytest.fail(f"{db} missing: run `make test-small` first")
    copy = tmp_path / "gate.duckdb"
    if not copy.exists():
        shutil.copyfile(db.resolve(), copy)
    env = {**os.environ, "RTW_DUCKDB_PATH": str(copy)}
    cmd = [sys.executable, "-m", "dbt.cli.main", "test", "--select", GATE]
    cmd += ["--vars", "{" + SMALL_VARS + extra_vars + "}", "--target-path", str(tmp_path / "target")]
    cmd += ["--log-path", str(tmp_path / "logs")]
    return subprocess.run(cmd, cwd=project_dir, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("extra_vars", "problem"),
    [
        (", plausibility_min_courses: 100000000", "cohort size"),
        (", plausibility_share_m0: [0, 1]", "share on benefits at rehab start"),
        (", plausibility_share_headline: [99, 100]", "share on benefits at month 3"),
    ],
)
def test_gate_stops_naming_the_step(project_dir: Path, tmp_path: Path, extra_vars: str, problem: str) -> None:
    passed = _gate(project_dir, tmp_path, "")
    assert passed.returncode == 0, passed.stdout[-2000:]
    failed = _gate(project_dir, tmp_path, extra_vars)
    assert failed.returncode != 0
    assert "Implausible result after step analysis_cohort" in failed.stdout
    assert problem in failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr
