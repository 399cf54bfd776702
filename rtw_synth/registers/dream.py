# ruff: noqa: N806
# (upper-case A, S, M, L, R = admission week, start week, week matrix, lengths, records)
"""DREAM (weekly benefit codes, one column per ISO week) from the week matrix."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..dream_codes import recode_later_weeks
from ..state import State, pnr
from ..weeks import week_labels
from ..writer import str_array


def write(ctx: State) -> None:
    c = ctx.codes
    M = ctx.M
    has = np.flatnonzero((M != 0).any(axis=1))
    labels = week_labels()
    dictionary = pa.array(np.concatenate([[""], c.dream]).astype(object), type=pa.string())
    cols = {"pnr": str_array(pnr(has))}
    # the period's year of each week column: codes introduced after 2017 only from their first year on
    # (dream_codes.py, METHOD §9)
    years = np.array([2000 + int(lab[2:4]) for lab in ctx.period.week_labels()])
    sub = recode_later_weeks(M[has], has, years, ctx.seeds["dream_benefit_codes"], c.dream_index)
    for j, lab in enumerate(labels):
        v = sub[:, j]
        cols[lab] = dictionary.take(pa.array(v.astype(np.int32), mask=v == 0))
    ctx.tables["dream"] = pa.table(cols)


# ------------------------------------------------------------------ truth and output
