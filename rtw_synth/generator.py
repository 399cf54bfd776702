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
from .period import DEFAULT_START_YEARS, blocks
from .periods import DEFAULT_PLANT_SHIFT, block_seed, choose_planted, cumulative, merge
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
        plant_changes: int = 0,
        plant_shift: float = DEFAULT_PLANT_SHIFT,
        binomial_outcome: bool = False,
    ):
        # one two-year block per cohort period (period.blocks); several: periods.py merges them
        self.periods = blocks(tuple(start_years or DEFAULT_START_YEARS))
        if plant_changes and len(self.periods) < 2:
            raise ValueError(
                "--plant-changes: needs at least two cohort periods (--start-years 2016 2017 2018 2019)"
            )
        if plant_changes < 0:
            raise ValueError(f"--plant-changes: a number of municipalities >= 0, got {plant_changes}")
        self.state = State(scale, seed, seeds_dir, background_ratio, self.periods[0])
        self.state.binomial_outcome = self.binomial_outcome = bool(binomial_outcome)
        self.states = [self.state]
        self.seeds_dir = seeds_dir
        self.progress = progress
        self.lpr3_from = lpr3_from
        self.plant_changes = int(plant_changes)
        self.plant_shift = float(plant_shift)

    def _steps(self, st: State, desc: str) -> None:
        bar = tqdm(STEPS, desc=desc, disable=not self.progress, unit="step")
        for name, step in bar:
            bar.set_postfix_str(name)
            step(st)

    def draw(self) -> State:
        """Run every step in memory (nothing written); the state holds the tables and the truth. Several
        cohort periods: each block is drawn with its own seed (``self.states``, its tables in
        ``self.block_tables``), then the first block's state gets the merged tables and truth (periods.py)."""
        self._steps(self.state, "rtw_synth")
        self.block_tables = [self.state.tables]
        if len(self.periods) == 1:
            return self.state
        first = self.state
        planted = choose_planted(first, len(self.periods), self.plant_changes, self.plant_shift)
        in_force = cumulative(planted)
        for b, period_ in enumerate(self.periods[1:], start=1):
            st = State(
                first.scale, block_seed(first.seed, b), self.seeds_dir, first.background_ratio, period_
            )
            st.effects_from = first.kom_effect
            st.binomial_outcome = self.binomial_outcome
            st.plant = in_force[b]
            self._steps(st, f"rtw_synth {period_.label}")
            self.states.append(st)
        self.block_tables = [st.tables for st in self.states]
        first.tables, first.truth = merge(self.states, self.periods, planted)
        return first

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
        ]
        years = [y for p in self.periods for y in p.start_years]
        if len(self.periods) > 1 or not st.period.is_default:
            lines.append(f"start_years={' '.join(map(str, years))}")
        if self.binomial_outcome:
            lines.append("binomial_outcome=true")
        if self.plant_changes:
            lines.append(f"plant_changes={self.plant_changes}")
            lines.append(f"plant_shift={self.plant_shift}")
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
    plant_changes: int = 0,
    plant_shift: float = DEFAULT_PLANT_SHIFT,
    binomial_outcome: bool = False,
) -> dict[str, int]:
    return Generator(
        scale,
        seed,
        seeds_dir,
        background_ratio,
        progress,
        start_years,
        lpr3_from,
        plant_changes,
        plant_shift,
        binomial_outcome,
    ).run(out)
