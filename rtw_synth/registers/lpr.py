# ruff: noqa: N806
# (upper-case A, S, M, L, R = admission week, start week, week matrix, lengths, records)
"""LPR (hospital contacts): plan contacts with diagnoses, plan codes and operations, outpatient visits before
admission, psychiatric and Charlson history, other contacts."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from ..codes import K_CODES, OTHER_OPR, choice_by, rand_digits
from ..model import BANDED
from ..state import State, pnr
from ..weeks import day
from ..writer import date_array, str_array


def write(ctx: State) -> None:
    r = ctx.rng["lpr"]
    c = ctx.codes
    p = ctx.plans
    pe = ctx.persons
    n = len(p["cat"])
    # plan contacts
    diag_code = choice_by(r, c.diag_cats, p["diag_group"])
    diag_code = np.char.add(diag_code.astype(str), rand_digits(r, n, 1).astype(str)).astype(object)
    non_msk = np.array(["DI639", "DI619", "DG359", "DC509", "DJ189", "DI214"], dtype=object)
    non_mdc = np.array(["01", "05", "01", "09", "04", "05"], dtype=object)
    j = r.integers(0, len(non_msk), size=n)
    is_non = ~p["msk"]
    adiag = np.where(is_non, non_msk[j], diag_code)
    mdc = np.where(is_non, non_mdc[j], "08")
    zcodes = c.diag_cats[c.admin_group] if c.admin_group is not None else np.array(["DZ50"])
    zdiag = np.char.add(zcodes[r.integers(0, len(zcodes), size=n)].astype(str), "9").astype(object)
    adiag = np.where(p["dz_admin"] & p["msk"], zdiag, adiag)
    spec_groups = BANDED["specialty"]
    spec = choice_by(r, [c.spec_by_group[g] for g in spec_groups], p["specialty"])
    plan_code = np.where(
        p["ptype"] == 0,
        c.plan_general[0],
        np.where(
            p["ptype"] == 1,
            c.plan_special[0],
            (c.plan_special_rehab if len(c.plan_special_rehab) else c.plan_special)[0],
        ),
    )
    recs = {
        "pid": [p["pid"]],
        "adm": [p["adm"]],
        "dis": [p["disch"]],
        "pattype": [np.where(p["inpatient"], "0", "2").astype(object)],
        "indm": [np.where(p["acute"], "1", "2").astype(object)],
        "spec": [spec],
        "adiag": [adiag],
        "mdc": [mdc],
    }
    diag_rows = [(np.arange(n), adiag, "A")]
    # the MSK secondary diagnosis of administrative action diagnoses
    dz = np.flatnonzero(p["dz_admin"] & p["msk"])
    diag_rows.append((dz, diag_code[dz], "B"))
    # other contacts: visits before admission (hospital contact days), psychiatric and Charlson history
    extra_pid, extra_day, extra_spec, extra_diag, extra_mdc = [], [], [], [], []
    deep = np.flatnonzero(p["deep"] & (p["visits"] > 0))
    k = p["visits"][deep]
    rep = np.repeat(deep, k)
    first = np.r_[0, np.cumsum(k)[:-1]]
    off = np.arange(len(rep)) - np.repeat(first, k)
    # distinct days 7..45 before admission
    perm = np.argsort(r.random((len(deep), 39)), axis=1)[:, :16]
    days_before = 7 + perm[np.repeat(np.arange(len(deep)), k), off]
    extra_pid.append(p["pid"][rep])
    extra_day.append(p["adm"][rep] - days_before)
    extra_spec.append(spec[rep])
    extra_diag.append(diag_code[rep])
    extra_mdc.append(np.full(len(rep), "08", dtype=object))
    first_deep = np.flatnonzero(pe["deep"])
    ps = first_deep[pe["psych"][first_deep]]
    extra_pid.append(ps)
    extra_day.append(day("2013-03-01") + r.integers(0, 600, size=len(ps)))
    extra_spec.append(c.psych_spec[r.integers(0, len(c.psych_spec), size=len(ps))])
    extra_diag.append(
        np.char.add(c.psych_diag[r.integers(0, len(c.psych_diag), size=len(ps))].astype(str), "9").astype(
            object
        )
    )
    extra_mdc.append(np.full(len(ps), "19", dtype=object))
    old = first_deep[~pe["psych"][first_deep] & (r.random(len(first_deep)) < 0.01)]
    extra_pid.append(old)
    extra_day.append(day("2009-03-01") + r.integers(0, 200, size=len(old)))
    extra_spec.append(c.psych_spec[r.integers(0, len(c.psych_spec), size=len(old))])
    extra_diag.append(
        np.char.add(c.psych_diag[r.integers(0, len(c.psych_diag), size=len(old))].astype(str), "9").astype(
            object
        )
    )
    extra_mdc.append(np.full(len(old), "19", dtype=object))
    cm = first_deep[pe["comorb"][first_deep]]
    extra_pid.append(cm)
    extra_day.append(day("2013-03-01") + r.integers(0, 600, size=len(cm)))
    extra_spec.append(np.full(len(cm), "01", dtype=object))
    extra_diag.append(c.charlson_diag[r.integers(0, len(c.charlson_diag), size=len(cm))].astype(object))
    extra_mdc.append(np.full(len(cm), "05", dtype=object))
    bg = np.flatnonzero(~pe["deep"] & (r.random(ctx.n_pers) < 0.1))
    extra_pid.append(bg)
    extra_day.append(day("2014-01-01") + r.integers(0, 1800, size=len(bg)))
    extra_spec.append(c.somatic_spec[r.integers(0, len(c.somatic_spec), size=len(bg))])
    extra_diag.append(non_msk[r.integers(0, len(non_msk), size=len(bg))])
    extra_mdc.append(non_mdc[r.integers(0, len(non_mdc), size=len(bg))])
    ne = sum(len(x) for x in extra_pid)
    recs["pid"].append(np.concatenate(extra_pid))
    ed = np.concatenate(extra_day)
    recs["adm"].append(ed)
    recs["dis"].append(ed)
    recs["pattype"].append(np.full(ne, "2", dtype=object))
    recs["indm"].append(np.full(ne, "2", dtype=object))
    recs["spec"].append(np.concatenate(extra_spec))
    ediag = np.concatenate(extra_diag)
    recs["adiag"].append(ediag)
    recs["mdc"].append(np.concatenate(extra_mdc))
    diag_rows.append((n + np.arange(ne), ediag, "A"))
    R = {k: np.concatenate(v) for k, v in recs.items()}
    nrec = len(R["pid"])
    recnum = np.char.add("R", np.char.zfill(np.arange(1, nrec + 1).astype(str), 10)).astype(object)
    p["recnum"] = recnum[:n]
    ctx.tables["lpr_adm"] = pa.table(
        {
            "pnr": str_array(pnr(R["pid"])),
            "recnum": str_array(recnum),
            "d_inddto": date_array(R["adm"]),
            "d_uddto": date_array(R["dis"]),
            "c_pattype": str_array(R["pattype"]),
            "c_indm": str_array(R["indm"]),
            "c_spec": str_array(R["spec"]),
            "c_adiag": str_array(R["adiag"]),
            "c_mdc": str_array(R["mdc"]),
        }
    )
    di = np.concatenate([x[0] for x in diag_rows])
    dc = np.concatenate([np.asarray(x[1], dtype=object) for x in diag_rows])
    dt_ = np.concatenate([np.full(len(x[0]), x[2], dtype=object) for x in diag_rows])
    order = np.lexsort((dt_.astype(str), di))
    ctx.tables["lpr_diag"] = pa.table(
        {
            "recnum": str_array(recnum[di[order]]),
            "c_diag": str_array(dc[order]),
            "c_diagtype": str_array(dt_[order]),
        }
    )
    ctx.tables["lpr_sksube"] = pa.table(
        {"recnum": str_array(recnum[:n]), "c_opr": str_array(plan_code), "d_odto": date_array(p["disch"])}
    )
    op = np.flatnonzero(p["operation"])
    oth = np.flatnonzero(~p["operation"] & (r.random(n) < 0.1))
    oi = np.concatenate([op, oth])
    oc = np.concatenate(
        [
            K_CODES[r.integers(0, len(K_CODES), size=len(op))],
            OTHER_OPR[r.integers(0, len(OTHER_OPR), size=len(oth))],
        ]
    )
    od = np.concatenate([p["adm"][op], p["adm"][oth]])
    order = np.argsort(oi, kind="stable")
    ctx.tables["lpr_sksopr"] = pa.table(
        {
            "recnum": str_array(recnum[oi[order]]),
            "c_opr": str_array(oc[order]),
            "d_odto": date_array(od[order]),
        }
    )
    _history_years(ctx, nrec, non_msk, non_mdc)


# METHOD §4 reads the hospital history of the 5 calendar years before the start year (dbt var history_years):
# LPR must hold contacts in each of those years (the warehouse's window check, METHOD §0). Contacts of persons
# without an analysed plan, per history year, appended after every other contact (own random stream).
HISTORY_YEARS = 5
HISTORY_CONTACTS_PER_YEAR = 400  # at scale 1


def _history_years(ctx: State, nrec: int, non_msk: np.ndarray, non_mdc: np.ndarray) -> None:
    r = ctx.rng["history"]
    c = ctx.codes
    pool = np.flatnonzero(~ctx.persons["deep"])
    if not len(pool):
        return
    first = 2016  # the calibrated calendar (period.py moves everything to the start years asked for)
    per_year = max(1, round(HISTORY_CONTACTS_PER_YEAR * ctx.scale))
    years = np.repeat(np.arange(first - HISTORY_YEARS, first - 2), per_year)
    n = len(years)
    pid = pool[r.integers(0, len(pool), size=n)]
    days = np.array([day(f"{y}-01-01") for y in years]) + r.integers(0, 365, size=n)
    j = r.integers(0, len(non_msk), size=n)
    recnum = np.char.add("R", np.char.zfill(np.arange(nrec + 1, nrec + n + 1).astype(str), 10)).astype(object)
    adm = pa.table(
        {
            "pnr": str_array(pnr(pid)),
            "recnum": str_array(recnum),
            "d_inddto": date_array(days),
            "d_uddto": date_array(days),
            "c_pattype": str_array(np.full(n, "2", dtype=object)),
            "c_indm": str_array(np.full(n, "2", dtype=object)),
            "c_spec": str_array(c.somatic_spec[r.integers(0, len(c.somatic_spec), size=n)]),
            "c_adiag": str_array(non_msk[j]),
            "c_mdc": str_array(non_mdc[j]),
        }
    )
    diag = pa.table(
        {
            "recnum": str_array(recnum),
            "c_diag": str_array(non_msk[j]),
            "c_diagtype": str_array(np.full(n, "A", dtype=object)),
        }
    )
    ctx.tables["lpr_adm"] = pa.concat_tables([ctx.tables["lpr_adm"], adm])
    ctx.tables["lpr_diag"] = pa.concat_tables([ctx.tables["lpr_diag"], diag])
