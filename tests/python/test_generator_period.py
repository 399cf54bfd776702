"""The generator for any period (rtw_synth/period.py, `--start-years`): a later period's registers are the
default period's moved by a whole number of weeks (same mechanism), every register covers the years the
warehouse's window check needs for them (METHOD §0), and the default period is unchanged."""

from __future__ import annotations

import datetime as dt

import pyarrow.compute as pc
import pytest

from rtw_synth.dream_codes import later_codes
from rtw_synth.generator import Generator
from rtw_synth.period import Period
from rtw_synth.seeds import load_seeds

SCALE = 0.02


@pytest.fixture(scope="module")
def periods() -> dict[tuple[int, int], dict]:
    out = {}
    for years in ((2016, 2017), (2022, 2023)):
        st = Generator(SCALE, 42, progress=False, start_years=years).draw()
        out[years] = st.tables
    return out


def test_shift_is_whole_weeks_aligned_on_iso_week_1() -> None:
    p = Period((2022, 2023))
    assert p.days % 7 == 0 and p.years == 6
    assert dt.date(2016, 1, 4) + dt.timedelta(days=p.days) == dt.date.fromisocalendar(2022, 1, 1)
    assert Period().days == 0 and Period().is_default
    with pytest.raises(ValueError, match="two consecutive years"):
        Period((2022, 2024))


def test_later_period_is_the_default_moved(periods: dict) -> None:
    base, later = periods[(2016, 2017)], periods[(2022, 2023)]
    days = Period((2022, 2023)).days
    assert base.keys() == later.keys()
    for name in base:
        assert base[name].num_rows == later[name].num_rows, name
    # dates by whole weeks, years by 6, person keys and codes unchanged
    got = pc.subtract(later["lpr_adm"]["d_inddto"].cast("int32"), base["lpr_adm"]["d_inddto"].cast("int32"))
    assert pc.all(pc.equal(got, days)).as_py()
    assert pc.all(pc.equal(pc.subtract(later["bef"]["aar"], base["bef"]["aar"]), 6)).as_py()
    assert later["lpr_adm"]["c_adiag"].equals(base["lpr_adm"]["c_adiag"])
    # DREAM: same cells but for the codes introduced after 2017 (test_dream_codes.py), week labels of the
    # later calendar (2016-W01 -> 2022-W01)
    recoded = {code for code, _, _ in later_codes(load_seeds()["dream_benefit_codes"])}
    pairs = zip(later["dream"]["y_2201"].to_pylist(), base["dream"]["y_1601"].to_pylist(), strict=True)
    assert all(a == b or a in recoded for a, b in pairs)
    assert later["dream"].num_columns == base["dream"].num_columns
    # SSSY billing weeks moved by the same weeks
    pairs = set(zip(base["sssy"]["honuge"].to_pylist(), later["sssy"]["honuge"].to_pylist(), strict=True))
    # (2016-17 and 2022-23 have 52 ISO weeks each: week ww of 2016 is week ww of 2022)
    in_years = [(a, b) for a, b in pairs if a[:2] in ("16", "17")]
    assert in_years and all(b == f"{int(a[:2]) + 6}{a[2:]}" for a, b in in_years)


def test_every_register_covers_the_later_period(periods: dict) -> None:
    t = periods[(2022, 2023)]

    def years(name: str, column: str) -> set[int]:
        values = t[name][column]
        if str(values.type).startswith("date"):
            values = pc.year(values)
        return set(values.to_pylist())

    # the windows of METHOD §0 for start years 2022-23
    assert set(range(2021, 2024)) <= years("bef", "aar")
    assert set(range(2017, 2024)) <= years("lpr_adm", "d_inddto")  # 5 history years + plan years
    assert {2022, 2023} <= years("ges", "d_ydelse")
    assert set(range(2021, 2024)) <= years("bfl", "aar")
    assert {2021, 2022} <= years("ind", "aar")
    assert {2022, 2023} <= years("udda", "aar")
    assert {"21", "22", "23"} <= {w[:2] for w in t["sssy"]["honuge"].to_pylist()}
    weeks = [c for c in t["dream"].column_names if c.startswith("y_")]
    assert weeks[0] == "y_2001" and weeks[-1] == "y_2452"


def test_lpr_holds_every_history_year_in_the_default_period(periods: dict) -> None:
    found = set(pc.year(periods[(2016, 2017)]["lpr_adm"]["d_inddto"]).to_pylist())
    assert set(range(2011, 2018)) <= found
