"""The synthetic registers as a research project's SAS folder (`python -m rtw_synth ... --sas-folder DIR`).

Post-processes the Parquet registers the generator wrote into what a project on a research server sees:
one SAS7BDAT file per register and year (`bef2016.sas7bdat`; DREAM, GES, DOD and VNDS one file each),
variable names in upper case, codes and dates stored as numbers (leading zeros lost, SAS dates = days
since 1960-01-01), the year of yearly registers only in the file name, one per-year variable rename
(IND 2014 `DISPON_NY`), one re-delivery (`December_2023/bef2016.sas7bdat` replaces a wrong
`bef2016.sas7bdat`) and one year in two files (`bef2017.sas7bdat` + `bef2017_1.sas7bdat`). When the extract
has the LPR3 tables (`--lpr3-from`), they are written too: `lpr_a_kontakt<year>` by the year of the contact
start, the diagnosis and procedure tables in the year of their contact, times as SAS datetimes (seconds since
1960-01-01), keys and codes as text. `rtw_ingest` converts it back; the end-to-end tests check that the
warehouse then gives exactly the marts of the Parquet registers (tests/python/test_raw_layouts.py; with LPR3:
tests/python/test_lpr3_cutover.py).

SAS7BDAT is written with Debian's `readstat` command (no PyPI library writes it): CSV + column types ->
Stata .dta -> .sas7bdat. Install: scripts/install_readstat.sh (run by `make bootstrap`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb

# Codes that research servers often store as numbers (their leading zeros are lost).
NUMERIC_CODES = {"c_pattype", "c_indm", "c_spec", "c_mdc", "hfaudd", "ajo_branche07", "speciale", "honuge"}
YEARLY = {"bef": "aar", "ind": "aar", "udda": "aar", "bfl": "aar"}
LPR_DETAIL = ("lpr_diag", "lpr_sksopr", "lpr_sksube")
SINGLE = ("dream", "ges", "dod", "vnds")
LPR3_DETAIL = ("lpr_a_diagnose", "lpr_a_procedure_kirurgi", "lpr_a_procedure_andre")
SAS_EPOCH_SECONDS = 315_619_200  # 1960-01-01 -> 1970-01-01
REDELIVERY = ("bef", 2016, "December_2023")
SPLIT = ("bef", 2017)
RENAME = ("ind", 2014, "dispon_13", "DISPON_NY")


def readstat_binary() -> str:
    path = shutil.which("readstat")
    if not path:
        raise RuntimeError(
            "the `readstat` command is needed to write SAS7BDAT files: install Debian's package readstat "
            "(bash scripts/install_readstat.sh; `make bootstrap` runs it)"
        )
    return path


def write_sas7bdat(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    """Write the rows of `query` as a SAS7BDAT file (numbers as SAS numeric, the rest as SAS character)."""
    numeric = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DOUBLE", "FLOAT", "HUGEINT")
    columns = {name: typ in numeric for name, typ, *_ in con.execute(f"describe {query}").fetchall()}
    with tempfile.TemporaryDirectory(prefix="rtw_sas_") as tmp:
        csv = Path(tmp, "t.csv")
        con.execute(f"copy ({query}) to '{csv}' (header, delimiter ',', nullstr '')")
        csv_to_sas7bdat(csv, columns, path)
    return con.execute(f"select count(*) from ({query})").fetchone()[0]


def csv_to_sas7bdat(csv: Path, columns: dict[str, bool], path: Path) -> None:
    """CSV with a header (empty = missing) -> SAS7BDAT; columns: name -> numeric (else character)."""
    binary = readstat_binary()
    variables = [{"name": n, "type": "NUMERIC" if num else "STRING"} for n, num in columns.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="rtw_sas_", dir=path.parent) as tmp:
        meta, dta = Path(tmp, "t.json"), Path(tmp, "t.dta")
        meta.write_text(json.dumps({"type": "STATA", "variables": variables}))
        for args in ([str(csv), str(meta), str(dta)], [str(dta), str(path)]):
            done = subprocess.run([binary, *args], capture_output=True, text=True, check=False)
            if done.returncode != 0 or not Path(args[-1]).is_file():
                raise RuntimeError(f"readstat {' '.join(args)} failed: {done.stderr.strip() or done.stdout}")


def _sas_select(con: duckdb.DuckDBPyConnection, relation: str, drop: tuple[str, ...] = ()) -> str:
    """Select list: upper-case names, dates as SAS day numbers, NUMERIC_CODES and DREAM weeks as numbers."""
    parts = []
    for name, typ, *_ in con.execute(f"describe select * from {relation}").fetchall():
        if name in drop:
            continue
        q = f'"{name}"'
        if typ == "DATE":
            expr = f"date_diff('day', DATE '1960-01-01', {q})"
        elif typ.startswith("TIMESTAMP"):  # a SAS datetime: seconds since 1960-01-01 00:00:00
            expr = f"epoch({q}) + {SAS_EPOCH_SECONDS}"
        elif name in NUMERIC_CODES or name.startswith("y_"):
            expr = f"cast(nullif(trim({q}), '') as integer)"
        else:
            expr = q
        parts.append(f'{expr} as "{name.upper()}"')
    return ", ".join(parts)


def write_sas_folder(raw_dir: Path, sas_dir: Path) -> dict[str, int]:
    """Write the SAS folder from the Parquet registers in raw_dir; returns file name -> rows."""
    raw_dir, sas_dir = Path(raw_dir), Path(sas_dir)
    if sas_dir.exists():
        shutil.rmtree(sas_dir)
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    # LPR3 only when the extract has it (rtw_synth --lpr3-from, or a period after March 2019)
    lpr3 = ("lpr_a_kontakt", *LPR3_DETAIL) if any((raw_dir / "lpr_a_kontakt").glob("*.parquet")) else ()
    registers = (*YEARLY, "lpr_adm", *LPR_DETAIL, "sssy", *SINGLE, *lpr3)
    for name in registers:
        con.execute(f"create view {name} as select * from read_parquet('{raw_dir / name}/*.parquet')")
    con.execute("create view lpr_year as select recnum, year(d_inddto) as file_year from lpr_adm")
    written: dict[str, int] = {}

    def put(relative: str, query: str) -> None:
        written[relative] = write_sas7bdat(con, query, sas_dir / relative)

    def yearly(name: str, source: str, year_expr: str, drop: tuple[str, ...] = ()) -> None:
        years = con.execute(f"select distinct {year_expr} from {source} order by 1").fetchall()
        for (year,) in years:
            rows = f"(select * from {source} where {year_expr} = {year})"
            select = _sas_select(con, rows, drop)
            if (name, year) == RENAME[:2]:
                select = select.replace(f'as "{RENAME[2].upper()}"', f'as "{RENAME[3]}"')
            query = f"select {select} from {rows}"
            if (name, year) == REDELIVERY[:2]:
                # The first delivery is wrong (half the rows, all in København); the re-delivery is right.
                put(f"{REDELIVERY[2]}/{name}{year}.sas7bdat", query)
                wrong = select.replace('"kom" as "KOM"', '101 as "KOM"')
                assert wrong != select, "the wrong first delivery must differ"
                put(f"{name}{year}.sas7bdat", f"select {wrong} from {rows} where hash(pnr) % 2 = 0")
            elif (name, year) == SPLIT:
                numbered = f"(select *, row_number() over () as _row from {rows})"
                put(f"{name}{year}.sas7bdat", f"select {select} from {numbered} where _row % 2 = 0")
                put(f"{name}{year}_1.sas7bdat", f"select {select} from {numbered} where _row % 2 = 1")
            else:
                put(f"{name}{year}.sas7bdat", query)

    for name, year_column in YEARLY.items():
        yearly(name, name, year_column, drop=(year_column,))
    yearly("lpr_adm", "lpr_adm", "year(d_inddto)")
    for name in LPR_DETAIL:
        source = f"(select d.*, y.file_year from {name} d join lpr_year y using (recnum))"
        yearly(name, source, "file_year", drop=("file_year",))
    yearly("sssy", "sssy", "2000 + cast(left(honuge, 2) as integer)")
    if lpr3:
        yearly("lpr_a_kontakt", "lpr_a_kontakt", "year(kont_starttidspunkt)")
        contact_year = "select dw_ek_kontakt, year(kont_starttidspunkt) as file_year from lpr_a_kontakt"
        con.execute(f"create view lpr3_year as {contact_year}")
        for name in LPR3_DETAIL:
            source = f"(select d.*, y.file_year from {name} d join lpr3_year y using (dw_ek_kontakt))"
            yearly(name, source, "file_year", drop=("file_year",))
    for name in SINGLE:
        put(f"{name}.sas7bdat", f"select {_sas_select(con, name)} from {name}")
    superseded = f"{REDELIVERY[0]}{REDELIVERY[1]}.sas7bdat"
    for name in registers:  # every row once in the newest delivery
        pattern = re.compile(rf"(.*/)?{name}([0-9]{{4}})?(_1)?\.sas7bdat")
        rows = sum(n for k, n in written.items() if k != superseded and pattern.fullmatch(k))
        expected = con.execute(f"select count(*) from {name}").fetchone()[0]
        if rows != expected:
            raise RuntimeError(f"SAS folder: {name} has {rows:,} rows, the Parquet register {expected:,}")
    return written
