"""The governance check (scripts/check_governance.py) finds each kind of gap; `make dbt-parse` runs it on the
project itself."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_governance", REPO / "scripts" / "check_governance.py")
assert _spec and _spec.loader
governance = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(governance)


def _model(
    name: str, group: str, access: str, columns: tuple[str, ...], contract: bool, language: str = "sql"
):
    return {
        "resource_type": "model",
        "package_name": "rtw_benchmark",
        "name": name,
        "group": group,
        "access": access,
        "language": language,
        "columns": {c: {"name": c} for c in columns},
        "contract": {"enforced": contract},
    }


def _manifest(*models: dict) -> dict:
    return {"nodes": {f"model.rtw_benchmark.{m['name']}": m for m in models}}


GOOD = (
    _model("pub_table", "public", "public", ("municipality_code", "actual_pct", "build_id"), True),
    _model("analysis_cohort", "restricted", "protected", ("course_id", "person_id"), True),
    _model("benchmark_model_results", "restricted", "protected", ("course_id",), False, "python"),
)


def test_a_governed_project_passes() -> None:
    assert governance.problems(_manifest(*GOOD)) == []


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (
            _model("pub_no_contract", "public", "public", ("actual_pct", "build_id"), False),
            "no enforced contract",
        ),
        (
            _model("pub_leak", "public", "public", ("person_id", "actual_pct", "build_id"), True),
            "person-key column(s) person_id",
        ),
        (
            _model("pub_course", "public", "public", ("course_id", "build_id"), True),
            "person-key column(s) course_id",
        ),
        (_model("pub_no_build", "public", "public", ("actual_pct",), True), "no build_id column"),
        (_model("int_x", None, None, ("plan_id",), False), "group None with access None"),
        (_model("stg_x", "restricted", "public", ("pnr",), False), "access public"),
        (
            _model("benchmark_py", None, "protected", ("course_id",), False, "python"),
            "(python) is in group None",
        ),
    ],
)
def test_each_gap_fails(model: dict, expected: str) -> None:
    found = governance.problems(_manifest(*GOOD, model))
    assert len(found) == 1 and expected in found[0], found
