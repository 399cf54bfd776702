"""The raw audits' scope (METHOD §0.1, var raw_audit_rows; tests/generic/raw_audit.sql): by default every row
the method reads is checked, i.e. the rows of persons with a plan code and of their hospital contacts; `all`
(make audit-raw) checks every row of every register.

One broken fixture copy (raw_fixture.py: p1 and p2 have plans) is checked in both modes:
- q9, a person without a plan, has a duplicate BFL key and an exact duplicate SSSY row: not read, so no error
  by default, an error with `all`;
- p1 has a duplicate UDDA key: an error in both modes;
- a BFL row keyed ' p1' and an IND row keyed 'p2 ': a read person's row that the scope's lookup would miss, so
  the key check runs on every row: an error in both modes (bfl groups its repeated keys first, ind does not);
- a plan code on contact r9, which lpr_adm lacks: by default the plan's contact has no person and the hospital
  model's test stops the build (the plan would be lost); with `all` the audit's foreign-key check names it.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
import raw_fixture
from test_raw_input_checks import SELECTION, _errors, run_source_checks

# The default scope needs the models that find the persons with a plan and the base models holding their rows
# (models/staging/base), with the seeds and sources they read.
READ_SELECTION = [*SELECTION, "+path:models/staging/base", "+int_hospital_plan_person_contacts"]


def _with_pnr(table: pa.Table, row: int, pnr: str) -> pa.Table:
    """Row `row` of `table` again, keyed `pnr`."""
    one = table.slice(row, 1)
    index = one.schema.get_field_index("pnr")
    return one.set_column(index, one.schema.field(index), pa.array([pnr], pa.string()))


def _broken(work: Path, persons: bool, missing_contact: bool) -> Path:
    """A fixture copy with the person cases and/or the plan on a missing contact (a failing hospital model
    skips every scoped audit after it, so the default mode checks the two apart)."""
    tables = raw_fixture.registers()
    if persons:
        bfl, sssy, ind = tables["bfl"], tables["sssy"], tables["ind"]
        tables["bfl"] = pa.concat_tables([bfl, *(_with_pnr(bfl, 0, pnr) for pnr in ("q9", "q9", " p1"))])
        tables["sssy"] = pa.concat_tables([sssy, _with_pnr(sssy, 0, "q9"), _with_pnr(sssy, 0, "q9")])
        tables["udda"] = pa.concat_tables([tables["udda"], tables["udda"].slice(0, 1)])
        tables["ind"] = pa.concat_tables([ind, _with_pnr(ind, 0, "p2 ")])
    if missing_contact:
        sksube = tables["lpr_sksube"]
        index = sksube.schema.get_field_index("recnum")
        r9 = sksube.slice(0, 1).set_column(index, sksube.schema.field(index), pa.array(["r9"], pa.string()))
        tables["lpr_sksube"] = pa.concat_tables([sksube, r9])
    work.mkdir()
    return raw_fixture.write(work / "raw", tables)


def _checks(
    project_dir: Path, work: Path, mode: str, persons: bool, missing_contact: bool
) -> dict[str, object]:
    raw = _broken(work, persons, missing_contact)
    selection = READ_SELECTION if mode == "read" else SELECTION
    variables = {"raw_audit_rows": mode, "check_extract_windows": False}  # the fixture holds 2015-18 only
    return run_source_checks(project_dir, raw, work, selection, variables)


@pytest.fixture(scope="module")
def results(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    work = tmp_path_factory.mktemp("scope")
    return {
        "read": _checks(project_dir, work / "read", "read", persons=True, missing_contact=False),
        "read, missing contact": _checks(
            project_dir, work / "contact", "read", persons=False, missing_contact=True
        ),
        "all": _checks(project_dir, work / "all", "all", persons=True, missing_contact=True),
    }


def _one(results: dict[str, object], register: str) -> str:
    return "\n".join(_errors(results, register))


def test_rows_of_persons_without_a_plan_are_checked_only_with_all(
    results: dict[str, dict[str, object]],
) -> None:
    assert "duplicate key" not in _one(results["read"], "bfl")
    assert not _errors(results["read"], "sssy"), _errors(results["read"], "sssy")
    assert "column pnr, aar, mdr, ajo_arbnr_senr: duplicate key (2 rows" in _one(results["all"], "bfl")
    assert "exact duplicate rows" in _one(results["all"], "sssy")


def test_rows_of_persons_with_a_plan_are_checked_in_both_modes(results: dict[str, dict[str, object]]) -> None:
    for mode in ("read", "all"):
        assert "column pnr, aar: duplicate key (2 rows" in _one(results[mode], "udda"), mode
        for register in ("bfl", "ind"):
            message = _one(results[mode], register)
            expected = "column pnr: key with whitespace or invisible characters (1 rows"
            assert expected in message, (mode, message)


def test_a_plan_on_a_missing_contact_stops_the_build(results: dict[str, dict[str, object]]) -> None:
    failed = results["read, missing contact"]["not_null_int_hospital_plan_contacts_person_id"]
    assert str(failed.status) == "fail", failed.message
    assert "no matching recnum in register lpr_adm (1 rows" in _one(results["all"], "lpr_sksube")
    # by default the audit reads only the contacts of persons with a plan: r9 is none of them, and the audits
    # that need those persons do not run once the model's test failed
    assert str(results["read, missing contact"]["raw_audit_lpr_sksube"].status) == "skipped"


def test_the_default_scope_reads_the_plan_persons(results: dict[str, dict[str, object]]) -> None:
    audits = sorted(name for name in results["read"] if name.startswith("raw_audit_"))
    assert audits == sorted(name for name in results["all"] if name.startswith("raw_audit_")), audits
    assert len(audits) == 17
