"""Generate the synthetic register extracts: the steps of the mechanism in order (see README.md).

Each step is a function of the run's ``State`` in a module named for it; this module runs them and writes the
registers and the truth atomically (``<out>.tmp`` renamed to ``<out>``, ``_SUCCESS`` last).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tqdm import tqdm

from . import __version__, casemix, outcome, period, persons, plans, rules, services, trajectories, truth
from .lpr3 import DEFAULT_LPR3_FROM, LPR3_TABLES, split_lpr3
from .period import Period
from .registers import bef_ind_udda, bfl, dod_vnds, dream, ges, lpr, sssy
from .state import State
from .weeks import week_labels
from .writer import write_named, write_table

__all__ = ["REGISTERS", "STEPS", "Generator", "generate", "week_labels"]

# (progress label, step) in the order they run
STEPS = (
    ("plans", plans.build_plans),
    ("services", services.build_services),
    ("persons", persons.build_persons),
    ("case-mix", casemix.draw_casemix),
    ("covariates", casemix.derive_covariates),
    ("outcome", outcome.draw_outcome),
    ("dream", trajectories.paint_dream),
    ("lpr", lpr.write),
    ("population", bef_ind_udda.write),
    ("dod/vnds", dod_vnds.write),
    ("derive", rules.derive_from_dream),
    ("bfl", bfl.write),
    ("ges", ges.write),
    ("sssy", sssy.write),
    ("dream table", dream.write),
    ("truth", truth.build_truth),
    # last: the registers and truth moved to the start years asked for (identity for 2016-17; period.py)
    ("period", period.shift_state),
)
REGISTERS = (
    "bef",
    "dream",
    "lpr_adm",
    "lpr_diag",
    "lpr_sksopr",
    "lpr_sksube",
    "ges",
    "bfl",
    "ind",
    "udda",
    "sssy",
    "dod",
    "vnds",
)


class Generator:
    def __init__(
        self,
        scale: float,
        seed: int,
        seeds_dir: Path | None = None,
        background_ratio: float = 1.0,
        progress: bool = True,
        start_years: tuple[int, ...] | None = None,
        lpr3_from: dt.date = DEFAULT_LPR3_FROM,
    ):
        period_ = Period(tuple(start_years or Period().start_years))
        self.state = State(scale, seed, seeds_dir, background_ratio, period_)
        self.progress = progress
        self.lpr3_from = lpr3_from

    def draw(self) -> State:
        """Run every step in memory (nothing written); the state holds the tables and the truth."""
        bar = tqdm(STEPS, desc="rtw_synth", disable=not self.progress, unit="step")
        for name, step in bar:
            bar.set_postfix_str(name)
            step(self.state)
        return self.state

    def run(self, out: Path) -> dict[str, int]:
        st = self.draw()
        out = Path(out)
        tmp = out.parent / (out.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        # contacts from the LPR3 cut-over on become the LPR3 tables (lpr3.py), after the period's move;
        # no contact after it -> no LPR3 table
        spec = st.seeds["hospital_specialties"]
        names = dict(zip(spec["c_spec"].astype(str), spec["specialty_name"].astype(str), strict=True))
        tables = split_lpr3(st.tables, self.lpr3_from, names)
        registers = list(REGISTERS) + [name for name in tables if name not in REGISTERS]
        counts = {name: write_table(tables[name], tmp / name) for name in registers}
        for name, t in st.truth.items():
            write_named(t, tmp / "_truth" / f"{name}.parquet")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
        lines = [
            f"generator=rtw_synth {__version__}",
            f"seed={st.seed}",
            f"scale={st.scale}",
            f"background_ratio={st.background_ratio}",
        ] + ([] if st.period.is_default else [f"start_years={' '.join(map(str, st.period.start_years))}"])
        if any(name in tables for name in LPR3_TABLES):
            lines.append(f"lpr3_from={self.lpr3_from.isoformat()}")
        lines += [f"rows.{k}={v}" for k, v in counts.items()]
        (out / "_SUCCESS").write_text("\n".join(lines) + "\n")
        return counts


def generate(
    scale: float,
    seed: int,
    out: Path,
    seeds_dir: Path | None = None,
    background_ratio: float = 1.0,
    progress: bool = True,
    start_years: tuple[int, ...] | None = None,
    lpr3_from: dt.date = DEFAULT_LPR3_FROM,
) -> dict[str, int]:
    return Generator(scale, seed, seeds_dir, background_ratio, progress, start_years, lpr3_from).run(out)
