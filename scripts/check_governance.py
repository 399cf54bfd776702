"""Fail on a governance gap, from the dbt manifest (run by `make dbt-parse` after `dbt parse`).

- every public model (group `public`) has an enforced contract, no person-key column and the `build_id` column
  (the build that wrote it; readers refuse a publication that mixes builds, report/provenance.py);
- every other model — staging, intermediate, the restricted and benchmark marts, the Python model — is in
  group `restricted` with access `protected` or `private`, so a model with a person key is never public.

    python scripts/check_governance.py [--target-path target/parse]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

PROJECT = "rtw_benchmark"
# Column names that identify a person, a plan/course or a hospital contact (docs/DATA_CONTRACT.md).
PERSON_KEYS = frozenset({"pnr", "cpr", "person_id", "course_id", "plan_id", "recnum"})


def problems(manifest: dict) -> list[str]:
    """Every governance gap of the project's models, one line each (empty = none)."""
    found = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["package_name"] != PROJECT:
            continue
        name, group, access = node["name"], node.get("group"), node.get("access")
        columns = set(node.get("columns") or {})
        keys = sorted(columns & PERSON_KEYS)
        if group == "public":
            if not (node.get("contract") or {}).get("enforced"):
                found.append(f"public model {name} has no enforced contract")
            if keys:
                found.append(f"public model {name} has person-key column(s) {', '.join(keys)}")
            if "build_id" not in columns:
                found.append(f"public model {name} has no build_id column")
            if access != "public":
                found.append(f"public model {name} has access {access}, not public")
        elif group != "restricted" or access not in ("protected", "private"):
            found.append(
                f"model {name} ({node.get('language', 'sql')}) is in group {group} with access {access}: "
                "a non-public model must be in group restricted with access protected or private"
            )
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target-path", type=Path, default=Path("target"))
    args = ap.parse_args(argv)
    manifest = json.loads((args.target_path / "manifest.json").read_text())
    found = problems(manifest)
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    public = [n for n in models if n.get("group") == "public"]
    print(f"governance: {len(models)} models, {len(public)} public with enforced contracts and no person key")
    for line in found:
        print(f"  GAP: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
