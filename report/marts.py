"""Read the public marts: the ``publication`` schema of the DuckDB file (read-only) or its Parquet export.

``REQUIRED`` lists the public marts the pages use and what for; their columns are read from the marts'
enforced dbt contracts (models/marts/publication/*.yml), never re-declared here. A model or contracted column
that is missing stops the build with its name (never a silent skip).

Cohort periods: every public mart has ``cohort_period`` as its first key. The pages show ONE period, the
latest (``Marts.period``, the latest of Bilag 2 Tabel 1's periods): ``Marts.get`` returns that period's rows
without the column, so with one period the pages are what they were before the periods came.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

SCHEMA = "publication"
# The public marts' contracts (the package is installed editable: the dbt project sits beside it).
CONTRACTS = Path(__file__).resolve().parent.parent / "models" / "marts" / "publication"


class MissingMartError(RuntimeError):
    """A public mart (or a column of it) that a page needs is not in the warehouse."""


@dataclass(frozen=True)
class MartSpec:
    model: str
    used_for: str

    @property
    def columns(self) -> tuple[str, ...]:
        """The mart's columns, as its enforced contract declares them."""
        contracts = contract_columns()
        if self.model not in contracts:
            raise MissingMartError(f"public mart `{self.model}` has no contract in {CONTRACTS}")
        return contracts[self.model]


@functools.cache
def contract_columns(directory: Path = CONTRACTS) -> dict[str, tuple[str, ...]]:
    """Public mart -> its contracted columns in order, from the publication models' YAML (the contracts dbt
    enforces on every public mart, dbt_project.yml), so the report never re-declares them by hand."""
    columns: dict[str, tuple[str, ...]] = {}
    for path in sorted(directory.glob("*.yml")):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            columns[model["name"]] = tuple(c["name"] for c in model.get("columns") or [])
    if not columns:
        raise MissingMartError(f"no public mart contracts found in {directory}")
    return columns


# Logical name -> publication model and what the pages use it for; its columns are the model's contract.
REQUIRED: dict[str, MartSpec] = {
    "table1": MartSpec(
        "pub_bilag2_table1_benchmark", "nøgletal, funnel plot, kvintiler, figur 1–2, peers (Bilag 2 tabel 1)"
    ),
    "table2": MartSpec("pub_bilag2_table2_trajectory", "figur 3 (Bilag 2 tabel 2)"),
    "table3": MartSpec("pub_bilag2_table3_persistence", "figur 4 (Bilag 2 tabel 3)"),
    "table4": MartSpec("pub_bilag2_table4_characteristics", "figur 5–6 (Bilag 2 tabel 4)"),
    "top_bottom": MartSpec("pub_table1_1_top_bottom", "top/bund 10 (tabel 1.1)"),
    "stability": MartSpec("pub_rank_stability", "rangstabilitet 3/6 mdr., peers"),
    "peers": MartSpec("pub_municipality_peers", "kommuner at lære af (peers)"),
    "quality": MartSpec("pub_table3_1_quality_exclusions", "datakvalitet (tabel 3.1)"),
    "benefit_mix": MartSpec("pub_national_benefit_mix", "ydelsessammensætning pr. måned (landsplan)"),
    "funnel": MartSpec("pub_funnel_limits", "funnel plot (kontrolgrænser efter kommunestørrelse)"),
    "coefficients": MartSpec("pub_regression_coefficients", "regressionstabel (Bilag 3 tabel 5.4)"),
    "model_fit": MartSpec("pub_model_fit", "modellens træfsikkerhed (N, AUC, Brier)"),
    "attrition": MartSpec("pub_cohort_attrition", "fra genoptræningsplan til analysepopulation (attrition)"),
    "monthly": MartSpec("pub_national_monthly_shares", "figur 4.2–4.3: måned for måned med nævnere"),
    "groups": MartSpec("pub_national_shares_by_group", "figur 5.2–5.6: hvem er på ydelser (landsplan)"),
    "benefit_weeks": MartSpec(
        "pub_national_benefit_weeks_by_outcome", "figur 5.1: uger på ydelser før start"
    ),
    "regions": MartSpec("pub_region_shares", "figur 6.1: kommunerne fordelt på regioner"),
    "flow": MartSpec(
        "pub_cohort_flow", "figur 4.1 og Bilag 3 figur 1.2: fra alle planer til analysepopulation"
    ),
    "linkage": MartSpec("pub_table3_2_linkage_rates", "tabel 3.2: kobling af planer til forløb"),
    "linked_profile": MartSpec(
        "pub_table3_3_linked_profile", "tabel 3.3: dem der kobles og dem der ikke kobles"
    ),
    # issue 12 points 4–6 (report/extras.py)
    "horizons": MartSpec("pub_benchmark_horizons", "benchmarking 2, 3 og 6 mdr."),
    "learning": MartSpec("pub_learning_municipalities", "kommuner at lære af (Bilag 3 §6)"),
    "sensitivity": MartSpec("pub_sensitivity_summary", "følsomhedsanalyser (landsresultater)"),
    "sensitivity_moves": MartSpec("pub_sensitivity_rank_moves", "største rangflytninger"),
    "material": MartSpec("pub_inspiration_material", "jobcentermateriale"),
    "comparison": MartSpec("pub_inspiration_comparison", "sammenligning med/uden materiale"),
    # several cohort periods, METHOD §8.10 (report/over_time.py)
    "over_time": MartSpec("pub_municipality_over_time", "kommunens indikator pr. periode"),
    "changes": MartSpec("pub_municipality_changes", "ændring fra periode til periode, med vurdering"),
    "trend": MartSpec("pub_national_trend", "landsudvikling og fordelingen af indikatorerne pr. periode"),
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
            # rows in a fixed order (as the Parquet export writes them): pages that print a mart's rows as
            # they come are then byte-identical from build to build
            frame = self._con.execute(f'select * from "{SCHEMA}"."{model}" order by all').df()
        else:
            assert self.parquet_dir is not None
            frame = pd.read_parquet(self.parquet_dir / f"{model}.parquet")
        self._cache[model] = frame
        return frame

    def periods(self) -> list[str]:
        """The cohort periods of the publication, earliest first (labels 'YYYY' or 'YYYY-YYYY', ordered by
        their first year), read from Bilag 2 Tabel 1; empty for marts without periods."""
        frame = self.read_model(REQUIRED["table1"].model)
        if "cohort_period" not in frame.columns:
            return []
        labels = {str(p) for p in frame["cohort_period"].dropna()}
        return sorted(labels, key=lambda label: (int(label[:4]), label))

    @property
    def period(self) -> str | None:
        """The cohort period the pages show: the latest."""
        periods = self.periods()
        return periods[-1] if periods else None

    def period_note(self) -> str:
        """The line the pages carry when the publication holds several periods ('' with one period)."""
        periods = self.periods()
        if len(periods) < 2:
            return ""
        return (
            f"Periode {periods[-1]}: siderne viser den seneste af {len(periods)} kohorteperioder "
            f"({', '.join(periods)})."
        )

    def get(self, key: str, all_periods: bool = False) -> pd.DataFrame:
        """A mart of the contract by its logical name, checked for the columns the pages read; the rows of the
        latest cohort period only, without the column cohort_period (``all_periods``: every period's rows, the
        column kept — the over-time marts, report/over_time.py)."""
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
        if "cohort_period" in frame.columns and not all_periods:
            period = self.period
            if period is not None:
                frame = frame[frame["cohort_period"] == period].reset_index(drop=True)
            frame = frame.drop(columns="cohort_period")
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
