"""Read the public marts: the ``publication`` schema of the DuckDB file (read-only) or its Parquet export.

``REQUIRED`` is the builder's contract with the publication layer: every model the pages use, the columns they
read and what for. A model or column that is missing stops the build with its name (never a silent skip).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA = "publication"


class MissingMartError(RuntimeError):
    """A public mart (or a column of it) that a page needs is not in the warehouse."""


@dataclass(frozen=True)
class MartSpec:
    model: str
    columns: tuple[str, ...]
    used_for: str


# Logical name -> publication model. Columns are those documented in models/marts/publication/*.yml.
REQUIRED: dict[str, MartSpec] = {
    "table1": MartSpec(
        "pub_bilag2_table1_benchmark",
        (
            "municipality_code",
            "municipality_name",
            "is_national",
            "persons",
            "actual_pct",
            "expected_pct",
            "indicator_pp",
            "indicator_low_pp",
            "indicator_high_pp",
            "quintile",
            "benchmark_flag",
            "indicator_rank",
            "rank_low",
            "rank_high",
        ),
        "nøgletal, funnel plot, kvintiler, figur 1–2, peers (Bilag 2 tabel 1)",
    ),
    "table2": MartSpec(
        "pub_bilag2_table2_trajectory",
        (
            "municipality_code",
            "is_national",
            "on_benefits_m0_pct",
            "on_benefits_m3_pct",
            "on_benefits_m6_pct",
        ),
        "figur 3 (Bilag 2 tabel 2)",
    ),
    "table3": MartSpec(
        "pub_bilag2_table3_persistence",
        ("municipality_code", "is_national", *(f"since_start_m{m}_pct" for m in range(7))),
        "figur 4 (Bilag 2 tabel 3)",
    ),
    "table4": MartSpec(
        "pub_bilag2_table4_characteristics",
        (
            "municipality_code",
            "is_national",
            "physically_demanding_pct",
            "large_joint_pct",
            "women_pct",
            "men_pct",
            "under50_pct",
            "over50_pct",
        ),
        "figur 5–6 (Bilag 2 tabel 4)",
    ),
    "top_bottom": MartSpec(
        "pub_table1_1_top_bottom",
        (
            "list_name",
            "list_position",
            "municipality_name",
            "persons",
            "actual_pct",
            "expected_pct",
            "indicator_pp",
        ),
        "top/bund 10 (tabel 1.1)",
    ),
    "stability": MartSpec(
        "pub_rank_stability",
        ("municipality_code", "indicator_m3_pp", "indicator_m6_pp", "rank_m3", "rank_m6", "rank_correlation"),
        "rangstabilitet 3/6 mdr., peers",
    ),
    "quality": MartSpec(
        "pub_table3_1_quality_exclusions",
        (
            "municipality_code",
            "municipality_name",
            "quality_year",
            "fails_sds_quality",
            "fails_min_persons_year",
            "fails_min_persons_total",
            "is_year_kept",
        ),
        "datakvalitet (tabel 3.1)",
    ),
    "benefit_mix": MartSpec(
        "pub_national_benefit_mix",
        ("month_number", "recipients", "sickness_benefit_pct", "unemployment_etc_pct", "other_benefit_pct"),
        "ydelsessammensætning pr. måned (landsplan)",
    ),
    "funnel": MartSpec(
        "pub_funnel_limits",
        ("persons", "funnel_95_low_pp", "funnel_95_high_pp", "funnel_998_low_pp", "funnel_998_high_pp"),
        "funnel plot (kontrolgrænser efter kommunestørrelse)",
    ),
    "coefficients": MartSpec(
        "pub_regression_coefficients",
        (
            "term_order",
            "variable_label",
            "level_label",
            "estimate",
            "std_error",
            "p_value",
            "stars",
            "ame_pp",
        ),
        "regressionstabel (Bilag 3 tabel 5.4)",
    ),
    "model_fit": MartSpec("pub_model_fit", ("metric", "value"), "modellens træfsikkerhed (N, AUC, Brier)"),
    "attrition": MartSpec(
        "pub_cohort_attrition",
        ("step_number", "step_name", "courses_out", "courses_remaining"),
        "fra genoptræningsplan til analysepopulation (attrition)",
    ),
}


class Marts:
    """The public marts, from a DuckDB file (opened read-only) or a folder of Parquet exports."""

    def __init__(self, db: str | Path | None = None, parquet_dir: str | Path | None = None) -> None:
        if (db is None) == (parquet_dir is None):
            raise ValueError("give exactly one of db or parquet_dir")
        self._cache: dict[str, pd.DataFrame] = {}
        self.parquet_dir = Path(parquet_dir) if parquet_dir is not None else None
        self.db = Path(db) if db is not None else None
        self._con: duckdb.DuckDBPyConnection | None = None
        if self.db is not None:
            if not self.db.is_file():
                raise FileNotFoundError(f"warehouse file {self.db} not found (run `make build` first)")
            self._con = duckdb.connect(str(self.db), read_only=True)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Marts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def available(self) -> list[str]:
        """Names of the public marts present."""
        if self._con is not None:
            rows = self._con.execute(
                "select table_name from information_schema.tables"
                " where table_catalog = current_database() and table_schema = ? order by 1",
                [SCHEMA],
            ).fetchall()
            return [r[0] for r in rows]
        assert self.parquet_dir is not None
        return sorted(p.stem for p in self.parquet_dir.glob("*.parquet"))

    def read_model(self, model: str) -> pd.DataFrame:
        """One public mart as a DataFrame; MissingMartError names it when absent."""
        if model in self._cache:
            return self._cache[model]
        if model not in self.available():
            where = f"schema {SCHEMA} of {self.db}" if self.db else f"{self.parquet_dir}"
            raise MissingMartError(f"public mart `{model}` not found in {where}")
        if self._con is not None:
            frame = self._con.execute(f'select * from "{SCHEMA}"."{model}"').df()
        else:
            assert self.parquet_dir is not None
            frame = pd.read_parquet(self.parquet_dir / f"{model}.parquet")
        self._cache[model] = frame
        return frame

    def get(self, key: str) -> pd.DataFrame:
        """A mart of the contract by its logical name, checked for the columns the pages read."""
        spec = REQUIRED[key]
        try:
            frame = self.read_model(spec.model)
        except MissingMartError as err:
            raise MissingMartError(f"{err} — needed for: {spec.used_for}") from None
        missing = [c for c in spec.columns if c not in frame.columns]
        if missing:
            raise MissingMartError(
                f"public mart `{spec.model}` lacks column(s) {', '.join(missing)}"
                f" — needed for: {spec.used_for}"
            )
        return frame

    def check_all(self) -> None:
        """Fail before any page is written when any mart of the contract is missing (all names at once)."""
        problems = []
        for key in REQUIRED:
            try:
                self.get(key)
            except MissingMartError as err:
                problems.append(str(err))
        if problems:
            raise MissingMartError("the report cannot be built:\n  " + "\n  ".join(problems))
