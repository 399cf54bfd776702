# ruff: noqa: N806
# (upper-case A, S, M, L, R = admission week, start week, week matrix, lengths, records)
"""SSSY (health insurance services): GP contacts before admission, physiotherapy after start, others."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..codes import rand_digits
from ..state import State, pnr
from ..weeks import N_WEEKS, wcol, week_labels
from ..writer import str_array


def write(ctx: State) -> None:
    r = ctx.rng["sssy"]
    c = ctx.codes
    p = ctx.plans
    idx = np.flatnonzero(p["deep"])
    m = len(idx)
    A = wcol(p["adm"][idx])
    S = wcol(p["start"][idx])
    lo = np.array([0, 3, 6, 11])[p["gp_band"][idx]]
    hi = np.array([2, 5, 10, 16])[p["gp_band"][idx]]
    tot = lo + (r.random(m) * (hi - lo + 1)).astype(int)
    nrow = (tot + 1) // 2
    rep = np.repeat(np.arange(m), nrow)
    first = np.r_[0, np.cumsum(nrow)[:-1]]
    off = np.arange(len(rep)) - np.repeat(first, nrow)
    yd = np.where((off == nrow[rep] - 1) & (tot[rep] % 2 == 1), 1, 2)
    # weeks A-24..A-2, inside the 26 weeks before admission; a person's two plans (repeats) keep their
    # contacts out of each other's window (first plan: before the next admission - 26 weeks; later plan:
    # from the previous admission week on)
    pid_d = p["pid"][idx]
    o = np.lexsort((A, pid_d))
    same = pid_d[o][1:] == pid_d[o][:-1]
    w_lo, w_hi = A - 24, A - 2
    nxt = np.full(m, 1 << 30)
    nxt[o[:-1][same]] = A[o[1:][same]]
    prv = np.full(m, -(1 << 30))
    prv[o[1:][same]] = A[o[:-1][same]]
    w_hi = np.minimum(w_hi, nxt - 27)
    w_lo = np.maximum(w_lo, prv)
    wk = w_lo[rep] + (r.integers(0, 23, size=len(rep)) * (w_hi - w_lo + 1)[rep]) // 23
    sp = c.gp_speciale[r.integers(0, len(c.gp_speciale), size=len(rep))]
    pid_l, wk_l, sp_l, yd_l = [p["pid"][idx][rep]], [wk], [sp], [yd]
    ph = np.flatnonzero(p["physio"][idx])
    k = r.integers(1, 5, size=len(ph))
    rep = np.repeat(ph, k)
    pid_l.append(p["pid"][idx][rep])
    wk_l.append(S[rep] + 1 + r.integers(0, 12, size=len(rep)))
    prov = c.physio_prov[r.integers(0, len(c.physio_prov), size=len(rep))]
    sp_l.append(np.char.add(prov.astype(str), rand_digits(r, len(rep), 4).astype(str)).astype(object))
    yd_l.append(np.ones(len(rep), dtype=int))
    # other services and contacts of everybody else
    pe = ctx.persons
    oth = np.flatnonzero(~pe["deep"] & (r.random(ctx.n_pers) < 0.3))
    pid_l.append(oth)
    wk_l.append(r.integers(0, N_WEEKS, size=len(oth)))
    sp_l.append(np.where(r.random(len(oth)) < 0.7, c.gp_speciale[0], c.other_speciale[0]).astype(object))
    yd_l.append(r.integers(1, 3, size=len(oth)))
    deep_o = np.flatnonzero(pe["deep"] & (r.random(ctx.n_pers) < 0.2))
    pid_l.append(deep_o)
    wk_l.append(wcol(pe["ref_day"][deep_o]) - 45 + r.integers(0, 8, size=len(deep_o)))
    sp_l.append(np.full(len(deep_o), c.other_speciale[0], dtype=object))
    yd_l.append(np.ones(len(deep_o), dtype=int))
    pid = np.concatenate(pid_l)
    wk = np.clip(np.concatenate(wk_l), 0, N_WEEKS - 1)
    labels = np.array([s[2:] for s in week_labels()], dtype=object)
    sp = np.concatenate(sp_l)
    yd = np.concatenate(yd_l)
    order = np.lexsort((sp.astype(str), wk, pid))
    # one row per person, billing week and speciale: services drawn twice for the same key are one row with
    # their ydlant summed (the warehouse sums ydlant, so the totals are unchanged; an exact duplicate row is
    # an error of the extract, DATA_CONTRACT "sssy")
    pid, wk, sp, yd = pid[order], wk[order], sp[order].astype(str), yd[order]
    first = np.r_[True, (pid[1:] != pid[:-1]) | (wk[1:] != wk[:-1]) | (sp[1:] != sp[:-1])]
    key_row = np.flatnonzero(first)
    yd = np.add.reduceat(yd, key_row) if len(yd) else yd
    pid, wk, sp = pid[key_row], wk[key_row], sp[key_row].astype(object)
    order = np.arange(len(pid))
    ctx.tables["sssy"] = pa.table(
        {
            "pnr": str_array(pnr(pid[order])),
            "honuge": str_array(labels[wk[order]]),
            "speciale": str_array(sp[order]),
            "ydlant": pa.array(yd[order].astype(np.int32)),
        }
    )
