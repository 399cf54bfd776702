"""The state one generator run passes from step to step.

Each step of the mechanism (plans.py, services.py, persons.py, casemix.py, outcome.py, trajectories.py,
rules.py, registers/, truth.py) is a function of a ``State``: it reads what earlier steps left and adds its
own result. Every step draws from its own random stream (``rng[name]``), so a change in one step leaves the
draws of the others alone.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .codes import Codes
from .model import OutcomeModel
from .period import Period
from .seeds import load_seeds

# one random stream per step; new streams go at the end (SeedSequence children depend only on their index)
STREAMS = (
    "design",
    "plans",
    "casemix",
    "outcome",
    "dream",
    "lpr",
    "ges",
    "bfl",
    "persons",
    "sssy",
    "misc",
    "linkage",
    "history",
    "ges_duplicates",
    "employment",
)


class State:
    """Inputs of a run (scale, seed, seeds, code lists, outcome model, random streams) and what the steps add:
    ``mun`` and ``cohort_cells`` (design), ``plans`` (one array per plan attribute), ``ges`` and ``defects``
    (municipal services), ``persons``, ``paint_idx``/``truth_idx``/``expected_mask``/``intercept``/
    ``kom_effect`` (outcome), ``M`` (the DREAM week matrix), ``derived`` (METHOD §2-3 on ``M``),
    ``exit_day``/``exit_is_death``, and the written ``tables`` and ``truth``. ``period``: the start years the
    registers are moved to at the end (period.py; drawn on the calibrated 2016-17 calendar); ``effects_from``,
    ``plant`` and ``plant_effects``: a later block of several cohort periods (periods.py)."""

    def __init__(
        self,
        scale: float,
        seed: int,
        seeds_dir: Path | None = None,
        background_ratio: float = 1.0,
        period: Period | None = None,
    ):
        self.period = period or Period()
        self.scale = float(scale)
        self.seed = int(seed)
        self.background_ratio = float(background_ratio)
        self.seeds = load_seeds(seeds_dir)
        self.codes = Codes(self.seeds)
        self.model = OutcomeModel(self.seeds)
        children = np.random.SeedSequence(self.seed).spawn(len(STREAMS))
        self.rng = {n: np.random.default_rng(c) for n, c in zip(STREAMS, children, strict=True)}
        # several cohort periods (periods.py): a later block takes the first block's effects for
        # municipalities without a Table 1 indicator, and adds a planted shift (log odds) to some
        self.effects_from: np.ndarray | None = None
        # --binomial-outcome: the outcome at 3 months drawn independently per course (outcome.py)
        self.binomial_outcome = False
        self.plant: dict[int, float] = {}
        self.plant_effects: pd.DataFrame | None = None
        self.tables: dict[str, pa.Table] = {}
        self.truth: dict[str, pa.Table] = {}
        self.mun: pd.DataFrame
        self.plans: dict[str, np.ndarray]
        self.persons: dict[str, np.ndarray]


def pnr(pid: np.ndarray) -> np.ndarray:
    """The person key written to every register: P + the person index, 9 digits."""
    return np.char.add("P", np.char.zfill(np.asarray(pid).astype(str), 9)).astype(object)


def kom_by_name(ctx: State, name: str) -> int:
    """Index of the municipality with this name (0 if the seeds lack it)."""
    hit = np.flatnonzero(ctx.mun["kom_navn"].to_numpy() == name)
    return int(hit[0]) if len(hit) else 0
