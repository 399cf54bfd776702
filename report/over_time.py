"""The benchmark over time (METHOD §8.10, issue 14 point 3), from its three public marts: each municipality's
indicator per cohort period with its 95 % interval and its change flags (municipality pages), and the
national trend, the distribution of the indicators per period and the municipalities whose change is beyond
noise (national page). The sections appear only when the warehouse holds more than one period: a build of one
period (the default) has the same pages as before.

build.py loads the marts once (``load``) and hands the result to the templates as ``t`` (None = one period).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from report import charts
from report.marts import Marts

FLAG_DA = {
    "better": "Bedre: færre på ydelser end forventet",
    "worse": "Dårligere: flere på ydelser end forventet",
    "no_evidence": "Ingen påvist ændring",
    "gap": "Ikke benchmarket i begge perioder",
}
FLAG_SHORT_DA = {"better": "bedre", "worse": "dårligere", "no_evidence": "ingen påvist ændring", "gap": "—"}
COMPARISON_DA = {"consecutive": "fra periode til periode", "whole_span": "hele perioden"}


@dataclass
class OverTime:
    periods: list[str]  # cohort periods, earliest first
    municipalities: pd.DataFrame  # pub_municipality_over_time
    changes: pd.DataFrame  # pub_municipality_changes
    trend: pd.DataFrame  # pub_national_trend, earliest period first

    def rows_of(self, code: int) -> pd.DataFrame:
        """One municipality's rows, one per period (a period it was excluded in has null figures)."""
        rows = self.municipalities[self.municipalities["municipality_code"] == code]
        return rows.sort_values(["cohort_period_order", "cohort_period"])

    def changes_of(self, code: int) -> pd.DataFrame:
        rows = self.changes[self.changes["municipality_code"] == code]
        return rows.sort_values(["comparison_order", "period_from"])

    def comparisons(self) -> list[tuple[str, str, str]]:
        """(comparison, period_from, period_to) in page order: consecutive pairs, then the whole span."""
        keys = self.changes[["comparison_order", "comparison", "period_from", "period_to"]].drop_duplicates()
        keys = keys.sort_values(["comparison_order", "period_from"])
        # with two periods the whole span is the one consecutive pair: shown once
        keys = keys.drop_duplicates(["period_from", "period_to"])
        return [(str(r.comparison), str(r.period_from), str(r.period_to)) for r in keys.itertuples()]

    def flagged(self, comparison: str, period_from: str, flag: str) -> pd.DataFrame:
        """The municipalities whose change in a comparison is beyond noise in one direction, largest first."""
        c = self.changes
        rows = c[
            (c["comparison"] == comparison) & (c["period_from"] == period_from) & (c["change_flag"] == flag)
        ]
        return rows.sort_values("change_pp", ascending=(flag == "better"))

    def flag_counts(self, comparison: str, period_from: str) -> dict[str, int]:
        c = self.changes
        rows = c[(c["comparison"] == comparison) & (c["period_from"] == period_from)]
        return {flag: int((rows["change_flag"] == flag).sum()) for flag in FLAG_DA}


def load(marts: Marts) -> OverTime | None:
    trend = marts.get("trend", all_periods=True).sort_values(["cohort_period_order", "cohort_period"])
    if len(trend) < 2:
        return None
    municipalities = marts.get("over_time", all_periods=True)
    municipalities = municipalities.assign(municipality_code=municipalities["municipality_code"].astype(int))
    changes = marts.get("changes", all_periods=True)
    changes = changes.assign(
        municipality_code=changes["municipality_code"].astype(int),
        comparison_order=(changes["comparison"] != "consecutive").astype(int),
    )
    return OverTime(
        periods=[str(p) for p in trend["cohort_period"]],
        municipalities=municipalities,
        changes=changes,
        trend=trend,
    )


def _float(v: object) -> float:
    return np.nan if charts._missing(v) else float(v)  # type: ignore[arg-type]


def municipality_chart(path: Path, name: str, rows: pd.DataFrame) -> Path:
    """The municipality's indicator per period (dot) with its 95 % interval (bar); an excluded period is a gap
    marked on the axis, never a zero."""
    fig, ax = charts._new((4.6, 2.9), charts.SMALL)
    x = np.arange(len(rows))
    value = np.array([_float(v) for v in rows["indicator_pp"]])
    low = np.array([_float(v) for v in rows["indicator_low_pp"]])
    high = np.array([_float(v) for v in rows["indicator_high_pp"]])
    ax.axhline(0, color="#555", linewidth=0.8)
    ax.vlines(x, low, high, color=charts.LAND, linewidth=5)
    ax.plot(x, value, marker="o", color=charts.KOMMUNE, linewidth=1.5, markersize=6)
    for xi, v in zip(x, value, strict=True):
        if np.isnan(v):
            ax.annotate("ikke vist", (xi, 0), ha="center", va="bottom", fontsize=7, color="#666")
    ax.set_xticks(x, list(rows["cohort_period"]))
    ax.set_xlim(-0.5, len(rows) - 0.5)
    ax.yaxis.set_major_formatter(charts.PP_AXIS)
    ax.set_ylabel("Indikator, procentpoint")
    ax.set_title(f"{name}: indikatoren over perioderne (95 %-interval)", loc="left")
    return charts._save(fig, path)


def national_chart(path: Path, trend: pd.DataFrame) -> Path:
    """The distribution of the municipalities' indicators per period: 10–90 % range (thin bar), quartiles
    (thick bar) and median (dot)."""
    fig, ax = charts._new((6.0, 2.9), charts.SMALL)
    x = np.arange(len(trend))
    q = {
        k: np.array([_float(v) for v in trend[f"indicator_{k}_pp"]])
        for k in ("p10", "p25", "median", "p75", "p90")
    }
    ax.axhline(0, color="#555", linewidth=0.8)
    ax.vlines(x, q["p10"], q["p90"], color=charts.LAND, linewidth=3, label="10.–90. percentil")
    ax.vlines(x, q["p25"], q["p75"], color=charts.KOMMUNE, linewidth=9, label="kvartiler")
    ax.plot(x, q["median"], "o", color=charts.EXPECTED, markersize=7, label="median")
    ax.set_xticks(x, list(trend["cohort_period"]))
    ax.set_xlim(-0.5, len(trend) - 0.5)
    ax.yaxis.set_major_formatter(charts.PP_AXIS)
    ax.set_ylabel("Indikator, procentpoint")
    ax.legend(frameon=False, fontsize=7.5, loc="upper right", ncols=3)
    ax.set_title("Kommunernes indikatorer pr. periode", loc="left")
    return charts._save(fig, path)


def trend_chart(path: Path, trend: pd.DataFrame) -> Path:
    """The national share on benefits per period, actual and expected (pooled model)."""
    labels = [str(p) for p in trend["cohort_period"]]
    return charts.grouped_bars(
        path,
        "Andel på ydelser 3 mdr. efter start, landsplan",
        labels,
        [
            (
                "Faktisk",
                [None if charts._missing(v) else float(v) for v in trend["actual_pct"]],
                charts.KOMMUNE,
            ),
            (
                "Forventet",
                [None if charts._missing(v) else float(v) for v in trend["expected_pct"]],
                charts.EXPECTED,
            ),
        ],
        size=(6.0, 2.9),
    )
