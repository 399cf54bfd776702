"""GES (municipal services) as drawn by services.py and defects.py."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..state import State, pnr
from ..writer import date_array, str_array


def write(ctx: State) -> None:
    s = ctx.ges
    p = ctx.plans
    kom_codes = ctx.mun["kom"].to_numpy()
    pid = p["pid"][s["plan"]]
    order = np.lexsort((s["code"].astype(str), s["day"], pid))
    ctx.tables["ges"] = pa.table(
        {
            "pnr": str_array(pnr(pid[order])),
            "kom": pa.array(kom_codes[s["kom"][order]].astype(np.int32)),
            "d_ydelse": date_array(s["day"][order]),
            "c_ydelse": str_array(s["code"][order]),
        }
    )
