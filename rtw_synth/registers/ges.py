"""GES (municipal services) as drawn by services.py and defects.py.

GES has no service key: the warehouse keeps one row per distinct (pnr, kom, d_ydelse, c_ydelse) (METHOD §1.4,
DATA_CONTRACT "GES"). So two services of a person on one day are written with different service codes, and a
known number of exact duplicate rows is planted as a defect (truth table ``ges_duplicates``) that the
warehouse must count and remove."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..codes import GES_CODES
from ..state import State, pnr
from ..writer import date_array, str_array

# exact duplicate GES rows planted per unit of scale (at least PLANTED_DUPLICATES_MIN)
PLANTED_DUPLICATES_PER_SCALE = 40
PLANTED_DUPLICATES_MIN = 3


def distinct_same_day_codes(
    pid: np.ndarray, kom: np.ndarray, day: np.ndarray, code: np.ndarray
) -> np.ndarray:
    """The service codes with every (person, municipality, day) group's codes made distinct: in a group that
    repeats a code, the services get the codes BLNZ1, BLNZ2, … in the order of their drawn codes (two services
    on one day are two services, not one row written twice). Groups without a repeat keep their codes."""
    code = np.asarray(code).astype(object)
    order = np.lexsort((code.astype(str), day, kom, pid))
    p, k, d, c = pid[order], kom[order], day[order], code[order].astype(str)
    new_group = np.r_[True, (p[1:] != p[:-1]) | (k[1:] != k[:-1]) | (d[1:] != d[:-1])]
    group = np.cumsum(new_group) - 1
    repeat = np.r_[False, ~new_group[1:] & (c[1:] == c[:-1])]
    has_repeat = np.bincount(group, weights=repeat, minlength=group[-1] + 1 if len(group) else 0) > 0
    first = np.flatnonzero(new_group)
    rank = np.arange(len(order)) - first[group]
    n_codes = max(int(rank.max()) + 1 if len(rank) else 0, len(GES_CODES))
    names = np.array([f"BLNZ{i + 1}" for i in range(n_codes)])
    out = code.copy()
    fix = has_repeat[group]
    out[order[fix]] = names[rank[fix]]
    return out


def planted_duplicates(ctx: State, n_rows: int) -> np.ndarray:
    """Row indices written twice: a known, small number of exact duplicate rows (a defect of the extract)."""
    n = min(n_rows, max(PLANTED_DUPLICATES_MIN, round(PLANTED_DUPLICATES_PER_SCALE * ctx.scale)))
    return np.sort(ctx.rng["ges_duplicates"].choice(n_rows, size=n, replace=False))


def write(ctx: State) -> None:
    s = ctx.ges
    p = ctx.plans
    kom_codes = ctx.mun["kom"].to_numpy()
    pid = p["pid"][s["plan"]]
    code = distinct_same_day_codes(pid, s["kom"], s["day"], s["code"])
    order = np.lexsort((code.astype(str), s["day"], pid))
    twice = planted_duplicates(ctx, len(order))
    order = order[np.sort(np.concatenate([np.arange(len(order)), twice]))]  # each copy beside its row
    ctx.tables["ges"] = pa.table(
        {
            "pnr": str_array(pnr(pid[order])),
            "kom": pa.array(kom_codes[s["kom"][order]].astype(np.int32)),
            "d_ydelse": date_array(s["day"][order]),
            "c_ydelse": str_array(code[order]),
        }
    )
    ctx.truth["ges_duplicates"] = pa.table(
        {"register": pa.array(["ges"]), "planted_duplicate_rows": pa.array([len(twice)], type=pa.int64())}
    )
