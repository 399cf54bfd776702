"""SAS folder -> year-partitioned Parquet registers of the data contract, with a manifest (see README.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import polars_readstat as pr
import pyarrow.parquet as pq
from tqdm import tqdm

from . import __version__
from .mapping import DEFAULT_MAPPING, Column, Register, load_mapping

MANIFEST = "_manifest.json"
SAS_EPOCH = dt.date(1960, 1, 1)
FILE_NAME = re.compile(r"(?P<stem>[a-z][a-z0-9_]*?)(?P<year>(?:19|20)[0-9]{2})?(?:_(?P<part>[0-9]+))?")
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ["jan", "feb", "mar", "apr", "maj may", "jun", "jul", "aug", "sep", "okt oct", "nov", "dec"]
    )
    for m in names.split()
}
CELLS_PER_BATCH = 4_000_000  # bounded memory: rows per batch = this / number of columns
ROWS_PER_ROW_GROUP = 250_000


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
    delivery_rank: tuple[int, int, int] | None  # None: an undated sub-folder

    @property
    def output(self) -> str:
        folder = f"{self.register}/year={self.year}" if self.year is not None else self.register
        return f"{folder}/part-{self.part}.parquet"


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
                delivery_rank(delivery),
            )
        )
    return found, ignored


def choose_deliveries(files: list[SasFile]) -> tuple[list[SasFile], dict[str, str]]:
    """The newest delivery of every register-year (all its parts); superseded file -> its replacement."""
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
    return chosen, superseded


def sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _example(series: pl.Series, column: str) -> str:
    value = series.drop_nulls().head(1).to_list()
    if not value:
        return "NULL"
    if column == "pnr":  # never show a person key: a hash identifies it to the owner of the data only
        return "pnr hash " + hashlib.sha256(str(value[0]).encode()).hexdigest()[:12]
    return repr(value[0])


def _fail(f: SasFile, column: Column, source: str, bad: pl.Series, what: str) -> IngestError:
    return IngestError(
        f"{f.relative}: column {source} -> {column.name}: {what}; expected {column.type}"
        f"{f' (code of {column.width} digits)' if column.width else ''}; {bad.len():,} rows, "
        f"e.g. {_example(bad, column.name)}"
    )


def _integral(f: SasFile, column: Column, source: str, s: pl.Series) -> pl.Series:
    """A numeric column whose values must be whole numbers, as Int64."""
    bad = s.filter(s.is_not_null() & (s.round(0) != s))
    if bad.len():
        raise _fail(f, column, source, bad, "numbers with decimals")
    return s.cast(pl.Int64)


def convert_column(f: SasFile, column: Column, source: str, s: pl.Series) -> pl.Series:
    """One column of a batch into the contract's type (see mapping.toml for the rules)."""
    numeric = s.dtype.is_numeric()
    if column.type == "varchar":
        if numeric:
            out = _integral(f, column, source, s).cast(pl.String)
            if column.width:
                out = out.str.zfill(column.width)
        elif s.dtype == pl.String:
            out = s.str.strip_chars()
            out = out.set(out == "", None)
        else:
            raise _fail(f, column, source, s, f"type {s.dtype}")
        return out
    if column.type in ("integer", "double"):
        target = pl.Int32 if column.type == "integer" else pl.Float64
        if numeric:
            return (_integral(f, column, source, s) if column.type == "integer" else s).cast(target)
        if s.dtype != pl.String:
            raise _fail(f, column, source, s, f"type {s.dtype}")
        text = s.str.strip_chars()
        out = text.cast(target, strict=False)
        bad = text.filter(text.is_not_null() & (text != "") & out.is_null())
        if bad.len():
            raise _fail(f, column, source, bad, "text that is not a number")
        return out
    # date
    if s.dtype == pl.Date:
        return s
    if s.dtype == pl.Datetime or isinstance(s.dtype, pl.Datetime):
        return s.dt.date()
    if numeric:
        days = _integral(f, column, source, s)
        return pl.select((pl.lit(SAS_EPOCH) + pl.duration(days=days)).alias(s.name)).to_series()
    if s.dtype == pl.String:
        text = s.str.strip_chars()
        out = text.str.to_date("%Y-%m-%d", strict=False).fill_null(text.str.to_date("%d%b%Y", strict=False))
        bad = text.filter(text.is_not_null() & (text != "") & out.is_null())
        if bad.len():
            raise _fail(f, column, source, bad, "text that is not a date (YYYY-MM-DD or 05JAN2016)")
        return out
    raise _fail(f, column, source, s, f"type {s.dtype}")


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
    order = [c.name for c in register.columns if c.name in chosen or c.name == register.year_column]
    order += [c for c in chosen if c not in order]
    batch_rows = max(1_000, CELLS_PER_BATCH // max(1, len(chosen)))
    target = out_dir / f.output
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    rows_read = 0
    writer = None
    pending: list[pl.DataFrame] = []
    bar = tqdm(
        total=rows_header, desc=f.relative, unit="row", unit_scale=True, disable=not progress, leave=False
    )
    try:
        lazy = pr.scan_readstat(str(f.path), preserve_order=True, batch_size=batch_rows)
        for batch in lazy.select(list(chosen.values())).collect_batches():
            out = {}
            for name in order:
                if name in chosen:
                    out[name] = convert_column(f, register.column(name), chosen[name], batch[chosen[name]])
                else:  # the year column, from the file name
                    out[name] = pl.Series(name, [f.year] * batch.height, dtype=pl.Int32)
            pending.append(pl.DataFrame(out))
            rows_read += batch.height
            bar.update(batch.height)
            if sum(p.height for p in pending) >= ROWS_PER_ROW_GROUP:
                writer = _write(pl.concat(pending), tmp, writer)
                pending = []
        if pending or writer is None:
            frame = pl.concat(pending) if pending else pl.DataFrame({n: [] for n in order})
            writer = _write(frame, tmp, writer)
        writer.close()
    except IngestError:
        tmp.unlink(missing_ok=True)
        raise
    except Exception as exc:
        tmp.unlink(missing_ok=True)
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


def _write(frame: pl.DataFrame, path: Path, writer: pq.ParquetWriter | None) -> pq.ParquetWriter:
    table = frame.to_arrow()
    table = table.cast(table.schema.remove_metadata())
    if writer is None:
        writer = pq.ParquetWriter(path, table.schema, compression="zstd", store_schema=False)
    writer.write_table(table, row_group_size=ROWS_PER_ROW_GROUP)
    return writer


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
    missing = sorted(set(registers) - {f.register for f in chosen})
    if missing:
        raise IngestError(
            f"{sas_dir}: no SAS file for register(s) {', '.join(missing)} (expected e.g. "
            f"{missing[0]}2016.sas7bdat or {missing[0]}.sas7bdat; file-name stems are in the mapping file)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _previous(out_dir / MANIFEST)
    (out_dir / "_SUCCESS").unlink(missing_ok=True)
    entries = []
    total_bytes = sum(f.path.stat().st_size for f in chosen)
    log(f"rtw_ingest: {len(chosen)} files ({total_bytes / 1e9:.2f} GB) for {len(registers)} registers")
    for name in sorted(superseded):
        log(f"  superseded: {name} (replaced by {superseded[name]})")
    for i, f in enumerate(chosen, 1):
        size, checksum = f.path.stat().st_size, sha256(f.path)
        entry = {
            "source": f.relative,
            "size": size,
            "sha256": checksum,
            "register": f.register,
            "year": f.year,
            "part": f.part,
            "delivery": f.delivery,
            "output": f.output,
        }
        old = previous.get(f.relative, {})
        same = {k: old.get(k) for k in ("size", "sha256", "output", "mapping_sha256")} == {
            "size": size,
            "sha256": checksum,
            "output": f.output,
            "mapping_sha256": mapping_sha,
        }
        if same and (out_dir / f.output).is_file():
            rows_out = pq.ParquetFile(out_dir / f.output).metadata.num_rows
            if rows_out == old.get("rows_out"):
                entries.append(
                    {**entry, "rows_in": old["rows_in"], "rows_out": rows_out, "status": "unchanged"}
                )
                log(f"  [{i}/{len(chosen)}] {f.relative}: unchanged, skipped")
                continue
        rows_in, rows_out = convert_file(f, registers[f.register], out_dir, progress)
        entries.append({**entry, "rows_in": rows_in, "rows_out": rows_out, "status": "converted"})
        log(f"  [{i}/{len(chosen)}] {f.relative} -> {f.output}: {rows_out:,} rows")
    _remove_stale(out_dir, registers, {e["output"] for e in entries}, log)
    manifest = {
        "converter": f"rtw_ingest {__version__}",
        "sas_folder": str(sas_dir),
        "mapping": str(mapping_path),
        "mapping_sha256": mapping_sha,
        "converted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": [{**e, "mapping_sha256": mapping_sha} for e in entries],
        "superseded": [{"source": k, "replaced_by": v} for k, v in sorted(superseded.items())],
        "ignored": [p.relative_to(sas_dir).as_posix() for p in ignored],
    }
    text = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    (out_dir / MANIFEST).write_text(text, encoding="utf-8")
    rows = defaultdict(int)
    for e in entries:
        rows[e["register"]] += e["rows_out"]
    lines = [f"converter=rtw_ingest {__version__}", f"sas_folder={sas_dir}"]
    lines += [f"rows.{k}={v}" for k, v in sorted(rows.items())]
    (out_dir / "_SUCCESS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


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
