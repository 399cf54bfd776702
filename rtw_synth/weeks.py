"""The time axis: days since 1970-01-01 as integers, the DREAM week columns, ages and bands."""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)
WEEK0 = (dt.date(2013, 12, 30) - EPOCH).days  # Monday of ISO week 2014-W01
N_WEEKS = 261  # 2014-W01 ... 2018-W52 (2015 has 53 weeks)
YEARS = np.arange(2014, 2020)


def day(s: str) -> int:
    return (dt.date.fromisoformat(s) - EPOCH).days


def week_labels() -> list[str]:
    out = []
    for c in range(N_WEEKS):
        y, w, _ = (EPOCH + dt.timedelta(days=WEEK0 + 7 * c)).isocalendar()
        out.append(f"y_{y % 100:02d}{w:02d}")
    return out


def wcol(days: np.ndarray) -> np.ndarray:
    return (np.asarray(days) - WEEK0) // 7


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.asarray(days, dtype="datetime64[D]")
    y = d.astype("datetime64[Y]").astype(int) + 1970
    m = d.astype("datetime64[M]").astype(int) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(int) + 1
    return y, m, dd


def month_start(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    return (
        ((np.asarray(y) - 1970) * 12 + np.asarray(m) - 1)
        .astype("datetime64[M]")
        .astype("datetime64[D]")
        .astype(int)
    )


def age_at(birth: np.ndarray, when: np.ndarray) -> np.ndarray:
    by, bm, bd = ymd(birth)
    wy, wm, wd = ymd(when)
    return wy - by - ((wm < bm) | ((wm == bm) & (wd < bd)))


def band(x: np.ndarray, lowers: list[float]) -> np.ndarray:
    """Index of the band (closed on the left) given the lower bounds of bands 1..k."""
    return np.searchsorted(np.asarray(lowers), x, side="right")
