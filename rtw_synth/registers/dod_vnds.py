"""DOD (deaths) and VNDS (migrations); exits also close the DREAM rows of the persons."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..state import State, pnr
from ..weeks import N_WEEKS, day, wcol
from ..writer import date_array, str_array


def write(ctx: State) -> None:
    r = ctx.rng["misc"]
    pe = ctx.persons
    ex = np.flatnonzero(ctx.exit_day < day("2099-01-01"))
    death = ex[ctx.exit_is_death[ex]]
    emig = ex[~ctx.exit_is_death[ex]]
    ctx.tables["dod"] = pa.table({"pnr": str_array(pnr(death)), "doddato": date_array(ctx.exit_day[death])})
    imm = np.flatnonzero((pe["origin"] > 0) & (r.random(ctx.n_pers) < 0.6))
    arr = np.maximum(pe["birth"][imm] + 1, day("1990-01-01") + r.integers(0, 8000, size=len(imm)))
    arr = np.minimum(arr, day("2013-12-31"))
    pid = np.concatenate([imm, emig])
    dd = np.concatenate([arr, ctx.exit_day[emig]])
    code = np.concatenate([np.full(len(imm), "I", dtype=object), np.full(len(emig), "U", dtype=object)])
    order = np.lexsort((code.astype(str), dd, pid))
    ctx.tables["vnds"] = pa.table(
        {
            "pnr": str_array(pnr(pid[order])),
            "haend_dato": date_array(dd[order]),
            "indud_kode": str_array(code[order]),
        }
    )
    # exits in DREAM for the persons without a painted course (deaths of pensioners etc.)
    c = ctx.codes
    for who, code_i in ((death, c.DEATH), (emig, c.EMIG)):
        col = wcol(ctx.exit_day[who]) + 1
        ok = col < N_WEEKS
        rows = who[ok]
        sub = ctx.M[rows]
        after = np.arange(N_WEEKS)[None, :] >= col[ok][:, None]
        sub[after & (sub == 0)] = code_i
        ctx.M[rows] = sub
