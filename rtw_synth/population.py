"""Population shape: pad generated registers with persons who have no plan, to a research project's size.

A research project extracts whole registers for the years the method reads, not only the persons with a
plan. `pad()` adds, beside the registers the generator wrote (the plan persons and their background stay
exactly as they are), rows of *population persons* (keys `P#########Q#`: never a plan person's
`P#########`, but sorted among them, so that no Parquet file or row group can be skipped by its key range, as
on a research server where the persons with a plan are scattered over the register; LPR2 contact keys likewise
`R##########Q…`):

| register | rows added (defaults, `factor` 1) |
|---|---|
| bef, ind, udda | ~5.9 million residents per year (minus the persons already there) for the generated years |
| dream | rows up to ~5 million, and every week column from 1991-W31 to `dream_last_week` (~1,744) |
| bfl | up to ~3 million jobs per month for the generated years |
| sssy | ~50 million rows per generated year |
| lpr_adm, _diag, _sksopr, _sksube | ~10 million contacts per generated year, with diagnoses and procedures |
| lpr_a_* (LPR3) | with LPR3 in the extract: the contacts from its first LPR3 contact on (LPR2 stops there) |

Population persons never get a rehabilitation plan code, a GES service, a death or a migration, and every code
they carry is in its seed, so they change no result of the method (tests/python/test_population_shape.py).
Everything is written by DuckDB SQL (`range()` + `hash()`), so the values are deterministic for a seed.
`factor` scales every count (e.g. 0.01 for a quick test).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .dream_codes import codes_in_use
from .seeds import _find, _read

RESIDENTS_PER_YEAR = 5_900_000
DREAM_ROWS = 5_000_000
JOBS_PER_MONTH = 3_000_000
SSSY_ROWS_PER_YEAR = 50_000_000
LPR_CONTACTS_PER_YEAR = 10_000_000
DREAM_FIRST_WEEK = (1991, 31)
DREAM_LAST_WEEK = (2024, 52)
# Population keys are spread over the first KEY_SPREAD plan person (contact) numbers (module docstring).
KEY_SPREAD = 100_000

# Codes of population persons that are valid but never a plan (rehab_plan_codes are AWG1-3).
ICD10_CODES = ["DM171", "DM545", "DS525", "DJ069", "DI109", "DZ000", "DK359", "DO800", "DR074", "DF329"]
SKS_PROCEDURES = ["KNFB20", "KNGB20", "KJDF10", "BWHA1", "UXRC00"]
SKS_SUPPLEMENTARY = ["ZZ0149", "BVAA33", "WLHH1"]


def week_columns(first: tuple[int, int], last: tuple[int, int]) -> list[str]:
    """The DREAM column names y_YYWW of every ISO week from `first` to `last` (inclusive)."""
    monday, end = dt.date.fromisocalendar(*first, 1), dt.date.fromisocalendar(*last, 1)
    names = []
    while monday <= end:
        year, week, _ = monday.isocalendar()
        names.append(f"y_{year % 100:02d}{week:02d}")
        monday += dt.timedelta(weeks=1)
    return names


def _seed_column(seeds: Path, name: str, column: str | Callable[[dict], str]) -> list[str]:
    path = next(seeds.rglob(f"{name}.csv"))
    with path.open(encoding="utf-8") as f:
        return [column(row) if callable(column) else row[column] for row in csv.DictReader(f)]


def read_seed(seeds: Path, name: str):
    """One seed as strings (seeds.py's reader)."""
    return _read(_find(seeds, name))


def _sql_list(values: list) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


class Padder:
    """Writes the population rows of every register next to the generated part files."""

    def __init__(self, raw: Path, seeds: Path, seed: int, factor: float, last_week: tuple[int, int]) -> None:
        self.raw, self.seed, self.factor, self.last_week = raw, seed, factor, last_week
        tmp = raw / "_population_tmp"
        tmp.mkdir(exist_ok=True)
        self.con = duckdb.connect()
        self.con.execute(f"set temp_directory = '{tmp}'")
        self.con.execute(f"set memory_limit = '{os.environ.get('RTW_MEMORY_LIMIT', '3GB')}'")
        self.con.execute("set preserve_insertion_order = false")
        self.counts: dict[str, int] = {}
        self.codes = {
            "kom": _seed_column(seeds, "municipalities", "kom_kode"),
            "land": _seed_column(seeds, "countries_of_origin", "opr_land"),
            "hfaudd": _seed_column(seeds, "education_levels", "hfaudd"),
            "division": _seed_column(seeds, "db07_divisions", "db07_division"),
            "spec": _seed_column(seeds, "hospital_specialties", "c_spec"),
            "spec_name": _seed_column(seeds, "hospital_specialties", "specialty_name"),
            # Specialty + service; the seed's wildcard rows (service `*`) are not codes of the register.
            "sssy": [
                code
                for code in _seed_column(
                    seeds, "sssy_services", lambda r: r["provider_specialty"] + r["service_code"]
                )
                if code.isdigit() and len(code) == 6
            ],
            # Benefit codes of the report's years (dream_codes.py: no code introduced after 2017, whose weeks
            # would need its first year), not the death/emigration codes (population persons do not die or
            # emigrate).
            "dream": [
                c
                for c in codes_in_use(read_seed(seeds, "dream_benefit_codes"), 2017)
                if c not in ("997", "999")
            ],
        }

    # ---------------------------------------------------------------- helpers
    def n(self, count: int) -> int:
        return max(1, round(count * self.factor))

    @staticmethod
    def person_key(expr: str) -> str:
        """The key of population person `expr` (0, 1, ...): see the module docstring."""
        number, block = f"({expr}) % {KEY_SPREAD}", f"({expr}) // {KEY_SPREAD}"
        return f"'P' || lpad(cast({number} as varchar), 9, '0') || 'Q' || cast({block} as varchar)"

    def h(self, expr: str, salt: str) -> str:
        """A deterministic pseudo-random non-negative BIGINT of `expr` (per seed and purpose)."""
        return f"cast(hash({expr}, {self.seed}, '{salt}') >> 1 as bigint)"

    def pick(self, codes: str, expr: str, salt: str) -> str:
        values = self.codes[codes]
        return f"{_sql_list(values)}[1 + ({self.h(expr, salt)} % {len(values)})]"

    def scalar(self, sql: str) -> object:
        return self.con.execute(sql).fetchone()[0]

    def glob(self, register: str) -> str:
        return f"read_parquet('{self.raw / register}/part-*.parquet')"

    def schema(self, register: str) -> list[tuple[str, str]]:
        return [
            (r[0], r[1]) for r in self.con.execute(f"describe select * from {self.glob(register)}").fetchall()
        ]

    def write(self, register: str, name: str, columns: dict[str, str], source: str) -> None:
        """COPY the population rows (column -> SQL over `source`) in the generated file's schema."""
        select = ", ".join(f"cast({columns[c]} as {t}) as {c}" for c, t in self.schema(register))
        path = self.raw / register / f"pop-{name}.parquet"
        rows = self.con.execute(
            f"copy (select {select} from {source}) to '{path}' "
            "(format parquet, compression zstd, row_group_size 1000000)"
        ).fetchone()[0]
        self.counts[register] = self.counts.get(register, 0) + rows

    def years(self, register: str, expr: str = "aar") -> list[int]:
        rows = self.con.execute(f"select distinct {expr} from {self.glob(register)} order by 1").fetchall()
        return [r[0] for r in rows]

    # ---------------------------------------------------------------- registers
    def persons(self) -> int:
        """Number of population persons: residents per year minus the generated persons."""
        generated = self.scalar(f"select count(distinct pnr) from {self.glob('bef')}")
        return max(1, self.n(RESIDENTS_PER_YEAR) - generated)

    def bef_ind_udda(self, n_pop: int) -> None:
        pnr = self.person_key("i")
        for year in self.years("bef"):
            self.write(
                "bef",
                str(year),
                {
                    "pnr": pnr,
                    "aar": str(year),
                    "koen": f"1 + {self.h('i', 'sex')} % 2",
                    "foed_dag": f"date '1925-01-01' + cast({self.h('i', 'birth')} % 32000 as integer)",
                    "kom": self.pick("kom", "i", "kom"),
                    "familie_type": f"[1, 3, {7 if year >= 2016 else 4}, {9 if year >= 2016 else 5}]"
                    f"[1 + {self.h('i', 'family')} % 4]",
                    "ie_type": f"[1, 1, 1, 1, 1, 1, 1, 1, 2, 3][1 + {self.h('i', 'ie')} % 10]",
                    "opr_land": f"case when {self.h('i', 'ie')} % 10 < 8 then '5100' "
                    f"else {self.pick('land', 'i', 'land')} end",
                },
                f"range({n_pop}) as t(i)",
            )
        for year in self.years("ind"):
            self.write(
                "ind",
                str(year),
                {
                    "pnr": pnr,
                    "aar": str(year),
                    "dispon_13": f"{self.h('i', 'income' + str(year))} % 600000 - 50000",
                },
                f"range({n_pop}) as t(i)",
            )
        for year in self.years("udda"):
            self.write(
                "udda",
                str(year),
                {"pnr": pnr, "aar": str(year), "hfaudd": self.pick("hfaudd", "i", "education")},
                f"range({n_pop}) as t(i)",
            )

    def bfl(self, n_pop: int) -> None:
        for year in self.years("bfl"):
            generated = self.scalar(f"select count(*) from {self.glob('bfl')} where aar = {year}") // 12
            jobs = min(n_pop, max(1, self.n(JOBS_PER_MONTH) - generated))
            self.write(
                "bfl",
                str(year),
                {
                    "pnr": self.person_key("j"),
                    "aar": str(year),
                    "mdr": "m",
                    "ajo_arbnr_senr": f"'W' || cast({self.h('j', 'workplace')} % 200000 as varchar)",
                    "ajo_loentimer": f"cast({self.h('j', 'hours')} % 170 as double) + 0.5",
                    # ~10 sub-classes per division, ~900 codes in all (real DB07 has 736 six-digit codes)
                    "ajo_branche07": f"{self.pick('division', 'j', 'division')} "
                    f"|| lpad(cast({self.h('j', 'branche')} % 10 * 1001 as varchar), 4, '0')",
                },
                f"range({jobs}) as t(j) cross join range(1, 13) as m(m)",
            )

    def sssy(self, n_pop: int) -> None:
        for yy in self.years("sssy", "left(honuge, 2)"):
            rows = self.n(SSSY_ROWS_PER_YEAR)
            # one row per person, week and service with the services counted in ydlant, as the generator
            # writes sssy (an exact duplicate row is an error of the raw audit)
            drawn = (
                f"select {self.person_key(self.h('r', 'person' + yy) + f' % {n_pop}')} as pnr, "
                f"'{yy}' || lpad(cast(1 + {self.h('r', 'week' + yy)} % 52 as varchar), 2, '0') as honuge, "
                f"{self.pick('sssy', 'r', 'service' + yy)} as speciale, "
                f"1 + {self.h('r', 'count' + yy)} % 3 as ydlant "
                f"from range({rows}) as t(r)"
            )
            self.write(
                "sssy",
                f"20{yy}",
                {"pnr": "pnr", "honuge": "honuge", "speciale": "speciale", "ydlant": "ydlant"},
                f"(select pnr, honuge, speciale, sum(ydlant) as ydlant from ({drawn}) group by all "
                "order by pnr, honuge, speciale) as services",
            )

    def lpr3_from(self) -> str | None:
        """The day of the extract's first LPR3 contact (SQL date literal), None without LPR3 tables."""
        if not any((self.raw / "lpr_a_kontakt").glob("part-*.parquet")):
            return None
        first = self.scalar(f"select min(kont_starttidspunkt)::date from {self.glob('lpr_a_kontakt')}")
        return None if first is None else f"date '{first.isoformat()}'"

    def lpr(self, n_pop: int) -> None:
        cutover = self.lpr3_from()
        for year in self.years("lpr_adm", "year(d_inddto)"):
            contacts = self.n(LPR_CONTACTS_PER_YEAR)
            recnum = (
                f"'R' || lpad(cast(c % {KEY_SPREAD} as varchar), 10, '0') || 'Q{year}-' "
                f"|| cast(c // {KEY_SPREAD} as varchar)"
            )
            start = f"make_date({year}, 1, 1) + cast({self.h('c', 'day')} % 365 as integer)"
            kind = f"{self.h('c', 'pattype')} % 4"
            adiag = f"{_sql_list(ICD10_CODES)}[1 + {self.h('c', 'adiag')} % {len(ICD10_CODES)}]"
            # with LPR3 in the extract, LPR2's population contacts end where LPR3's begin (lpr3 below)
            source = f"range({contacts}) as t(c)" + (f" where {start} < {cutover}" if cutover else "")
            self.write(
                "lpr_adm",
                str(year),
                {
                    "pnr": self.person_key(f"{self.h('c', 'lpr_person')} % {n_pop}"),
                    "recnum": recnum,
                    "d_inddto": start,
                    "d_uddto": f"{start} + case when {kind} = 0 "
                    f"then cast({self.h('c', 'los')} % 8 as integer) else 0 end",
                    "c_pattype": f"cast({kind} as varchar)",
                    "c_indm": f"cast(1 + {self.h('c', 'acute')} % 2 as varchar)",
                    "c_spec": self.pick("spec", "c", "spec"),
                    "c_adiag": adiag,
                    "c_mdc": f"lpad(cast({self.h('c', 'mdc')} % 26 as varchar), 2, '0')",
                },
                source,
            )
            # One action diagnosis per contact, a secondary one for 1 in 100.
            self.write(
                "lpr_diag",
                str(year),
                {
                    "recnum": recnum,
                    "c_diag": f"case when k = 0 then {adiag} else 'DZ000' end",
                    "c_diagtype": "case when k = 0 then 'A' else 'B' end",
                },
                f"(select * from {source}) as t cross join range(2) as k(k) "
                f"where k = 0 or {self.h('c', 'secondary')} % 100 = 0",
            )
            for register, codes, every in (
                ("lpr_sksopr", SKS_PROCEDURES, 5),
                ("lpr_sksube", SKS_SUPPLEMENTARY, 10),
            ):
                self.write(
                    register,
                    str(year),
                    {
                        "recnum": recnum,
                        "c_opr": f"{_sql_list(codes)}[1 + {self.h('c', register)} % {len(codes)}]",
                        "d_odto": start,
                    },
                    f"(select * from {source}) as t where {self.h('c', register + '_has')} % {every} = 0",
                )

    def lpr3(self, n_pop: int) -> None:
        """LPR3's population contacts (as many a year as LPR2's) from the extract's first LPR3 contact on:
        physical attendances with a priority of seed lpr3_codes, a specialty name of seed
        hospital_specialties, the same non-plan diagnoses and procedures as LPR2's (never a plan code)."""
        cutover = self.lpr3_from()
        if cutover is None:
            return
        for year in self.years("lpr_a_kontakt", "year(kont_starttidspunkt)"):
            contacts = self.n(LPR_CONTACTS_PER_YEAR)
            key = f"'Q3{year}' || lpad(cast(c as varchar), 9, '0')"
            day = f"make_date({year}, 1, 1) + cast({self.h('c', 'day')} % 365 as integer)"
            start = f"cast({day} as timestamp) + interval 9 hour"
            adiag = f"{_sql_list(ICD10_CODES)}[1 + {self.h('c', 'adiag')} % {len(ICD10_CODES)}]"
            source = f"(select * from range({contacts}) as t(c) where {day} >= {cutover}) as t"
            self.write(
                "lpr_a_kontakt",
                str(year),
                {
                    "pnr": self.person_key(f"{self.h('c', 'lpr_person')} % {n_pop}"),
                    "dw_ek_kontakt": key,
                    "kont_starttidspunkt": start,
                    "kont_sluttidspunkt": f"{start} + to_hours(1 + {self.h('c', 'los')} % 48)",
                    "kont_type": "'ALCA00'",
                    "prioritet": f"case when {self.h('c', 'acute')} % 2 = 0 then 'ATA1' else 'ATA3' end",
                    "kont_ans_hovedspec": self.pick("spec_name", "c", "spec"),
                    "lprindberetningssystem": "'LPR3'",
                },
                source,
            )
            self.write(
                "lpr_a_diagnose",
                str(year),
                {
                    "dw_ek_kontakt": key,
                    "diag_kode": f"case when k = 0 then {adiag} else 'DZ000' end",
                    "diag_kode_type": "case when k = 0 then 'A' else 'B' end",
                    "senere_afkraeftet": "'Nej'",
                },
                f"{source} cross join range(2) as k(k) where k = 0 or {self.h('c', 'secondary')} % 100 = 0",
            )
            for register, codes, every in (
                ("lpr_a_procedure_kirurgi", SKS_PROCEDURES, 5),
                ("lpr_a_procedure_andre", SKS_SUPPLEMENTARY, 10),
            ):
                self.write(
                    register,
                    str(year),
                    {
                        "dw_ek_kontakt": key,
                        "proc_kode": f"{_sql_list(codes)}[1 + {self.h('c', register)} % {len(codes)}]",
                        "proc_starttidspunkt": f"{start} + interval 1 hour",
                    },
                    f"{source} where {self.h('c', register + '_has')} % {every} = 0",
                )

    def dream(self, batch: int = 50_000) -> None:
        """Rewrite DREAM with every week column and the population rows (two benefit spells per person).

        Written with Arrow in row groups of `batch` rows: a DuckDB COPY of ~1,750 columns buffers a block per
        column and runs out of memory.
        """
        columns = week_columns(DREAM_FIRST_WEEK, self.last_week)
        folder = self.raw / "dream"
        plan = pq.read_table(sorted(folder.glob("part-*.parquet")))
        n_pop = max(1, self.n(DREAM_ROWS) - plan.num_rows)
        n_weeks = len(columns)
        schema = pa.schema([("pnr", pa.string())] + [(c, pa.string()) for c in columns])
        codes = pa.array([""] + self.codes["dream"], type=pa.string())
        rng = np.random.default_rng([self.seed, 1991])
        target = folder / "pop-all.parquet"
        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            null = pa.nulls(plan.num_rows, pa.string())
            writer.write_table(
                pa.table(
                    [plan["pnr"].cast(pa.string())]
                    + [plan[c].cast(pa.string()) if c in plan.column_names else null for c in columns],
                    schema=schema,
                )
            )
            for first in range(0, n_pop, batch):
                i = np.arange(first, min(n_pop, first + batch))
                spread = np.char.add(np.char.zfill((i % KEY_SPREAD).astype(str), 9), "Q")
                keys = np.char.add(np.char.add("P", spread), (i // KEY_SPREAD).astype(str))
                pnr = pa.array(keys.astype(object), pa.string())
                spells = []
                for length in (200, 40):
                    start = rng.integers(0, n_weeks, size=len(i))
                    end = start + rng.integers(0, length, size=len(i))
                    spells.append((start, end, rng.integers(1, len(codes), size=len(i))))
                arrays = [pnr]
                for k in range(n_weeks):
                    code = np.zeros(len(i), dtype=np.int32)
                    for start, end, c in reversed(spells):
                        code = np.where((start <= k) & (k <= end), c, code)
                    arrays.append(codes.take(pa.array(code, mask=code == 0)))
                writer.write_table(pa.table(arrays, schema=schema))
        for part in folder.glob("part-*.parquet"):
            part.unlink()
        target.rename(folder / "part-0.parquet")
        self.counts["dream"] = n_pop
        self.counts["dream_week_columns"] = n_weeks


def pad(
    raw: Path,
    seeds: Path,
    seed: int = 42,
    factor: float = 1.0,
    last_week: tuple[int, int] = DREAM_LAST_WEEK,
    progress: bool = True,
) -> dict[str, int]:
    """Add population rows to the registers in `raw` (written by the generator); returns rows added."""
    raw = Path(raw)
    success = raw / "_SUCCESS"
    header = success.read_text() if success.exists() else ""
    success.unlink(missing_ok=True)  # not a complete extract while padding
    padder = Padder(raw, seeds, seed, factor, last_week)
    n_pop = padder.persons()
    steps = [
        ("bef/ind/udda", lambda: padder.bef_ind_udda(n_pop)),
        ("bfl", lambda: padder.bfl(n_pop)),
        ("lpr", lambda: padder.lpr(n_pop)),
        ("lpr3", lambda: padder.lpr3(n_pop)),
        ("sssy", lambda: padder.sssy(n_pop)),
        ("dream", padder.dream),
    ]
    for name, step in steps:
        t0 = time.perf_counter()
        step()
        if progress:
            print(f"population shape: {name} done in {time.perf_counter() - t0:.1f} s", flush=True)
    padder.con.close()
    shutil.rmtree(raw / "_population_tmp", ignore_errors=True)
    lines = [f"population_shape_factor={factor}"] + [
        f"population_rows.{k}={v}" for k, v in padder.counts.items()
    ]
    success.write_text(header + "\n".join(lines) + "\n")
    return padder.counts
