"""LPR2 -> LPR3: the hospital contacts starting on or after the cut-over date as the LPR3 tables.

The national patient register changed from LPR2 to LPR3 in March 2019. The generator draws every contact in
LPR2's shape (``registers/lpr.py``); ``split_lpr3`` then moves the contacts starting on/after ``lpr3_from``
(with their diagnoses and procedures) into the LPR3 tables of docs/DATA_CONTRACT.md ("LPR3") and leaves the
earlier ones in LPR2. It is applied to the finished tables in the writer (``Generator.run``), so every
period the generator writes gets LPR3 for its later contacts.

The mapping is the inverse of the warehouse's (models/intermediate/s0_hospital_contacts/) for everything the
method reads:

- `recnum` -> `dw_ek_kontakt` (the same string);
- `d_inddto`, `d_uddto` -> `kont_starttidspunkt`, `kont_sluttidspunkt`: inpatients from 08:00 on the admission
  day to 20:00 on the discharge day (>= 12 hours), other contacts 09:00-10:00 on their start day;
- `c_pattype` -> `kont_type` `ALCA00` (physical attendance) for every contact: inpatient = the length;
- `c_indm` 1 / 2 -> `prioritet` `ATA1` (acute) / `ATA3` (planned);
- `c_spec` -> `kont_ans_hovedspec`, the specialty's name in seed hospital_specialties;
- `c_adiag` and `lpr_diag` -> `lpr_a_diagnose`: the action diagnosis as type `A`, the others with their
  type, `senere_afkraeftet` `Nej`;
- `c_mdc` -> nothing: LPR3 has no DRG group (the warehouse reads the MSK category from the diagnoses);
- `lpr_sksopr` chapter K -> `lpr_a_procedure_kirurgi` (`proc_kode`, `proc_starttidspunkt` at 10:00);
- other `lpr_sksopr` codes (10:00) and `lpr_sksube` (12:00) -> `lpr_a_procedure_andre`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

DEFAULT_LPR3_FROM = dt.date(2019, 3, 1)
LPR2_TABLES = ("lpr_adm", "lpr_diag", "lpr_sksopr", "lpr_sksube")
LPR3_TABLES = ("lpr_a_kontakt", "lpr_a_diagnose", "lpr_a_procedure_kirurgi", "lpr_a_procedure_andre")
PHYSICAL_ATTENDANCE = "ALCA00"
PRIORITY = {"1": "ATA1", "2": "ATA3"}
SURGERY_PREFIX = "K"
_HOUR = 3600


def _at(dates: pa.Array, hour: int) -> pa.Array:
    """date32 + a clock hour -> timestamp[us] (no time zone)."""
    seconds = np.asarray(pc.cast(dates, pa.int32()), dtype=np.int64) * 86400 + hour * _HOUR
    return pa.array(seconds * 1_000_000, type=pa.timestamp("us"))


def _split(table: pa.Table, key: str, moved: pa.Array) -> tuple[pa.Table, pa.Table]:
    mask = pc.is_in(table[key], value_set=moved)
    return table.filter(pc.invert(mask)), table.filter(mask)


def _procedures(rows: pa.Table, hour: int) -> pa.Table:
    return pa.table(
        {
            "dw_ek_kontakt": rows["recnum"],
            "proc_kode": rows["c_opr"],
            "proc_starttidspunkt": _at(rows["d_odto"], hour),
        }
    )


def split_lpr3(
    tables: dict[str, pa.Table], lpr3_from: dt.date, specialty_names: dict[str, str]
) -> dict[str, pa.Table]:
    """The registers with the contacts starting on/after ``lpr3_from`` moved from the LPR2 tables to the LPR3
    tables. Without such contacts the tables come back unchanged and no LPR3 table is added (the LPR3
    registers are optional in the warehouse). ``specialty_names``: c_spec -> the specialty's name."""
    adm = tables["lpr_adm"]
    late = pc.greater_equal(adm["d_inddto"], pa.scalar(lpr3_from, type=pa.date32()))
    if not pc.any(late).as_py():
        return dict(tables)
    kontakt = adm.filter(late)
    moved = kontakt["recnum"]
    out = dict(tables)
    out["lpr_adm"] = adm.filter(pc.invert(late))
    out["lpr_diag"], diag = _split(tables["lpr_diag"], "recnum", moved)
    out["lpr_sksopr"], opr = _split(tables["lpr_sksopr"], "recnum", moved)
    out["lpr_sksube"], ube = _split(tables["lpr_sksube"], "recnum", moved)

    inpatient = pc.equal(kontakt["c_pattype"], "0").to_numpy(zero_copy_only=False)
    start_day = kontakt["d_inddto"].to_numpy().astype("datetime64[s]").astype(np.int64)
    end_day = np.where(
        inpatient, kontakt["d_uddto"].to_numpy().astype("datetime64[s]").astype(np.int64), start_day
    )
    start_at = start_day + np.where(inpatient, 8, 9) * _HOUR
    end_at = end_day + np.where(inpatient, 20, 10) * _HOUR
    unknown = set(pc.unique(kontakt["c_spec"]).to_pylist()) - set(specialty_names) - {None}
    if unknown:
        raise ValueError(f"lpr_adm.c_spec: no name in seed hospital_specialties for {sorted(unknown)}")
    out["lpr_a_kontakt"] = pa.table(
        {
            "pnr": kontakt["pnr"],
            "dw_ek_kontakt": moved,
            "kont_starttidspunkt": pa.array(start_at * 1_000_000, type=pa.timestamp("us")),
            "kont_sluttidspunkt": pa.array(end_at * 1_000_000, type=pa.timestamp("us")),
            "kont_type": pa.array([PHYSICAL_ATTENDANCE] * len(kontakt), type=pa.string()),
            "prioritet": pa.array([PRIORITY[c] for c in kontakt["c_indm"].to_pylist()], type=pa.string()),
            "kont_ans_hovedspec": pa.array(
                [specialty_names.get(c) for c in kontakt["c_spec"].to_pylist()], type=pa.string()
            ),
            "lprindberetningssystem": pa.array(["LPR3"] * len(kontakt), type=pa.string()),
        }
    )
    # the action diagnosis of the contact (LPR2 keeps it on the contact too) and every other diagnosis
    action = pa.table(
        {"recnum": moved, "c_diag": kontakt["c_adiag"], "c_diagtype": pa.array(["A"] * len(moved))}
    )
    others = diag.filter(pc.not_equal(diag["c_diagtype"], "A"))
    both = pa.concat_tables([action, others.select(["recnum", "c_diag", "c_diagtype"])])
    out["lpr_a_diagnose"] = pa.table(
        {
            "dw_ek_kontakt": both["recnum"],
            "diag_kode": both["c_diag"],
            "diag_kode_type": both["c_diagtype"],
            "senere_afkraeftet": pa.array(["Nej"] * len(both), type=pa.string()),
        }
    )
    surgery = pc.starts_with(opr["c_opr"], SURGERY_PREFIX)
    out["lpr_a_procedure_kirurgi"] = _procedures(opr.filter(surgery), 10)
    out["lpr_a_procedure_andre"] = pa.concat_tables(
        [_procedures(opr.filter(pc.invert(surgery)), 10), _procedures(ube, 12)]
    )
    return out
