"""Fail unless every source, seed, model, column and project macro is described in the dbt docs.

Reads target/manifest.json (and target/catalog.json when present, to also catch columns that exist in
the warehouse but are missing from yml). Prints the coverage per resource type and the undocumented
items; exits 1 below 100 %.

    python scripts/check_docs_coverage.py [--target-path target]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PROJECT = "rtw_benchmark"
DREAM_WEEK = re.compile(r"y_\d{4}")


def _described(text: str | None) -> bool:
    return bool(text and text.strip())


def coverage(manifest: dict, catalog: dict | None) -> dict[str, tuple[int, list[str]]]:
    """Resource type -> (number checked, undocumented names)."""
    result: dict[str, tuple[int, list[str]]] = {}

    def add(kind: str, name: str, ok: bool) -> None:
        total, missing = result.get(kind, (0, []))
        result[kind] = (total + 1, [*missing, name] if not ok else missing)

    catalog_nodes = {**(catalog or {}).get("nodes", {}), **(catalog or {}).get("sources", {})}
    nodes = {**manifest["nodes"], **manifest["sources"]}
    for uid, node in nodes.items():
        kind = node["resource_type"]
        if kind not in ("model", "seed", "source", "snapshot") or node["package_name"] != PROJECT:
            continue
        label = uid.split(".", 2)[-1]
        add(kind, label, _described(node.get("description")))
        documented = {name.lower(): col for name, col in node.get("columns", {}).items()}
        warehouse = {name.lower() for name in catalog_nodes.get(uid, {}).get("columns", {})}
        for column in sorted(set(documented) | warehouse):
            if DREAM_WEEK.fullmatch(column) and "dream" in label:
                continue  # the ~260 DREAM week columns y_YYWW are documented once, on the source and model
            add("column", f"{label}.{column}", _described(documented.get(column, {}).get("description")))
    for uid, macro in manifest["macros"].items():
        if macro["package_name"] == PROJECT:
            add("macro", uid.split(".", 2)[-1], _described(macro.get("description")))
    for uid, exposure in manifest.get("exposures", {}).items():
        add("exposure", uid.split(".", 2)[-1], _described(exposure.get("description")))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target-path", default="target", type=Path)
    args = parser.parse_args()
    manifest = json.loads((args.target_path / "manifest.json").read_text())
    catalog_path = args.target_path / "catalog.json"
    catalog = json.loads(catalog_path.read_text()) if catalog_path.exists() else None
    ok = True
    for kind, (total, missing) in sorted(coverage(manifest, catalog).items()):
        share = 100.0 * (total - len(missing)) / total if total else 100.0
        print(f"{kind:<9} {total - len(missing):>5} / {total:<5} described ({share:.1f} %)")
        for name in missing:
            print(f"    missing: {name}")
        ok &= not missing
    if catalog is None:
        print("(no catalog.json: columns that exist only in the warehouse were not checked)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
