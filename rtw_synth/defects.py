"""Data-quality defects of Table 3.1 (Bilag 3): the municipality-years that fail METHOD §5.1-2 get a missing
month (Slagelse 2016: its June reported under Ringsted) or a month whose services are reported three times
(two swings). The short benefit spells that cleaning must remove are painted with the trajectories."""

from __future__ import annotations

import numpy as np

from .codes import GES_CODES
from .state import State, kom_by_name
from .weeks import ymd


def apply_ges_defects(ctx: State) -> None:
    """Change ctx.ges in place and record the defects in ctx.defects."""
    r = ctx.rng["ges"]
    nk = len(ctx.mun)
    plan_i, d, kom, code = (ctx.ges[k] for k in ("plan", "day", "kom", "code"))
    gap_kom = kom_by_name(ctx, "Slagelse")
    # defects of Table 3.1: a missing month (Slagelse 2016: reported under Ringsted) or swings
    y, m, _ = ymd(d)
    defects = []
    for k in range(nk):
        for yy in (2016, 2017):
            if not ctx.mun.loc[k, f"quality_fail{yy}"]:
                continue
            if k == gap_kom and yy == 2016:
                sel = (kom == k) & (y == yy) & (m == 6)
                kom[sel] = kom_by_name(ctx, "Ringsted")
                defects.append((k, yy, "missing_month", 6))
            else:
                mon = int(r.integers(3, 10))
                # every service of the month reported three times (other codes): a_m triples, two swings
                sel = np.flatnonzero((kom == k) & (y == yy) & (m == mon))
                sel2 = np.concatenate([sel, sel])
                plan_i = np.concatenate([plan_i, plan_i[sel2]])
                d = np.concatenate([d, d[sel2]])
                kom = np.concatenate([kom, kom[sel2]])
                extra = np.concatenate([np.full(len(sel), 3), np.full(len(sel), 4)])
                code = np.concatenate([code, GES_CODES[extra]])
                y = np.concatenate([y, y[sel2]])
                m = np.concatenate([m, m[sel2]])
                defects.append((k, yy, "swing", mon))
    ctx.defects = defects
    ctx.ges = {"plan": plan_i, "day": d, "kom": kom, "code": code}
