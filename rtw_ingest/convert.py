"""SAS folder -> year-partitioned Parquet registers of the data contract, with a manifest (see README.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import time
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl
import polars_readstat as pr
import pyarrow.parquet as pq
from tqdm import tqdm

from . import __version__
from .mapping import DEFAULT_MAPPING, Column, Register, load_mapping

MANIFEST = "_manifest.json"
FILE_NAME = re.compile(r"(?P<stem>[a-z][a-z0-9_]*?)(?P<year>(?:19|20)[0-9]{2})?(?:_(?P<part>[0-9]+))?")
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["jan", "feb", "mar", "apr", "maj may", "jun", "jul", "aug", "sep", "okt oct", "nov", "dec"]
    )
    for m in names.split()
}
# Bounded memory: a read batch holds about CELLS_PER_BATCH values, a Parquet row group about
# CELLS_PER_ROW_GROUP (DREAM's 1,750 columns: ~9,000 rows per batch, ~18,000 per row group).
CELLS_PER_BATCH = 16_000_000
CELLS_PER_ROW_GROUP = 32_000_000
MAX_ROWS_PER_ROW_GROUP = 1_000_000
SAS_EPOCH_SECONDS = 315_619_200  # 1960-01-01 -> 1970-01-01 (3,653 days)


class IngestError(RuntimeError):
    """A file cannot be converted; the message names the file, the column and what was expected."""


@dataclass(frozen=True)
class SasFile:
    path: Path
    relative: str
    register: str
    year: int | None
    part: int
    delivery: str  # sub-folder relative to the SAS folder ('' = the folder itself)
    output: str = ""  # the Parquet file it becomes, relative to the output folder (set by choose_deliveries)


def delivery_rank(folder: str) -> tuple[int, int, int] | None:
    """Date of a delivery from its sub-folder name (December_2023, 2023-12, 20231201); '' = oldest."""
    if not folder:
        return (0, 0, 0)
    name = folder.lower()
    year = re.search(r"(?:19|20)[0-9]{2}", name)
    if not year:
        return None
    month = next((n for m, n in MONTHS.items() if re.search(rf"(?<![a-z]){m}", name)), None)
    digits = re.match(r"[-_ ]?([0-9]{2})(?:[-_ ]?([0-9]{2}))?", name[year.end() :])
    if month is None and digits and 1 <= int(digits.group(1)) <= 12:
        return (int(year.group()), int(digits.group(1)), int(digits.group(2) or 0))
    return (int(year.group()), month or 0, 0)


def find_files(sas_dir: Path, registers: dict[str, Register]) -> tuple[list[SasFile], list[Path]]:
    """Every .sas7bdat under sas_dir that names a register of the mapping; and the other SAS files."""
    by_stem = {r.files: r.name for r in registers.values()}
    found, ignored = [], []
    for path in sorted(p for p in sas_dir.rglob("*") if p.suffix.lower() == ".sas7bdat" and p.is_file()):
        m = FILE_NAME.fullmatch(path.stem.lower())
        if not m or m.group("stem") not in by_stem:
            ignored.append(path)
            continue
        delivery = path.parent.relative_to(sas_dir).as_posix()
        delivery = "" if delivery == "." else delivery
        found.append(
            SasFile(
                path,
                path.relative_to(sas_dir).as_posix(),
                by_stem[m.group("stem")],
                int(m.group("year")) if m.group("year") else None,
                int(m.group("part") or 0),
                delivery,
            )
        )
    return found, ignored


def choose_deliveries(files: list[SasFile]) -> tuple[list[SasFile], dict[str, str]]:
    """The newest delivery of every register-year (all its parts); superseded file -> its replacement.

    Output: `<register>/year=YYYY/part-N.parquet` (N = the `_N` of the file name, 0 without); a file without a
    year goes to `<register>/part-N.parquet`, or to the partition `year=__HIVE_DEFAULT_PARTITION__` (read as
    NULL) when the register also has yearly files, since one folder cannot mix the two layouts.
    """
    groups: dict[tuple[str, int | None], list[SasFile]] = defaultdict(list)
    for f in files:
        groups[(f.register, f.year)].append(f)
    chosen, superseded = [], {}
    for (register, year), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        deliveries = sorted({f.delivery for f in members})
        if len(deliveries) > 1 and any(delivery_rank(d) is None for d in deliveries):
            raise IngestError(
                f"{register} {year or ''}: delivered in {len(deliveries)} folders "
                f"({', '.join(d or '.' for d in deliveries)}) and one of them has no date in its name, "
                "so the newest cannot be told: put the date in the re-delivery folder's name (December_2023)"
            )
        newest = max(deliveries, key=lambda d: delivery_rank(d) or (0, 0, 0))
        parts: dict[int, SasFile] = {}
        for f in sorted(members, key=lambda f: f.relative):
            if f.delivery != newest:
                continue
            if f.part in parts:
                raise IngestError(
                    f"{f.relative} and {parts[f.part].relative}: the same register, year and part twice in "
                    "one delivery (file names differ only in case?): remove one"
                )
            parts[f.part] = f
        chosen.extend(parts[k] for k in sorted(parts))
        replacement = ", ".join(parts[k].relative for k in sorted(parts))
        superseded.update({f.relative: replacement for f in members if f.delivery != newest})
    yearly = {f.register for f in chosen if f.year is not None}
    chosen = [replace(f, output=_output(f, f.register in yearly)) for f in chosen]
    return chosen, superseded


def _output(f: SasFile, partitioned: bool) -> str:
    folder = f"{f.register}/year={f.year or '__HIVE_DEFAULT_PARTITION__'}" if partitioned else f.register
    return f"{folder}/part-{f.part}.parquet"


def sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _example(value: object, column: str) -> str:
    if value is None:
        return "NULL"
    if column == "pnr":  # never show a person key: a hash identifies it to the owner of the data only
        return "pnr hash " + hashlib.sha256(str(value).encode()).hexdigest()[:12]
    return repr(value)


@dataclass(frozen=True)
class Plan:
    """How one contract column is made from one file column: the conversion and the rows it cannot convert."""

    column: Column
    source: str
    convert: pl.Expr
    bad: pl.Expr | None = None  # True on a row whose value cannot be converted
    problem: str = ""


def plan_column(f: SasFile, column: Column, source: str, dtype: pl.DataType) -> Plan:
    """The conversion of a file column to the contract's type (rules in mapping.toml), as expressions."""
    c = pl.col(source)
    numeric = dtype.is_numeric()
    whole = "numbers with decimals"
    not_whole = c.is_not_null() & (c.round(0) != c) if numeric else None
    text = c.str.strip_chars() if dtype == pl.String else None
    if column.type == "varchar" and numeric:
        out = c.cast(pl.Int64).cast(pl.String)
        return Plan(column, source, out.str.zfill(column.width) if column.width else out, not_whole, whole)
    if column.type == "varchar" and text is not None:  # the reader trims trailing blanks; empty text is NULL
        return Plan(column, source, c)
    if column.type in ("integer", "double") and (numeric or text is not None):
        target = pl.Int32 if column.type == "integer" else pl.Float64
        if numeric:
            bad = not_whole if column.type == "integer" else None
            return Plan(column, source, c.cast(target), bad, whole)
        out = text.cast(target, strict=False)
        return Plan(column, source, out, (text != "") & out.is_null(), "text that is not a number")
    if column.type == "date":
        if dtype == pl.Date:
            return Plan(column, source, c)
        if isinstance(dtype, pl.Datetime):
            return Plan(column, source, c.dt.date())
        if numeric:  # a SAS date: days since 1960-01-01 (= 1970-01-01 - 3,653 days)
            days = (c.cast(pl.Int64) - 3_653).cast(pl.Int32)
            return Plan(column, source, days.cast(pl.Date), not_whole, whole)
        if text is not None:
            iso, sas = text.str.to_date("%Y-%m-%d", strict=False), text.str.to_date("%d%b%Y", strict=False)
            out = iso.fill_null(sas)
            return Plan(column, source, out, (text != "") & out.is_null(), "text that is not a date")
    if column.type == "timestamp":
        if isinstance(dtype, pl.Datetime) or dtype == pl.Date:
            return Plan(column, source, c.cast(pl.Datetime("us")))
        if numeric:  # a SAS datetime: seconds since 1960-01-01 00:00:00 (= 1970-01-01 - 315,619,200 s)
            micros = ((c.cast(pl.Float64) - SAS_EPOCH_SECONDS) * 1_000_000).round(0).cast(pl.Int64)
            return Plan(column, source, micros.cast(pl.Datetime("us")))
        if text is not None:
            formats = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d%b%Y:%H:%M:%S")
            parsed = [text.str.to_datetime(fmt, strict=False, time_unit="us") for fmt in formats]
            out = pl.coalesce(parsed)
            return Plan(column, source, out, (text != "") & out.is_null(), "text that is not a date and time")
    raise IngestError(
        f"{f.relative}: column {source} -> {column.name}: the file's type {dtype} cannot become {column.type}"
    )


class BatchConverter:
    """Checks then converts one batch with the plans' expressions (built once per file, not per batch)."""

    def __init__(self, f: SasFile, plans: list[Plan]):
        self.f = f
        self.checks = [p for p in plans if p.bad is not None]
        self.check_exprs = [p.bad.fill_null(False).sum().alias(f"c{i}") for i, p in enumerate(self.checks)]
        self.exprs = [p.convert.alias(p.column.name) for p in plans]

    def __call__(self, batch: pl.DataFrame) -> pl.DataFrame:
        """The converted batch; stops at the first column with values it cannot convert."""
        counts = batch.select(self.check_exprs).row(0) if self.checks else ()
        for p, n in zip(self.checks, counts, strict=True):
            if n:
                example = batch.filter(p.bad.fill_null(False)).get_column(p.source)[0]
                width = f" (a code of {p.column.width} digits)" if p.column.width else ""
                raise IngestError(
                    f"{self.f.relative}: column {p.source} -> {p.column.name}: {p.problem}; expected "
                    f"{p.column.type}{width}; {n:,} rows in this batch, "
                    f"e.g. {_example(example, p.column.name)}"
                )
        return batch.select(self.exprs)


def convert_file(f: SasFile, register: Register, out_dir: Path, progress: bool) -> tuple[int, int]:
    """Convert one SAS file to its Parquet part; returns (rows in the SAS header, rows written)."""
    try:
        scan = pr.ScanReadstat(str(f.path))
        meta = scan.metadata
        names = [c["name"] for c in meta["columns"]]
    except Exception as exc:  # the reader's own error types vary
        raise IngestError(f"{f.relative}: cannot read the file as SAS7BDAT: {exc}") from exc
    chosen, missing = register.select(names, f.year)
    if missing:
        raise IngestError(
            f"{f.relative}: register {register.name} needs column(s) {', '.join(missing)} "
            f"({', '.join(register.column(m).type for m in missing)}), not found among the file's "
            f"{len(names)} columns ({', '.join(names[:30])}{' …' if len(names) > 30 else ''}); add a rename "
            "for this year to the mapping file (rtw_ingest/mapping.toml or --mapping)"
        )
    rows_header = int(meta["row_count"])
    types = scan.schema
    order = [c.name for c in register.columns if c.name in chosen or c.name == register.year_column]
    order += [c for c in chosen if c not in order]
    plans = [
        plan_column(f, register.column(n), chosen[n], types[chosen[n]])
        if n in chosen
        else Plan(register.column(n), n, pl.lit(f.year, pl.Int32))  # the year column, from the file name
        for n in order
    ]
    convert = BatchConverter(f, plans)
    batch_rows = max(1_000, CELLS_PER_BATCH // len(order))
    group_rows = min(MAX_ROWS_PER_ROW_GROUP, max(batch_rows, CELLS_PER_ROW_GROUP // len(order)))
    target = out_dir / f.output
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    rows_read = 0
    writer = RowGroupWriter(tmp)
    pending: list[pl.DataFrame] = []
    bar = tqdm(
        total=rows_header, desc=f.relative, unit="row", unit_scale=True, disable=not progress, leave=False
    )
    try:
        lazy = pr.scan_readstat(
            str(f.path), preserve_order=True, batch_size=batch_rows, missing_string_as_null=True
        )
        for batch in lazy.select(list(chosen.values())).collect_batches():
            pending.append(convert(batch))
            rows_read += batch.height
            bar.update(batch.height)
            if sum(p.height for p in pending) >= group_rows:
                writer.write(pl.concat(pending))
                pending = []
        writer.write(pl.concat(pending) if pending else convert(pl.DataFrame(schema=types)))
        writer.close()
    except Exception as exc:
        writer.abort()
        tmp.unlink(missing_ok=True)
        if isinstance(exc, IngestError):
            raise
        raise IngestError(f"{f.relative}: reading failed after {rows_read:,} rows: {exc}") from exc
    finally:
        bar.close()
    tmp.replace(target)
    rows_out = pq.ParquetFile(target).metadata.num_rows
    if not rows_header == rows_read == rows_out:
        raise IngestError(
            f"{f.relative}: {rows_header:,} rows in the SAS header, {rows_read:,} read, {rows_out:,} written"
        )
    return rows_header, rows_out


class RowGroupWriter:
    """Writes row groups to one Parquet file in a background thread, so that reading the next batches (polars
    and the reader release the GIL) and writing run on two cores; at most one row group waits."""

    def __init__(self, path: Path):
        self.path = path
        self.writer: pq.ParquetWriter | None = None
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: Future | None = None

    def write(self, frame: pl.DataFrame) -> None:
        table = frame.to_arrow(compat_level=pl.CompatLevel.newest())  # string views: no copy
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, table.schema, compression="zstd", store_schema=False)
        if self.pending is not None:
            self.pending.result()
        self.pending = self.pool.submit(self.writer.write_table, table, row_group_size=MAX_ROWS_PER_ROW_GROUP)

    def close(self) -> None:
        if self.pending is not None:
            self.pending.result()
        self.pool.shutdown()
        if self.writer is not None:
            self.writer.close()

    def abort(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        if self.writer is not None:
            self.writer.close()


def run(
    sas_dir: Path,
    out_dir: Path,
    mapping_path: Path = DEFAULT_MAPPING,
    progress: bool = True,
    log=print,
) -> dict:
    """Convert the SAS folder; returns the manifest written to <out>/_manifest.json."""
    sas_dir, out_dir = Path(sas_dir), Path(out_dir)
    if not sas_dir.is_dir():
        raise IngestError(f"{sas_dir}: no such folder")
    registers = load_mapping(mapping_path)
    mapping_sha = sha256(mapping_path)
    files, ignored = find_files(sas_dir, registers)
    chosen, superseded = choose_deliveries(files)
    absent = sorted(set(registers) - {f.register for f in chosen})
    missing = [name for name in absent if not registers[name].optional]
    for name in absent:
        if registers[name].optional:
            log(f"rtw_ingest: no SAS file for the optional register {name}: not written")
    if missing:
        raise IngestError(
            f"{sas_dir}: no SAS file for register(s) {', '.join(missing)} (expected e.g. "
            f"{missing[0]}2016.sas7bdat or {missing[0]}.sas7bdat; file-name stems are in the mapping file)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _previous(out_dir / MANIFEST)
    (out_dir / "_SUCCESS").unlink(missing_ok=True)
    manifest = {
        "converter": f"rtw_ingest {__version__}",
        "sas_folder": str(sas_dir),
        "mapping": str(mapping_path),
        "mapping_sha256": mapping_sha,
        "converted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "complete": False,
        "files": [],
        "superseded": [{"source": k, "replaced_by": v} for k, v in sorted(superseded.items())],
        "ignored": [p.relative_to(sas_dir).as_posix() for p in ignored],
    }
    entries = manifest["files"]
    total_bytes = sum(f.path.stat().st_size for f in chosen)
    log(f"rtw_ingest: {len(chosen)} files ({total_bytes / 1e9:.2f} GB) for {len(registers)} registers")
    for name in sorted(superseded):
        log(f"  superseded: {name} (replaced by {superseded[name]})")
    for i, f in enumerate(chosen, 1):
        size, started = f.path.stat().st_size, time.perf_counter()
        log(f"  [{i}/{len(chosen)}] {f.relative} ({size / 1e9:.2f} GB)")
        checksum = sha256(f.path)
        entry = {
            "source": f.relative,
            "size": size,
            "sha256": checksum,
            "register": f.register,
            "year": f.year,
            "part": f.part,
            "delivery": f.delivery,
            "output": f.output,
            "mapping_sha256": mapping_sha,
        }
        old = previous.pop(f.relative, {})
        if {k: old.get(k) for k in entry} == entry and (out_dir / f.output).is_file():
            rows_out = pq.ParquetFile(out_dir / f.output).metadata.num_rows
            if rows_out == old.get("rows_out"):
                entries.append(
                    {**entry, "rows_in": old["rows_in"], "rows_out": rows_out, "status": "unchanged"}
                )
                log("      unchanged since the last run: skipped")
                continue
        rows_in, rows_out = convert_file(f, registers[f.register], out_dir, progress)
        entries.append({**entry, "rows_in": rows_in, "rows_out": rows_out, "status": "converted"})
        log(f"      -> {f.output}: {rows_out:,} rows in {time.perf_counter() - started:.1f} s")
        # After every file: an interrupted or failed run resumes here (the files not yet reached keep their
        # entries of the last run), and `make data` never mistakes the folder for a missing one.
        _write_manifest(out_dir, {**manifest, "files": entries + list(previous.values())})
    _remove_stale(out_dir, registers, {e["output"] for e in entries}, log)
    manifest["complete"] = True
    _write_manifest(out_dir, manifest)
    rows = defaultdict(int)
    for e in entries:
        rows[e["register"]] += e["rows_out"]
    lines = [f"converter=rtw_ingest {__version__}", f"sas_folder={sas_dir}"]
    lines += [f"rows.{k}={v}" for k, v in sorted(rows.items())]
    (out_dir / "_SUCCESS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def _write_manifest(out_dir: Path, manifest: dict) -> None:
    tmp = out_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out_dir / MANIFEST)


def _previous(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    return {e["source"]: e for e in json.loads(path.read_text(encoding="utf-8")).get("files", [])}


def _remove_stale(out_dir: Path, registers: dict[str, Register], keep: set[str], log) -> None:
    """Remove Parquet parts of earlier runs that no chosen file produces now (e.g. a dropped `_1` file)."""
    for name in registers:
        for path in sorted((out_dir / name).rglob("*.parquet")) if (out_dir / name).is_dir() else []:
            rel = path.relative_to(out_dir).as_posix()
            if rel not in keep:
                log(f"  removed stale output {rel}")
                path.unlink()
        for folder in sorted((out_dir / name).glob("year=*")) if (out_dir / name).is_dir() else []:
            if folder.is_dir() and not any(folder.iterdir()):
                shutil.rmtree(folder)
