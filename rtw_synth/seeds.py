"""Read the code lists (dbt seeds) and the published calibration targets from the repository.

The seeds are the one source of truth for codes. They are found relative to the package
(``<repo>/seeds``, searched recursively, so ``seeds/codes/x.csv`` and ``seeds/x.csv`` both work) or in
the folder given by ``--seeds`` / the environment variable ``RTW_SEEDS_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

CODE_SEEDS = (
    "dream_benefit_codes",
    "diagnosis_groups",
    "db07_divisions",
    "municipalities",
    "municipality_area_population",
    "hospital_specialties",
    "rehab_plan_codes",
    "sssy_services",
    "education_levels",
    "countries_of_origin",
    "charlson_icd10",
)
PUBLISHED = (
    "bilag2_table1_benchmark",
    "bilag2_table2_trajectory",
    "bilag2_table3_persistence",
    "bilag2_table4_characteristics",
    "headline_figures",
    "table3_1_quality_exclusions",
    "table3_3_linked_profile",
    "table5_4_logit_coefficients",
)


def default_seeds_dir() -> Path:
    env = os.environ.get("RTW_SEEDS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "seeds"


def _find(root: Path, stem: str) -> Path:
    hits = sorted(root.rglob(f"{stem}.csv"))
    if not hits:
        raise FileNotFoundError(f"seed {stem}.csv not found under {root}")
    return hits[0]


def _read(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df


def _bool(s: pd.Series) -> pd.Series:
    return s.str.strip().str.lower().isin(["true", "1", "t", "yes"])


def load_seeds(root: Path | None = None) -> dict[str, pd.DataFrame]:
    root = Path(root) if root else default_seeds_dir()
    out: dict[str, pd.DataFrame] = {}
    for stem in CODE_SEEDS:
        out[stem] = _read(_find(root, stem))
    for stem in PUBLISHED:
        out["published_" + stem] = _read(_find(root, "published_" + stem))
    dream = out["dream_benefit_codes"]
    dream["is_sickness_benefit"] = _bool(dream["is_sickness_benefit"])
    dream["is_partial"] = _bool(dream["is_partial"])
    dg = out["diagnosis_groups"]
    for col in ("is_reference", "is_administrative", "is_fallback"):
        dg[col] = _bool(dg[col])
    dg["group_order"] = dg["group_order"].astype(int)
    hs = out["hospital_specialties"]
    hs["is_psychiatry"] = _bool(hs["is_psychiatry"])
    db = out["db07_divisions"]
    db["is_regression_reference"] = _bool(db["is_regression_reference"])
    return out
