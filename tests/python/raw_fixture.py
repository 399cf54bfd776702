"""A minimal, valid set of raw register extracts (a few rows each) in the data contract's shape.

The broken-input tests copy it and break one thing at a time. It is deliberately hand-made and tiny,
independent of the generator, so a failure points at the checks and not at the synthetic data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

D = dt.date
T = dt.datetime


def dream_week_columns(first: tuple[int, int] = (2014, 1), last: tuple[int, int] = (2018, 52)) -> list[str]:
    """The DREAM column names y_YYWW for every ISO week from `first` to `last` (inclusive)."""
    monday = dt.date.fromisocalendar(*first, 1)
    end = dt.date.fromisocalendar(*last, 1)
    names = []
    while monday <= end:
        year, week, _ = monday.isocalendar()
        names.append(f"y_{year % 100:02d}{week:02d}")
        monday += dt.timedelta(weeks=1)
    return names


def _table(columns: dict[str, tuple[pa.DataType, list]]) -> pa.Table:
    return pa.table({name: pa.array(values, type=dtype) for name, (dtype, values) in columns.items()})


def registers() -> dict[str, pa.Table]:
    """Every register of the data contract as an Arrow table."""
    s, i32, f64, date, ts = pa.string(), pa.int32(), pa.float64(), pa.date32(), pa.timestamp("us")
    weeks = dream_week_columns()
    dream: dict[str, tuple[pa.DataType, list]] = {"pnr": (s, ["p1", "p2"])}
    for name in weeks:
        dream[name] = (s, [None, None])
    dream["y_1553"] = (s, ["890", None])
    dream["y_1601"] = (s, ["890", "121"])
    return {
        "bef": _table(
            {
                "pnr": (s, ["p1", "p1", "p2", "p2"]),
                "aar": (i32, [2016, 2017, 2016, 2015]),
                "koen": (i32, [1, 1, 2, 2]),
                "foed_dag": (date, [D(1970, 5, 1), D(1970, 5, 1), D(1985, 12, 31), D(1985, 12, 31)]),
                "kom": (i32, [101, 101, 860, 860]),
                "familie_type": (i32, [1, 1, 5, 5]),
                "ie_type": (i32, [1, 1, 2, 2]),
                "opr_land": (i32, [5100, 5100, 5120, 5120]),
            }
        ),
        "dream": _table(dream),
        "lpr_adm": _table(
            {
                "pnr": (s, ["p1", "p2", "p2", "p1"]),
                "recnum": (s, ["r1", "r2", "r3", "r4"]),
                "d_inddto": (date, [D(2016, 3, 1), D(2016, 5, 2), D(2015, 11, 20), D(2017, 8, 1)]),
                "d_uddto": (date, [D(2016, 3, 3), D(2016, 5, 2), D(2015, 11, 20), D(2017, 8, 1)]),
                "c_pattype": (s, ["0", "2", "2", "2"]),
                "c_indm": (s, ["1", "2", "2", "2"]),
                "c_spec": (s, ["34", "30", "30", "30"]),
                "c_adiag": (s, ["DM161", "DZ098", "DZ098", "DZ098"]),
                "c_mdc": (s, ["08", "08", "08", "08"]),
            }
        ),
        "lpr_diag": _table(
            {
                "recnum": (s, ["r1", "r2", "r2"]),
                "c_diag": (s, ["DM161", "DZ098", "DS720"]),
                "c_diagtype": (s, ["A", "A", "B"]),
            }
        ),
        "lpr_sksopr": _table(
            {"recnum": (s, ["r1"]), "c_opr": (s, ["KNFB20"]), "d_odto": (date, [D(2016, 3, 1)])}
        ),
        "lpr_sksube": _table(
            {
                "recnum": (s, ["r1", "r2"]),
                "c_opr": (s, ["AWG1", "AWG1"]),
                "d_odto": (date, [D(2016, 3, 3), D(2016, 5, 2)]),
            }
        ),
        "ges": _table(
            {
                "pnr": (s, ["p1", "p1", "p1"]),
                "kom": (i32, [101, 101, 101]),
                "d_ydelse": (date, [D(2016, 3, 20), D(2016, 3, 27), D(2017, 9, 1)]),
                "c_ydelse": (s, ["BLHA", "BLHA", "BLHA"]),
            }
        ),
        "bfl": _table(
            {
                "pnr": (s, ["p1", "p1", "p1", "p1"]),
                "aar": (i32, [2016, 2016, 2015, 2017]),
                "mdr": (i32, [1, 1, 12, 6]),
                "ajo_arbnr_senr": (s, ["w1", "w2", "w1", "w1"]),
                "ajo_loentimer": (f64, [40.0, 40.0, 160.0, 160.0]),
                "ajo_branche07": (s, ["410000", "862100", "410000", "410000"]),
            }
        ),
        "ind": _table(
            {
                "pnr": (s, ["p1", "p2", "p1"]),
                "aar": (i32, [2015, 2015, 2016]),
                "dispon_13": (f64, [250000.0, -1200.0, 260000.0]),
            }
        ),
        "udda": _table(
            {
                "pnr": (s, ["p1", "p2", "p1"]),
                "aar": (i32, [2016, 2016, 2017]),
                "hfaudd": (s, ["1001", "9999", "1001"]),
            }
        ),
        "sssy": _table(
            {
                "pnr": (s, ["p1", "p1", "p1"]),
                "honuge": (s, ["1553", "1610", "1702"]),
                "speciale": (s, ["800101", "510001", "800101"]),
                "ydlant": (i32, [1, 3, 1]),
            }
        ),
        # LPR3 (optional registers): one plan contact of p1 with its diagnoses, an operation and the plan code
        "lpr_a_kontakt": _table(
            {
                "pnr": (s, ["p1"]),
                "dw_ek_kontakt": (s, ["k1"]),
                "kont_starttidspunkt": (ts, [T(2017, 8, 10, 8)]),
                "kont_sluttidspunkt": (ts, [T(2017, 8, 11, 20)]),
                "kont_type": (s, ["ALCA00"]),
                "prioritet": (s, ["ATA1"]),
                "kont_ans_hovedspec": (s, ["Ortopædisk kirurgi"]),
                "lprindberetningssystem": (s, ["LPR3"]),
            }
        ),
        "lpr_a_diagnose": _table(
            {
                "dw_ek_kontakt": (s, ["k1", "k1"]),
                "diag_kode": (s, ["DM171", "DS821"]),
                "diag_kode_type": (s, ["A", "B"]),
                "senere_afkraeftet": (s, ["Nej", "Nej"]),
            }
        ),
        "lpr_a_procedure_kirurgi": _table(
            {
                "dw_ek_kontakt": (s, ["k1"]),
                "proc_kode": (s, ["KNGB20"]),
                "proc_starttidspunkt": (ts, [T(2017, 8, 10, 10)]),
            }
        ),
        "lpr_a_procedure_andre": _table(
            {
                "dw_ek_kontakt": (s, ["k1"]),
                "proc_kode": (s, ["AWG1"]),
                "proc_starttidspunkt": (ts, [T(2017, 8, 11, 12)]),
            }
        ),
        "dod": _table({"pnr": (s, ["p2"]), "doddato": (date, [D(2018, 1, 5)])}),
        "vnds": _table({"pnr": (s, ["p1"]), "haend_dato": (date, [D(2017, 6, 1)]), "indud_kode": (s, ["U"])}),
    }


def write(out: Path, tables: dict[str, pa.Table] | None = None) -> Path:
    """Write the registers as <out>/<register>/part-0.parquet and return `out`."""
    for name, table in (tables or registers()).items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / "part-0.parquet")
    return out
