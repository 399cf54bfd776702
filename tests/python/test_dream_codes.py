"""DREAM codes of later periods (rtw_synth/dream_codes.py, METHOD §9): a code of seed dream_benefit_codes
with `in_use_from` is written only in weeks of that year or later, in place of the weeks of the report-years
codes of the same class, mix group and flags (so no result changes), never in the default period 2016-17."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rtw_synth.dream_codes import SHARE_MODULUS, codes_in_use, later_codes, recode_later_weeks
from rtw_synth.generator import Generator
from rtw_synth.seeds import load_seeds

COLUMNS = [
    "benefit_code",
    "benefit_class",
    "benefit_mix_group",
    "is_sickness_benefit",
    "is_partial",
    "in_use_from",
]


def _seed(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


SEED = _seed(
    [
        ("111", "not_returned", "unemployment_etc", False, False, ""),
        ("750", "not_returned", "other", False, False, ""),
        ("771", "not_returned", "other", False, False, ""),
        ("890", "not_returned", "sickness_benefit", True, False, ""),
        ("775", "not_returned", "other", False, False, "2019"),
        ("781", "not_returned", "other", False, False, "2021"),
        ("900", "not_returned", "no_twin_group", False, False, "2019"),
    ]
)
INDEX = {c: i + 1 for i, c in enumerate(sorted(SEED["benefit_code"]))}


def test_codes_in_use_by_year() -> None:
    assert codes_in_use(SEED, 2017) == ["111", "750", "771", "890"]
    assert codes_in_use(SEED, 2019) == ["111", "750", "771", "775", "890", "900"]
    assert "781" in codes_in_use(SEED, 2021)


def test_later_codes_have_twins_of_the_same_class_and_flags() -> None:
    # 900's group has no report-years code: nothing to take over, so it is not written
    assert later_codes(SEED) == [("775", 2019, ["750", "771"]), ("781", 2021, ["750", "771"])]


def test_recode_only_from_the_first_year_only_twins_only_the_share() -> None:
    persons = np.arange(30)
    years = np.array([2018, 2019, 2020, 2021])
    codes = np.array([INDEX["750"], INDEX["771"], INDEX["890"], INDEX["111"]])
    weeks = np.tile(codes, (30, 1))
    weeks[:, 3] = INDEX["771"]  # 2021: a twin code
    out = recode_later_weeks(weeks, persons, years, SEED, INDEX)
    assert out is not weeks and (weeks[:, 0] == INDEX["750"]).all()  # input untouched
    share1 = persons % SHARE_MODULUS == 1  # first later code of the group (775, from 2019)
    share2 = persons % SHARE_MODULUS == 2  # second (781, from 2021)
    assert (out[:, 0] == INDEX["750"]).all()  # 2018: before every later code
    assert (out[share1, 1] == INDEX["775"]).all() and (out[~share1, 1] == INDEX["771"]).all()
    assert (out[:, 2] == INDEX["890"]).all()  # sickness benefit: not a twin
    assert (out[share1, 3] == INDEX["775"]).all() and (out[share2, 3] == INDEX["781"]).all()
    assert (out[~(share1 | share2), 3] == INDEX["771"]).all()


@pytest.fixture(scope="module")
def dream_tables() -> dict[tuple[int, int], object]:
    return {
        years: Generator(0.02, 7, progress=False, start_years=years).draw().tables["dream"]
        for years in ((2016, 2017), (2022, 2023))
    }


def test_generator_writes_later_codes_only_in_a_later_period(dream_tables: dict) -> None:
    seed = load_seeds()["dream_benefit_codes"]
    later = {code: (year, set(twins)) for code, year, twins in later_codes(seed)}
    assert later, "seed dream_benefit_codes has no code with in_use_from"
    base, moved = dream_tables[(2016, 2017)], dream_tables[(2022, 2023)]
    found = set()
    for b_col, m_col in zip(base.column_names[1:], moved.column_names[1:], strict=True):
        year = 2000 + int(m_col[2:4])
        b, m = base[b_col].to_pylist(), moved[m_col].to_pylist()
        assert not set(b) & set(later), b_col  # never in the default period
        for x, y in zip(b, m, strict=True):
            if x != y:  # a later code in place of a twin, from its first year on
                assert y in later and x in later[y][1] and year >= later[y][0], (m_col, x, y)
                found.add(y)
    assert found == set(later)
