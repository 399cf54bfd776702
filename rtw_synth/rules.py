# ruff: noqa: N806
# (upper-case A, S, M, L, R = admission week, start week, week matrix, lengths, records)
"""METHOD §2-3 applied to the written DREAM matrix: cleaning of short sickness runs, the 2-of-3 rule,
persistence since start, weeks 7-9, benefit mix (the truth the warehouse must reproduce)."""

from __future__ import annotations

import numpy as np

from .state import State
from .weeks import N_WEEKS, band, wcol

# METHOD §2: month of the outcome -> week (after the start week) of its window's last week
OUTCOME_WINDOW_END_WEEK = {0: 0, 1: 4, 2: 9, 3: 13, 4: 17, 5: 22, 6: 26}


def derive_from_dream(ctx: State) -> None:
    """Re-derive the DREAM-based quantities by METHOD §2-3 (the truth the warehouse must reproduce)."""
    c = ctx.codes
    p = ctx.plans
    idx = ctx.truth_idx
    rows_u, inv = np.unique(p["pid"][idx], return_inverse=True)
    sub = ctx.M[rows_u]
    cls = c.dream_class[sub]
    sick = c.dream_sick[sub]
    cs = np.cumsum(sick, axis=1, dtype=np.int32)
    reset = np.maximum.accumulate(np.where(~sick, cs, 0), axis=1)
    fwd = cs - reset
    rs = sick[:, ::-1]
    cs2 = np.cumsum(rs, axis=1, dtype=np.int32)
    bwd = (cs2 - np.maximum.accumulate(np.where(~rs, cs2, 0), axis=1))[:, ::-1]
    runlen = fwd + bwd - 1
    cls = np.where(sick & (runlen <= 4), 0, cls).astype(np.int8)
    del cs, reset, fwd, cs2, bwd, runlen
    nr = cls == 1
    A = wcol(p["adm"][idx])
    S = wcol(p["start"][idx])

    def window(lo: np.ndarray, hi: np.ndarray, mat: np.ndarray) -> np.ndarray:
        cum = np.concatenate(
            [np.zeros((mat.shape[0], 1), dtype=np.int32), np.cumsum(mat, axis=1, dtype=np.int32)], axis=1
        )
        lo = np.clip(lo, 0, N_WEEKS)
        hi = np.clip(hi + 1, 0, N_WEEKS)
        return cum[inv, hi] - cum[inv, lo]

    n = len(p["cat"])
    out = {}
    out["weeks_7_9"] = window(A - 9, A - 7, (cls == 1) | (cls == 2))  # any benefit (METHOD §1.3)
    out["bw_before"] = window(A - 9, S, nr)
    out["bw_year"] = window(A - 61, A - 10, nr)
    und = cls == 2
    for mth, w in OUTCOME_WINDOW_END_WEEK.items():
        lo = S if mth == 0 else S + w - 2
        k = window(lo, S + w, nr)
        on = k >= 1 if mth == 0 else k >= 2
        ex = window(lo, S + w, und) > 0
        since = window(S, S + w, nr) == (w + 1)
        out[f"on_{mth}"] = on
        out[f"excl_{mth}"] = ex
        out[f"pers_{mth}"] = on & since
    # benefit mix at month m: the code of the last week of m's window with a not_returned benefit
    rows = p["pid"][idx]
    for mth, w in ((0, 0), (3, 13), (6, 26)):
        mix = np.zeros(len(idx), dtype=np.int8)
        for k in range(0 if mth == 0 else 2, -1, -1):
            col = np.clip(S + w - k, 0, N_WEEKS - 1)
            hit = nr[inv, col]
            mix = np.where(hit, c.dream_mix[ctx.M[rows, col]], mix)
        out[f"mix_{mth}"] = mix
    ctx.derived = {}
    for k, v in out.items():
        full = np.zeros(n, dtype=v.dtype)
        full[idx] = v
        ctx.derived[k] = full
    p["bw_band_derived"] = np.where(
        ctx.derived["bw_before"] == 0, 0, band(ctx.derived["bw_before"], [1, 5, 9])
    )
    p["bwyear_band_derived"] = band(ctx.derived["bw_year"], [1, 26])
