"""The cohort period: the generator draws every period on the report's 2016-17 calendar (the calibration),
then moves the registers to the start years asked for (``--start-years``) by a whole number of weeks.

The shift is the number of days from the Monday of ISO week 1 of 2016 to the Monday of ISO week 1 of the
first start year: a multiple of 7, so every date keeps its weekday and ISO week number in the first start
year (week 1 of 2016 becomes week 1 of 2022), the DREAM week columns keep their order (only their labels
move) and the mechanism is the same for every period. Dates (date32 columns) move by that many days, year
columns (``aar``) by the difference in years, SSSY billing weeks (``honuge``, YYWW) by the same number of
weeks. Near 1 January a date may land in the neighbouring year (the shift is a whole number of weeks, not of
years): a few plans change start year at the edges, as they would in a real period. Every register therefore
covers the same span relative to the start years as the default: LPR back to 5 years before the first start
year (the history of METHOD §4), DREAM from week 1 two years before the first start year to the end of the
year after the last, and so on (the warehouse's window check, METHOD §0, names anything missing). Municipal
data-quality defects (Table 3.1 pattern: a month reported under another municipality, swings) move with the
services, so each period has its own defects in its own years. The default period (2016, 2017) is the
identity: the registers are those of the calibrated generator, byte for byte.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .weeks import EPOCH, N_WEEKS, WEEK0

if TYPE_CHECKING:
    from .state import State

DEFAULT_START_YEARS = (2016, 2017)
# LPR2 ended on 28 February 2019; contacts from 1 March 2019 are LPR3 (a writer hook may convert them).
LPR3_FROM = dt.date(2019, 3, 1)


@dataclass(frozen=True)
class Period:
    start_years: tuple[int, ...] = DEFAULT_START_YEARS

    def __post_init__(self) -> None:
        years = tuple(sorted(int(y) for y in self.start_years))
        if len(years) != 2 or years[1] != years[0] + 1:
            raise ValueError(
                f"--start-years: two consecutive years are needed (the design has two), got {years}"
            )
        object.__setattr__(self, "start_years", years)

    @property
    def years(self) -> int:
        """Years from the calibrated 2016-17 calendar to this period."""
        return self.start_years[0] - DEFAULT_START_YEARS[0]

    @property
    def days(self) -> int:
        """Days from the Monday of ISO week 1 of 2016 to that of the first start year (a multiple of 7)."""
        first = dt.date.fromisocalendar(self.start_years[0], 1, 1)
        return (first - dt.date.fromisocalendar(DEFAULT_START_YEARS[0], 1, 1)).days

    @property
    def is_default(self) -> bool:
        return self.start_years == DEFAULT_START_YEARS

    @property
    def label(self) -> str:
        """The cohort period's label as the warehouse writes it (column cohort_period): '2016-2017'."""
        return f"{self.start_years[0]}-{self.start_years[-1]}"

    def padding_weeks(self) -> list[str]:
        """Week columns the moved axis lacks before the end of the year after the period (written NULL)."""
        return padding_weeks_of(self)

    def week_labels(self) -> list[str]:
        """The DREAM column names y_YYWW of the generator's week axis in this period."""
        out = []
        for c in range(N_WEEKS):
            y, w, _ = (EPOCH + dt.timedelta(days=WEEK0 + self.days + 7 * c)).isocalendar()
            out.append(f"y_{y % 100:02d}{w:02d}")
        return out


def _iso_label(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"y_{y % 100:02d}{w:02d}"


def padding_weeks_of(period: Period) -> list[str]:
    """DREAM week labels after the moved axis up to the last ISO week of the year after the period."""
    last_axis = EPOCH + dt.timedelta(days=WEEK0 + period.days + 7 * (N_WEEKS - 1))
    last_needed = dt.date.fromisocalendar(period.start_years[-1] + 2, 1, 1) - dt.timedelta(days=7)
    out, day = [], last_axis + dt.timedelta(days=7)
    while day <= last_needed:
        out.append(_iso_label(day))
        day += dt.timedelta(days=7)
    return out


def blocks(start_years: tuple[int, ...] | list[int]) -> list[Period]:
    """``--start-years`` as cohort periods: an even number of consecutive years, split into two-year blocks
    (2016 2017 2018 2019 -> 2016-17, 2018-19). Each block is one period of the generator (periods.py)."""
    years = sorted(int(y) for y in start_years)
    if not years or len(years) % 2 or years != list(range(years[0], years[0] + len(years))):
        raise ValueError(
            "--start-years: an even number of consecutive years is needed (two-year cohort periods, "
            f"e.g. 2016 2017 2018 2019), got {tuple(years)}"
        )
    return [Period((y, y + 1)) for y in years[::2]]


def _shift_yyww(values: pa.Array, days: int) -> pa.Array:
    """YYWW billing weeks moved by `days` (a multiple of 7)."""
    text = np.asarray(values.to_pylist(), dtype=object)
    mapping = {}
    for v in set(text.tolist()):
        if v is None:
            continue
        monday = dt.date.fromisocalendar(2000 + int(v[:2]), int(v[2:]), 1) + dt.timedelta(days=days)
        y, w, _ = monday.isocalendar()
        mapping[v] = f"{y % 100:02d}{w:02d}"
    return pa.array([None if v is None else mapping[v] for v in text], type=values.type)


def shift_table(table: pa.Table, period: Period, name: str = "") -> pa.Table:
    """One register (or truth table) moved to the period: dates by `period.days`, year columns by
    `period.years`, YYWW weeks by the same number of weeks, DREAM week columns relabelled."""
    if period.is_default:
        return table
    if name == "dream":
        labels = dict(zip(Period().week_labels(), period.week_labels(), strict=True))
        table = table.rename_columns([labels.get(c, c) for c in table.column_names])
        # the axis is 261 weeks from the moved 2014-W01; when a year after the period has 53 ISO weeks it
        # ends a week short of the last week the warehouse reads (METHOD §0): written as no benefit (NULL)
        for label in period.padding_weeks():
            table = table.append_column(label, pa.nulls(table.num_rows, pa.string()))
    if name == "coefficients":
        # the truth's start-year levels ('2016', '2017') are the period's years
        is_year = pc.equal(table["variable"], "start_year")
        level = table["level"]
        moved = pc.if_else(
            is_year,
            pc.cast(pc.add(pc.cast(pc.if_else(is_year, level, "0"), pa.int32()), period.years), pa.string()),
            level,
        )
        table = table.set_column(table.schema.get_field_index("level"), "level", moved)
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        if pa.types.is_date32(field.type):
            ints = pc.add(column.cast(pa.int32()), pa.scalar(period.days, pa.int32()))
            column = ints.cast(pa.date32())
        elif field.name in ("aar", "start_year", "year") and pa.types.is_integer(field.type):
            column = pc.add(column, pa.scalar(period.years, field.type))
        elif field.name == "start_year" and pa.types.is_string(field.type):
            # the truth's start-year case-mix label ('2016', '2017')
            years = pc.add(column.cast(pa.int32()), pa.scalar(period.years, pa.int32()))
            column = years.cast(field.type)
        elif field.name == "honuge":
            chunks = [_shift_yyww(chunk, period.days) for chunk in column.chunks]
            column = pa.chunked_array(chunks, field.type)
        columns.append(column)
    return pa.table(columns, schema=table.schema)


def shift_state(ctx: State) -> None:
    """The last step of a run: every register and truth table moved to the run's period (identity for
    2016-17)."""
    period = ctx.period
    if period.is_default:
        return
    ctx.tables = {name: shift_table(t, period, name) for name, t in ctx.tables.items()}
    ctx.truth = {name: shift_table(t, period, name) for name, t in ctx.truth.items()}
