"""DREAM codes of later periods (METHOD §9): the codes of seed `dream_benefit_codes` whose `in_use_from`
is set (introduced after the report's years 2016-17) are written only in the weeks of that year or later.

A later code takes over the weeks of the report-years codes with the same outcome class, benefit-mix group
and sickness/partial flags (its "twins") for a fixed share of persons (person id modulo 10), so the analysis
sees the same class in the same weeks and no result changes; only the code differs. The default period
(2016-17, weeks 2014-W01 to 2018-W52) has no week of a later year, so its registers are unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# persons with id % SHARE_MODULUS == i (i = 1, 2, ...) take the i-th later code of a twin group
SHARE_MODULUS = 10
_KEY = ("benefit_class", "benefit_mix_group", "is_sickness_benefit", "is_partial")


def in_use_from(dream_seed: pd.DataFrame) -> pd.Series:
    """The seed's first year of use per code (NaN for the codes of the report's years)."""
    col = dream_seed["in_use_from"] if "in_use_from" in dream_seed else pd.Series("", index=dream_seed.index)
    return pd.to_numeric(col.astype(str).str.strip().replace("", np.nan), errors="coerce")


def codes_in_use(dream_seed: pd.DataFrame, year: int) -> list[str]:
    """The benefit codes in use in `year`: the report-years codes and the later codes introduced by then."""
    first = in_use_from(dream_seed)
    return sorted(dream_seed.loc[first.isna() | (first <= year), "benefit_code"].astype(str))


def later_codes(dream_seed: pd.DataFrame) -> list[tuple[str, int, list[str]]]:
    """(code, first year, its twin report-years codes) for every later code that has twins, by code."""
    first = in_use_from(dream_seed)
    base = dream_seed[first.isna()]
    out = []
    for (_, row), year in zip(dream_seed.iterrows(), first, strict=True):
        if np.isnan(year):
            continue
        code = row["benefit_code"]
        twins = base
        for k in _KEY:
            twins = twins[twins[k] == row[k]]
        if len(twins):
            out.append((str(code), int(year), sorted(twins["benefit_code"].astype(str))))
    return sorted(out)


def recode_later_weeks(
    weeks: np.ndarray,
    person_ids: np.ndarray,
    column_years: np.ndarray,
    dream_seed: pd.DataFrame,
    index: dict[str, int],
) -> np.ndarray:
    """A copy of the week matrix (persons x weeks of code indices, 0 = no code) where, from its first year on,
    each later code replaces its twins' weeks for its share of persons. `index` maps a code to its index."""
    out = weeks.copy()
    slot: dict[tuple[str, ...], int] = {}
    for code, year, twins in later_codes(dream_seed):
        group = tuple(twins)
        slot[group] = slot.get(group, 0) + 1
        persons = (person_ids % SHARE_MODULUS) == slot[group]
        cols = column_years >= year
        if not persons.any() or not cols.any():
            continue
        block = out[np.ix_(persons, cols)]
        twin_idx = np.array([index[t] for t in twins if t in index])
        block[np.isin(block, twin_idx)] = index[code]
        out[np.ix_(persons, cols)] = block
    return out
