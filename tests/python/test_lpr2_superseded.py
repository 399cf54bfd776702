"""The raw audit's `optional: lpr2_superseded` for LPR2's procedure tables lpr_sksopr / lpr_sksube (METHOD
"LPR3 beside LPR2", models/staging/_raw__sources.yml, tests/generic/raw_audit.sql), on fixture copies.

An extract wholly after the LPR3 cut-over (var lpr3_cutover, 2019-03-01) may lack LPR2's procedure rows: with
their folders absent or their files empty the checks pass. A period whose plan window starts before the
cut-over needs them: absent or empty, the build stops with a message naming the register, the plan window's
first day and the cut-over; also for the start years 2019-20, whose plan window begins in 2018.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import raw_fixture
from test_raw_input_checks import run_source_checks

# lpr_adm too: the procedure tables' audits check their contacts' keys in it (cautious selection needs both)
SELECTION = ["source:raw.lpr_sksopr", "source:raw.lpr_sksube", "source:raw.lpr_adm"]
REGISTERS = ("lpr_sksopr", "lpr_sksube")


def _checks(project_dir: Path, work: Path, start_years: tuple[int, int] | None) -> dict[str, object]:
    """The two registers' source checks on a fixture copy without lpr_sksopr's folder and with an empty
    lpr_sksube file, for the period of `start_years` (None = the default 2016-17)."""
    tables = raw_fixture.registers()
    tables["lpr_sksube"] = tables["lpr_sksube"].slice(0, 0)
    raw = raw_fixture.write(work / "raw", tables)
    shutil.rmtree(raw / "lpr_sksopr")
    # only these registers are checked: the fixture's other registers hold 2015-18 (window check off)
    variables: dict[str, object] = {"check_extract_windows": False}
    if start_years:
        variables["start_years"] = list(start_years)
    return run_source_checks(project_dir, raw, work, SELECTION, variables)


def _status(results: dict[str, object], register: str) -> tuple[str, str]:
    r = results[f"raw_audit_{register}"]
    return str(r.status), str(r.message)


def test_absent_or_empty_lpr2_procedures_pass_in_a_period_wholly_after_the_cutover(
    project_dir: Path, tmp_path: Path
) -> None:
    results = _checks(project_dir, tmp_path, (2020, 2021))
    for register in REGISTERS:
        assert _status(results, register)[0] == "pass", _status(results, register)
    failed = {
        n: str(r.message)
        for n, r in results.items()
        if str(r.status) not in ("pass", "success") and set(REGISTERS) & {t for _, t in r.node.sources}
    }
    assert not failed, failed  # the contract's columns of the empty views too


@pytest.mark.parametrize(
    ("start_years", "plan_window_from"),
    [(None, "2015-11-01"), ((2019, 2020), "2018-11-01")],
    ids=["default period 2016-17", "2019-20: plan window starts before the cut-over"],
)
def test_absent_or_empty_lpr2_procedures_stop_a_period_that_needs_them(
    project_dir: Path, tmp_path: Path, start_years: tuple[int, int] | None, plan_window_from: str
) -> None:
    results = _checks(project_dir, tmp_path, start_years)
    for register in REGISTERS:
        status, message = _status(results, register)
        assert status in ("fail", "error"), (register, status)
        for words in (
            f"register {register}",
            "no rows at all (empty or absent register)",
            f"the plan period starts on {plan_window_from}",
            "var lpr3_cutover 2019-03-01",
        ):
            assert words in message, (words, message)
