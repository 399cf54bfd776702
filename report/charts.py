"""Charts as PNG files (matplotlib, Agg backend, Danish labels). Suppressed values (NULL) are left out and
marked "diskr." (diskretionshensyn) on the chart instead of being drawn."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

KOMMUNE = "#1f5f8b"
LAND = "#b9c4cc"
EXPECTED = "#e08a2c"
ACCENT = "#c0392b"
GOOD = "#2e8540"
QUINTILE_COLOURS = ["#1a9850", "#91cf60", "#d9d9d9", "#fc8d59", "#d73027"]
DPI = 96
SUPPRESSED = "diskr."

matplotlib.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
    }
)


def da_number(x: float, decimals: int = 1) -> str:
    """Danish decimal comma: 22.14 -> '22,1'."""
    return f"{x:.{decimals}f}".replace(".", ",").replace("-", "−")


PCT_AXIS = FuncFormatter(lambda v, _pos: f"{da_number(v, 0)} %")
PP_AXIS = FuncFormatter(lambda v, _pos: da_number(v, 0))


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _new(
    size: tuple[float, float], margins: tuple[float, float, float, float] | None = None
) -> tuple[Figure, Axes]:
    """A figure outside pyplot (no figure manager: ~2x faster to make and save). ``margins`` = left, bottom,
    right, top as figure fractions fixes the layout (no tight-bbox pass); None = tight bbox on save."""
    fig = Figure(figsize=size, dpi=DPI)
    ax = fig.subplots()
    if margins is not None:
        left, bottom, right, top = margins
        fig.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
    fig._rtw_tight = margins is None  # type: ignore[attr-defined]
    return fig, ax


def _save(fig: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if getattr(fig, "_rtw_tight", True):
        fig.savefig(path, format="png", bbox_inches="tight", pad_inches=0.08)
    else:
        fig.savefig(path, format="png")
    return path


SMALL = (0.13, 0.14, 0.98, 0.88)


def grouped_bars(
    path: Path,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    size: tuple[float, float] = (4.6, 2.9),
    margins: tuple[float, float, float, float] | None = SMALL,
) -> Path:
    """Bars per category for each (label, values, colour) series, value labels on top, NULL = 'diskr.'."""
    fig, ax = _new(size, margins)
    n = len(series)
    width = 0.8 / n
    x = np.arange(len(categories))
    top = max([float(v) for _, vals, _ in series for v in vals if not _missing(v)] or [1.0])
    for i, (label, values, colour) in enumerate(series):
        pos = x - 0.4 + width * (i + 0.5)
        heights = [0.0 if _missing(v) else float(v) for v in values]
        ax.bar(pos, heights, width * 0.92, color=colour, label=label)
        for p, v in zip(pos, values, strict=True):
            text = SUPPRESSED if _missing(v) else da_number(float(v))
            ax.text(
                p, (0 if _missing(v) else float(v)) + top * 0.02, text, ha="center", va="bottom", fontsize=8
            )
    ax.set_xticks(x, categories)
    ax.set_ylim(0, top * 1.38)
    ax.yaxis.set_major_formatter(PCT_AXIS)
    ax.set_title(title, loc="left")
    if n > 1:
        ax.legend(frameon=False, fontsize=8, loc="upper right", ncols=n)
    return _save(fig, path)


def lines(
    path: Path,
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
    size: tuple[float, float] = (4.6, 2.9),
) -> Path:
    """Lines over months for each series; a NULL point is a gap."""
    fig, ax = _new(size, SMALL)
    x = np.arange(len(x_labels))
    for label, values, colour in series:
        y = np.array([np.nan if _missing(v) else float(v) for v in values])
        ax.plot(x, y, marker="o", color=colour, label=label, linewidth=2, markersize=4)
        for xi, yi in zip(x, y, strict=True):
            if np.isnan(yi):
                ax.annotate(SUPPRESSED, (xi, 0), ha="center", fontsize=7, color="#666")
    ax.set_xticks(x, x_labels)
    ax.set_ylim(0, 105)
    ax.yaxis.set_major_formatter(PCT_AXIS)
    ax.set_title(title, loc="left")
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    return _save(fig, path)


LIMIT_COLUMNS = ("funnel_95_low_pp", "funnel_95_high_pp", "funnel_998_low_pp", "funnel_998_high_pp")


def extend_limits(limits: pd.DataFrame, max_n: float) -> pd.DataFrame:
    """The limits up to ``max_n`` persons: the grid, continued past its end as c/sqrt(n) from its end."""
    lim = limits[limits["persons"] <= max_n]
    last = limits.iloc[-1]
    if float(last["persons"]) >= max_n:
        return lim
    extra = pd.DataFrame({"persons": np.linspace(float(last["persons"]), max_n, 20)})
    for col in LIMIT_COLUMNS:
        extra[col] = float(last[col]) * np.sqrt(float(last["persons"]) / extra["persons"])
    return pd.concat([lim[["persons", *LIMIT_COLUMNS]], extra], ignore_index=True)


class FunnelPlot:
    """The funnel plot of the indicator (points) against municipality size, with 95 % and 99.8 % limits.

    The background (all municipalities and limits) is drawn once; ``save`` adds one highlighted municipality,
    writes the PNG and removes the highlight again, so 77 municipality pages reuse one figure.
    """

    def __init__(
        self, bench: pd.DataFrame, limits: pd.DataFrame, size: tuple[float, float] = (6.4, 3.8)
    ) -> None:
        self.fig, self.ax = _new(size, (0.1, 0.13, 0.98, 0.91))
        ax = self.ax
        bench = bench[bench["persons"].notna() & bench["indicator_pp"].notna()]  # published points only
        bench = bench.astype({"persons": float, "indicator_pp": float})
        max_n = float(bench["persons"].max()) * 1.08 if len(bench) else 100.0
        lim = extend_limits(limits.sort_values("persons"), max_n)
        ax.fill_between(
            lim["persons"],
            lim["funnel_998_low_pp"],
            lim["funnel_998_high_pp"],
            color="#eef2f5",
            label="99,8 %-grænser",
        )
        ax.fill_between(
            lim["persons"],
            lim["funnel_95_low_pp"],
            lim["funnel_95_high_pp"],
            color="#d6e0e8",
            label="95 %-grænser",
        )
        ax.axhline(0, color="#555", linewidth=0.8)
        colours = (
            bench["benchmark_flag"]
            .map({"lower than expected": GOOD, "higher than expected": ACCENT})
            .fillna("#5b6b78")
        )
        ax.scatter(
            bench["persons"],
            bench["indicator_pp"],
            s=16,
            c=colours.tolist(),
            zorder=3,
            edgecolors="white",
            linewidths=0.4,
        )
        ax.set_xlim(0, max_n)
        span = float(np.nanmax(np.abs(bench["indicator_pp"]))) if len(bench) else 5.0
        ax.set_ylim(-max(span, 5) * 1.25, max(span, 5) * 1.25)
        ax.set_xlabel("Antal personer i analysen i kommunen")
        ax.set_ylabel("Benchmarkingindikator (procentpoint)")
        ax.yaxis.set_major_formatter(PP_AXIS)
        ax.set_title("Benchmarkingindikator og kontrolgrænser (funnel plot)", loc="left")
        ax.text(
            0.99,
            0.02,
            "Under 0: færre på ydelser end forventet",
            transform=ax.transAxes,
            ha="right",
            fontsize=7.5,
            color=GOOD,
        )
        ax.text(
            0.99,
            0.97,
            "Over 0: flere på ydelser end forventet",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=7.5,
            color=ACCENT,
        )
        ax.legend(frameon=False, fontsize=7.5, loc="lower left")

    def save(self, path: Path, highlight: tuple[float, float, str] | None = None) -> Path:
        artists = []
        if highlight is not None:
            n, ind, name = highlight
            artists.append(
                self.ax.scatter(
                    [n], [ind], s=70, facecolors="none", edgecolors="black", linewidths=1.6, zorder=4
                )
            )
            right = n > 0.7 * self.ax.get_xlim()[1]
            artists.append(
                self.ax.annotate(
                    name,
                    (n, ind),
                    xytext=(-8 if right else 8, 6),
                    textcoords="offset points",
                    ha="right" if right else "left",
                    fontsize=8.5,
                    fontweight="bold",
                )
            )
        _save(self.fig, path)
        for artist in artists:
            artist.remove()
        return path

    def close(self) -> None:
        self.fig.clear()


def rank_intervals(path: Path, title: str, rows: pd.DataFrame, total: int) -> Path:
    """Rank (dot) and bootstrap 95 % rank interval (bar) per municipality, rows in display order."""
    fig, ax = _new((4.8, 0.24 * len(rows) + 0.9))
    y = np.arange(len(rows))[::-1]
    ax.hlines(y, rows["rank_low"], rows["rank_high"], color=LAND, linewidth=4)
    ax.plot(rows["indicator_rank"], y, "o", color=KOMMUNE, markersize=5)
    ax.set_yticks(y, rows["municipality_name"])
    ax.set_xlim(0, total + 1)
    ax.set_xlabel("Placering (1 = laveste indikator) med 95 %-rangeinterval")
    ax.set_title(title, loc="left")
    return _save(fig, path)


def quintile_strip(path: Path, bench: pd.DataFrame) -> Path:
    """All municipalities' indicators in rank order, coloured by quintile."""
    data = bench.dropna(subset=["indicator_pp", "quintile"]).sort_values("indicator_pp")
    fig, ax = _new((7.2, 2.6))
    colours = [QUINTILE_COLOURS[int(q) - 1] for q in data["quintile"]]
    ax.bar(np.arange(len(data)), data["indicator_pp"], color=colours, width=0.85)
    ax.axhline(0, color="#555", linewidth=0.8)
    ax.set_xticks([])
    ax.set_xlabel("Kommuner ordnet efter indikator (1. kvintil til venstre)")
    ax.set_ylabel("Procentpoint")
    ax.yaxis.set_major_formatter(PP_AXIS)
    handles = [Rectangle((0, 0), 1, 1, color=c) for c in QUINTILE_COLOURS]
    ax.legend(
        handles,
        [f"{i}. kvintil" for i in range(1, 6)],
        frameon=False,
        fontsize=7.5,
        ncols=5,
        loc="upper left",
    )
    ax.set_title("Benchmarkingindikatoren for alle analyserede kommuner", loc="left")
    return _save(fig, path)


def attrition(path: Path, steps: pd.DataFrame) -> Path:
    """Courses remaining after each criterion of the cohort definition."""
    fig, ax = _new((6.4, 0.3 * len(steps) + 0.9))
    y = np.arange(len(steps))[::-1]
    remaining = steps["courses_remaining"].astype(float)
    ax.barh(y, remaining.fillna(0), color=KOMMUNE, height=0.7)
    for yi, v in zip(y, remaining, strict=True):
        label = f" {SUPPRESSED}" if math.isnan(v) else f" {int(v):,}".replace(",", ".")
        ax.text(0 if math.isnan(v) else v, yi, label, va="center", fontsize=8)
    ax.set_yticks(
        y, [f"{int(s)}. {lab}" for s, lab in zip(steps["step_number"], steps["step_label"], strict=True)]
    )
    ax.set_xlim(0, float(np.nanmax(remaining.to_numpy())) * 1.18 if remaining.notna().any() else 1.0)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v):,}".replace(",", ".")))
    ax.set_xlabel("Forløb tilbage efter kriteriet")
    ax.set_title("Fra genoptræningsplaner til analysepopulation", loc="left")
    return _save(fig, path)


def peer_map(path: Path, bench: pd.DataFrame) -> Path:
    """The space peers are chosen in: expected share (case-mix) against size, coloured by the indicator."""
    fig, ax = _new((7.2, 3.6))
    limit = float(np.nanmax(np.abs(bench["indicator_pp"]))) or 1.0
    points = ax.scatter(
        bench["expected_pct"],
        bench["persons"],
        c=bench["indicator_pp"],
        cmap="RdYlGn_r",
        vmin=-limit,
        vmax=limit,
        s=26,
        edgecolors="#333",
        linewidths=0.3,
    )
    ax.set_yscale("log")
    ax.set_xlabel("Forventet andel på ydelser efter 3 mdr. (rammevilkår)")
    ax.set_ylabel("Antal personer i analysen (log-skala)")
    ax.xaxis.set_major_formatter(PCT_AXIS)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v):,}".replace(",", ".")))
    bar = fig.colorbar(points, ax=ax, pad=0.01)
    bar.set_label("Indikator (procentpoint)")
    ax.set_title("Kommuner med lignende rammevilkår ligger tæt på hinanden", loc="left")
    return _save(fig, path)


def benefit_mix(path: Path, mix: pd.DataFrame) -> Path:
    """Of those on benefits each month: shares on sickness benefit, unemployment-type and other benefits."""
    fig, ax = _new((5.6, 2.9))
    x = np.arange(len(mix))
    bottom = np.zeros(len(mix))
    parts = (
        ("sickness_benefit_pct", "Sygedagpenge", KOMMUNE),
        ("unemployment_etc_pct", "Dagpenge mv.", EXPECTED),
        ("other_benefit_pct", "Andre ydelser", LAND),
    )
    for col, label, colour in parts:
        values = mix[col].astype(float).fillna(0).to_numpy()
        ax.bar(x, values, 0.7, bottom=bottom, color=colour, label=label)
        bottom += values
    ax.set_xticks(x, ["Start" if m == 0 else f"{int(m)} mdr." for m in mix["month_number"]])
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(PCT_AXIS)
    ax.legend(frameon=False, fontsize=7.5, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title("Hvilke ydelser? Fordeling blandt dem på ydelser", loc="left")
    return _save(fig, path)


def rank_stability(path: Path, stability: pd.DataFrame) -> Path:
    """Rank at month 3 against rank at month 6 (1 = best); the diagonal = same rank."""
    data = stability.dropna(subset=["rank_m3", "rank_m6"])
    fig, ax = _new((4.2, 3.6))
    n = float(max(data["rank_m3"].max(), data["rank_m6"].max())) if len(data) else 1.0
    ax.plot([1, n], [1, n], color="#999", linewidth=0.8, linestyle="--")
    ax.scatter(data["rank_m3"], data["rank_m6"], s=14, color=KOMMUNE)
    ax.set_xlabel("Placering efter 3 måneder")
    ax.set_ylabel("Placering efter 6 måneder")
    ax.set_title("Placering efter 3 og 6 måneder", loc="left")
    return _save(fig, path)


def hbars(
    path: Path,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    reference: float | None = None,
    reference_label: str = "Landsplan",
) -> Path:
    """Horizontal bars of shares (percent), one per label in the given order (top first); NULL = 'diskr.';
    ``reference`` draws a dashed line (e.g. the national share)."""
    fig, ax = _new((6.4, 0.26 * len(labels) + 0.9))
    y = np.arange(len(labels))[::-1]
    shown = [0.0 if _missing(v) else float(v) for v in values]
    top = max([*shown, reference or 0.0, 1.0])
    ax.barh(y, shown, color=KOMMUNE, height=0.7)
    for yi, v in zip(y, values, strict=True):
        text = f" {SUPPRESSED}" if _missing(v) else f" {da_number(float(v))} %"
        ax.text(0 if _missing(v) else float(v), yi, text, va="center", fontsize=7.5)
    if reference is not None and not _missing(reference):
        ax.axvline(float(reference), color=ACCENT, linestyle="--", linewidth=1)
        ax.set_ylim(-0.6, len(labels) + 0.1)  # headroom above the top bar for the line's label
        ax.text(
            float(reference),
            len(labels) - 0.05,
            f" {reference_label}",
            color=ACCENT,
            fontsize=7.5,
            va="top",
        )
    ax.set_yticks(y, list(labels), fontsize=8)
    ax.set_xlim(0, top * 1.22)
    ax.xaxis.set_major_formatter(PCT_AXIS)
    ax.set_title(title, loc="left")
    return _save(fig, path)


def flow(path: Path, title: str, labels: Sequence[str], values: Sequence[float | None], unit: str) -> Path:
    """A flow of counts (top first), e.g. from all plans to the analysed persons; NULL = 'diskr.'."""
    fig, ax = _new((6.8, 0.3 * len(labels) + 0.9))
    y = np.arange(len(labels))[::-1]
    numbers = np.array([np.nan if _missing(v) else float(v) for v in values])
    ax.barh(y, np.nan_to_num(numbers), color=KOMMUNE, height=0.7)
    for yi, v in zip(y, numbers, strict=True):
        label = f" {SUPPRESSED}" if math.isnan(v) else f" {int(v):,}".replace(",", ".")
        ax.text(0 if math.isnan(v) else v, yi, label, va="center", fontsize=8)
    ax.set_yticks(y, list(labels), fontsize=8)
    ax.set_xlim(0, float(np.nanmax(numbers)) * 1.2 if np.isfinite(numbers).any() else 1.0)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v):,}".replace(",", ".")))
    ax.set_xlabel(unit)
    ax.set_title(title, loc="left")
    return _save(fig, path)


def region_strip(path: Path, regions: pd.DataFrame) -> Path:
    """Figur 6.1: every municipality's share (dots) per region, the region's weighted average (a bar)."""
    region_rows = regions[regions["is_region_row"].astype(bool)].sort_values("region_code")
    fig, ax = _new((7.2, 3.4))
    for i, (_, region) in enumerate(region_rows.iterrows()):
        members = regions[
            ~regions["is_region_row"].astype(bool)
            & (regions["region_code"] == region["region_code"])
            & regions["actual_pct"].notna()
        ]
        jitter = np.linspace(-0.18, 0.18, len(members)) if len(members) > 1 else np.zeros(len(members))
        ax.scatter(i + jitter, members["actual_pct"].astype(float), s=16, color=KOMMUNE, zorder=3)
        if not _missing(region["actual_pct"]):
            ax.hlines(float(region["actual_pct"]), i - 0.3, i + 0.3, color=ACCENT, linewidth=2)
    ax.set_xticks(
        np.arange(len(region_rows)),
        [str(n).replace("Region ", "Region\n") for n in region_rows["region_name"]],
        fontsize=8,
    )
    ax.set_ylim(0, None)
    ax.yaxis.set_major_formatter(PCT_AXIS)
    ax.set_title("Andel på offentlige ydelser pr. kommune, fordelt på regioner", loc="left")
    return _save(fig, path)
