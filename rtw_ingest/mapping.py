"""The mapping file (mapping.toml): which SAS files make which register; the contract's names and types."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAPPING = Path(__file__).with_name("mapping.toml")
TYPES = ("varchar", "integer", "double", "date", "timestamp")


class MappingError(ValueError):
    """The mapping file is not valid (names the file and the entry)."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    width: int | None = None


@dataclass(frozen=True)
class Rename:
    source: str
    target: str
    first_year: int | None = None
    last_year: int | None = None

    def applies(self, year: int | None) -> bool:
        if self.first_year is None or year is None:
            return True
        return self.first_year <= year <= (self.last_year if self.last_year is not None else year)


@dataclass(frozen=True)
class Register:
    name: str
    files: str
    columns: tuple[Column, ...]
    patterns: tuple[tuple[re.Pattern[str], Column], ...] = ()
    year_column: str | None = None
    renames: tuple[Rename, ...] = ()
    optional: bool = False  # a SAS folder may lack it (LPR3 before March 2019): no output folder, no error

    def select(self, file_columns: list[str], year: int | None) -> tuple[dict[str, str], list[str]]:
        """Contract column -> the file's column name, and the contract columns not found.

        A file column matches by its lower-cased name or by a rename of the file's year. The year column is
        not reported missing when the file name carries the year.
        """
        by_lower = {c.lower(): c for c in file_columns}
        chosen: dict[str, str] = {}
        for rename in self.renames:
            if rename.applies(year) and rename.source in by_lower:
                chosen.setdefault(rename.target, by_lower[rename.source])
        for col in self.columns:
            if col.name not in chosen and col.name in by_lower:
                chosen[col.name] = by_lower[col.name]
        for pattern, _ in self.patterns:
            for lower, original in by_lower.items():
                if pattern.fullmatch(lower):
                    chosen.setdefault(lower, original)
        missing = [
            c.name
            for c in self.columns
            if c.name not in chosen and not (c.name == self.year_column and year is not None)
        ]
        return chosen, missing

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        for pattern, col in self.patterns:
            if pattern.fullmatch(name):
                return Column(name, col.type, col.width)
        raise KeyError(name)


def _column(register: str, name: str, spec: object, where: Path) -> Column:
    typ, width = (spec.get("type"), spec.get("width")) if isinstance(spec, dict) else (spec, None)
    if typ not in TYPES:
        raise MappingError(f"{where}: registers.{register}.columns.{name}: type {typ!r} not one of {TYPES}")
    if width is not None and (typ != "varchar" or not isinstance(width, int) or width < 1):
        raise MappingError(f"{where}: registers.{register}.columns.{name}: width needs varchar and N >= 1")
    return Column(name, typ, width)


def load_mapping(path: Path = DEFAULT_MAPPING) -> dict[str, Register]:
    """Register name -> Register, from the mapping file."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"{path}: cannot read the mapping file: {exc}") from exc
    registers = {}
    for name, spec in doc.get("registers", {}).items():
        columns = tuple(_column(name, c, s, path) for c, s in spec.get("columns", {}).items())
        patterns = tuple(
            (re.compile(p), _column(name, p, s, path)) for p, s in spec.get("column_patterns", {}).items()
        )
        year_column = spec.get("year_column")
        if year_column is not None and year_column not in {c.name for c in columns}:
            raise MappingError(f"{path}: registers.{name}.year_column {year_column!r}: not a column")
        renames = []
        for r in spec.get("rename", []):
            years = r.get("years", [None, None])
            if r.get("to") not in {c.name for c in columns} or not r.get("from") or len(years) != 2:
                raise MappingError(
                    f"{path}: registers.{name}.rename {r}: needs from = <file column>, to = one of the "
                    "register's columns and optionally years = [first, last]"
                )
            renames.append(Rename(r["from"].lower(), r["to"], years[0], years[1]))
        optional = spec.get("optional", False)
        if not isinstance(optional, bool):
            raise MappingError(f"{path}: registers.{name}.optional: true or false, got {optional!r}")
        registers[name] = Register(
            name, spec.get("files", name).lower(), columns, patterns, year_column, tuple(renames), optional
        )
    return registers
