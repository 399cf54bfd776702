"""Build the static report pages from the public marts.

    python -m report --db data/rtw_benchmark.duckdb --out data/report

Fails loudly (exit 1, with the reason) when the warehouse is not one finished build whose public marts all
carry its build id (report.provenance), when a public mart the pages need is missing, or when a published
share rests on too few persons. The data label, the build and the thresholds the pages print (disclosure
limit, data-quality criteria, headline month) come from the build-metadata table, not from constants.
The pages are written to a new folder that replaces ``--out`` in one step; they carry no clock time, so two
builds of the same data and code give byte-identical pages.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import re
import shutil
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import jinja2
import pandas as pd

from report import charts, extras, over_time
from report.catalogue import MEASURES, THEMES
from report.export import replace_directory
from report.marts import Marts, MissingMartError
from report.provenance import Provenance, ProvenanceError, verify_db, verify_parquet

HERE = Path(__file__).parent

FLAG_DA = {
    "lower than expected": "Færre på ydelser end forventet (uden for 95 %-grænserne)",
    "higher than expected": "Flere på ydelser end forventet (uden for 95 %-grænserne)",
    "as expected": "Som forventet (inden for 95 %-grænserne)",
}


def criteria_da(prov: Provenance) -> dict[str, str]:
    """The §5 data-quality criteria in Danish, with the thresholds the build used."""
    return {
        "months_required": f"Ikke indberetninger i alle {prov.dq_months_required} måneder",
        "swing": f"Mere end {prov.dq_max_swings} udsving på "
        f"+{round(100 * (prov.dq_swing_upper - 1))} / -{round(100 * (1 - prov.dq_swing_lower))} % "
        "i ydelser pr. person",
        "ges_quality": "Opfylder ikke SDS' kvalitetskrav (indberetningerne til genoptræningsregistret)",
        "min_persons_year": f"Ikke mindst {prov.dq_min_persons_year} personer i det enkelte år",
        "min_persons_total": f"Ikke mindst {prov.dq_min_persons_total} personer i alt",
    }


STEP_DA = {
    "plan_considered": "Almen genoptræningsplan efter muskel-skelet-kontakt (MDC 08)",
    "employed": "I arbejde 2 måneder før (mindst 80 timer)",
    "no_benefits_before": "Ikke på ydelser 7–9 uger før indlæggelse",
    "course_started": "Genoptræning startet inden for 60 dage (mindst 2 ydelser)",
    "start_year": "Start i 2016 eller 2017",
    "age": "18–64 år ved start",
    "alive_and_resident": "I live og bosat i Danmark",
    "repeat_course": "Gentagne forløb (mindst 10 måneder imellem)",
    "outcome_determinable": "Udfaldet kan vurderes efter 3 måneder",
    "data_quality": "Kommunens data er gode nok",
}


class DisclosureError(RuntimeError):
    """A published figure rests on too few persons (the build's disclosure limit or fewer)."""


# ---------------------------------------------------------------- formatting (Danish)


def _is_missing(v: object) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return math.isnan(float(v))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_pct(v: object, decimals: int = 1) -> str:
    return "–" if _is_missing(v) else f"{charts.da_number(float(v), decimals)} %"  # type: ignore[arg-type]


def fmt_pp(v: object, decimals: int = 1) -> str:
    if _is_missing(v):
        return "–"
    x = float(v)  # type: ignore[arg-type]
    return ("+" if x > 0 else "") + charts.da_number(x, decimals)


def fmt_int(v: object) -> str:
    return "–" if _is_missing(v) else f"{int(v):,}".replace(",", ".")  # type: ignore[call-overload]


def fmt_num(v: object, decimals: int = 3) -> str:
    return "–" if _is_missing(v) else charts.da_number(float(v), decimals)  # type: ignore[arg-type]


def slugify(name: str) -> str:
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# ---------------------------------------------------------------- data


@dataclass
class ReportData:
    head: pd.DataFrame  # Bilag 2 Tabel 1, analysed municipalities, indexed by code, in rank order
    national: pd.Series  # the national row of Tables 1–4 (canonical names, see _OUTCOME_RENAMES)
    outcomes: pd.DataFrame  # Tables 2–4 per municipality, indexed by code (canonical names)
    top_bottom: pd.DataFrame
    stability: pd.DataFrame  # indexed by code
    quality: pd.DataFrame
    benefit_mix: pd.DataFrame
    funnel: pd.DataFrame
    coefficients: pd.DataFrame
    model_fit: dict[str, float]
    attrition: pd.DataFrame
    peers: pd.DataFrame
    monthly: pd.DataFrame  # Figur 4.2–4.3, month 0–6
    groups: pd.DataFrame  # Figur 5.2–5.6: national shares by characteristic
    benefit_weeks: pd.DataFrame  # Figur 5.1
    regions: pd.DataFrame  # Figur 6.1
    flow: (
        pd.DataFrame
    )  # Figur 4.1 / Bilag 3 Figur 1.2: persons with a plan, all diagnoses -> MSK -> working age
    linkage: pd.DataFrame  # Tabel 3.2
    linked_profile: pd.DataFrame  # Tabel 3.3
    pages: dict[int, str] = field(default_factory=dict)  # municipality_code -> relative page path
    extras: extras.Extras | None = None  # issue 12 points 4–6 (report/extras.py)
    period_note: str = ""  # several cohort periods: which one the pages show (Marts.period_note)
    over_time: over_time.OverTime | None = None  # several periods: METHOD §8.10 (report/over_time.py)


# Public column -> the name the pages use.
_OUTCOME_RENAMES = {
    "on_benefits_m0_pct": "m0_pct",
    "on_benefits_m3_pct": "m3_pct",
    "on_benefits_m6_pct": "m6_pct",
}


def check_disclosure(name: str, frame: pd.DataFrame, max_persons: int) -> None:
    """No share (``*_pct``) may be published from 1..max_persons persons.

    Checked on every ``persons*`` count column against the shares beside it: ``persons`` -> every share of the
    row; ``persons_x`` -> ``x_pct`` and ``*_x_pct``.
    """
    pct_cols = [c for c in frame.columns if c.endswith("_pct")]
    for count_col in [c for c in frame.columns if c == "persons" or c.startswith("persons_")]:
        suffix = count_col.removeprefix("persons").lstrip("_")
        shares = [c for c in pct_cols if not suffix or c.startswith(suffix) or c.endswith(f"_{suffix}_pct")]
        small = frame[count_col].notna() & (frame[count_col] > 0) & (frame[count_col] <= max_persons)
        if small.any() and shares and frame.loc[small, shares].notna().any().any():
            raise DisclosureError(
                f"public mart `{name}` publishes a share ({', '.join(shares)}) based on <= "
                f"{max_persons} persons ({count_col})"
            )


RANK_COLUMNS = ("indicator_rank", "rank_low", "rank_high", "quintile", "benchmark_flag")


def _mask_suppressed(table1: pd.DataFrame) -> pd.DataFrame:
    """Where the indicator is not published, its rank, rank interval, quintile and flag are not shown either
    (they would tell roughly what the hidden share is)."""
    hidden = table1["indicator_pp"].isna()
    table1 = table1.astype({c: "object" for c in RANK_COLUMNS})
    table1.loc[hidden, list(RANK_COLUMNS)] = None
    return table1


def _by_code(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame[~frame["is_national"].astype(bool) & frame["municipality_code"].notna()]
    return rows.assign(municipality_code=rows["municipality_code"].astype(int)).set_index("municipality_code")


def _national(frame: pd.DataFrame, model: str) -> pd.Series:
    rows = frame[frame["is_national"].astype(bool)]
    if rows.empty:
        raise MissingMartError(f"public mart `{model}` has no national row (is_national)")
    return rows.iloc[0]


def _horizon(frame: pd.DataFrame, headline_month: int) -> pd.DataFrame:
    if "horizon_month" in frame.columns:
        return frame[frame["horizon_month"] == headline_month]
    return frame


def _attrition(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values("step_number")
    fallback = frame["reason"] if "reason" in frame.columns else frame["step_name"]
    return frame.assign(
        step_label=[STEP_DA.get(str(n), str(f)) for n, f in zip(frame["step_name"], fallback, strict=True)]
    )


def load(marts: Marts, prov: Provenance) -> ReportData:
    from report.marts import REQUIRED

    headline_month = prov.headline_month
    marts.check_all()
    for key, spec in REQUIRED.items():
        check_disclosure(spec.model, marts.get(key), prov.disclosure_max_persons)
    table1 = marts.get("table1")
    head = _mask_suppressed(_by_code(table1)).sort_values(
        ["indicator_rank", "municipality_name"], na_position="last"
    )
    if head.empty:
        raise MissingMartError(f"public mart `{REQUIRED['table1'].model}` has no analysed municipality")
    national = _national(table1, REQUIRED["table1"].model)
    outcome_parts = []
    for key in ("table2", "table3", "table4"):
        frame = marts.get(key).rename(columns=_OUTCOME_RENAMES)
        keep = [c for c in frame.columns if c.endswith("_pct")]
        national = pd.concat([national, _national(frame, REQUIRED[key].model)[keep]])
        outcome_parts.append(_by_code(frame)[keep])
    outcomes = pd.concat(outcome_parts, axis=1)
    fit = _horizon(marts.get("model_fit"), headline_month)
    stability = marts.get("stability")
    stability = stability[stability["municipality_code"].notna()]
    stability = stability.assign(municipality_code=stability["municipality_code"].astype(int))
    return ReportData(
        head=head,
        national=national[~national.index.duplicated()],
        outcomes=outcomes,
        top_bottom=marts.get("top_bottom"),
        stability=stability.set_index("municipality_code"),
        quality=marts.get("quality"),
        benefit_mix=marts.get("benefit_mix").sort_values("month_number"),
        funnel=_horizon(marts.get("funnel"), headline_month),
        coefficients=_horizon(marts.get("coefficients"), headline_month).sort_values("term_order"),
        model_fit={str(m): v for m, v in zip(fit["metric"], fit["value"], strict=True)},
        attrition=_attrition(marts.get("attrition")),
        peers=marts.get("peers"),
        monthly=marts.get("monthly").sort_values("month_number"),
        groups=marts.get("groups"),
        benefit_weeks=marts.get("benefit_weeks"),
        regions=marts.get("regions"),
        flow=marts.get("flow").sort_values("discharge_year"),
        linkage=marts.get("linkage"),
        linked_profile=marts.get("linked_profile"),
        pages={
            int(code): f"kommuner/{int(code)}-{slugify(str(r['municipality_name']))}.html"
            for code, r in head.iterrows()
        },
        extras=extras.load(marts),
        period_note=marts.period_note(),
        over_time=over_time.load(marts),
    )


# ---------------------------------------------------------------- pages


def _env(period_note: str = "") -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(pct=fmt_pct, pp=fmt_pp, int=fmt_int, num=fmt_num)
    env.globals.update(
        flag_da=FLAG_DA, missing=_is_missing, material_marks=extras.material_marks, period_note=period_note
    )
    return env


def _values(row: pd.Series | None, cols: list[str]) -> list[float | None]:
    if row is None:
        return [None] * len(cols)
    return [None if _is_missing(row.get(c)) else float(row.get(c)) for c in cols]


def _top_bottom(data: ReportData, list_name: str) -> tuple[pd.DataFrame, pd.Series | None]:
    """One list of Tabel 1.1 with each municipality's code, rank and rank interval (Tabel 1); its average."""
    rows = data.top_bottom[data.top_bottom["list_name"] == list_name]
    if rows.empty:
        raise MissingMartError(f"public mart `pub_table1_1_top_bottom` has no list `{list_name}`")
    average = rows[rows["list_position"].isna()]
    listed = rows[rows["list_position"].notna()].sort_values("list_position")
    head = data.head.reset_index()[
        ["municipality_code", "municipality_name", "indicator_rank", "rank_low", "rank_high"]
    ]
    listed = listed.merge(head, on="municipality_name", how="left", validate="one_to_one")
    return listed, (average.iloc[0] if len(average) else None)


def _exclusions(quality: pd.DataFrame, prov: Provenance) -> list[dict[str, object]]:
    """Tabel 3.1 shape: one row per municipality with a year left out, the failed criteria per year."""
    criteria = criteria_da(prov)
    out = []
    dropped = quality[~quality["is_year_kept"].astype(bool)]
    for (code, name), years in dropped.groupby(["municipality_code", "municipality_name"], sort=False):
        kept = quality[(quality["municipality_code"] == code) & quality["is_year_kept"].astype(bool)]
        reasons = []
        for r in years.sort_values("quality_year").itertuples():
            failed = [
                text
                for flag, text in (
                    (r.fails_sds_quality, criteria["ges_quality"]),
                    (r.fails_min_persons_year, criteria["min_persons_year"]),
                    (r.fails_min_persons_total, criteria["min_persons_total"]),
                )
                if bool(flag) and not _is_missing(flag)
            ]
            reasons.append(
                (int(r.quality_year), "; ".join(failed) or str(getattr(r, "failed_criterion", "")))
            )
        out.append(
            {
                "code": code,
                "name": name,
                "reasons": reasons,
                "status": "kun ét år med" if len(kept) else "udeladt",
            }
        )
    return sorted(out, key=lambda r: (r["status"] != "udeladt", str(r["name"])))


def build_national(data: ReportData, out: Path, env: jinja2.Environment, prov: Provenance) -> Path:
    cdir = out / "charts" / "national"
    head = data.head.reset_index()
    nat = data.national
    funnel = charts.FunnelPlot(head, data.funnel)
    funnel.save(cdir / "funnel.png")
    funnel.close()
    top, top_avg = _top_bottom(data, "best_indicator")
    bottom, bottom_avg = _top_bottom(data, "worst_indicator")
    ranked = int(head["indicator_rank"].notna().sum())  # ranks are among the published municipalities only
    charts.rank_intervals(
        cdir / "top10.png", "De 10 bedst placerede: placering og rangeinterval", top, ranked
    )
    charts.rank_intervals(
        cdir / "bottom10.png", "De 10 dårligst placerede: placering og rangeinterval", bottom, ranked
    )
    charts.quintile_strip(cdir / "quintiles.png", head)
    charts.attrition(cdir / "attrition.png", data.attrition)
    monthly = data.monthly
    month_labels = ["Start" if m == 0 else f"{int(m)} mdr." for m in monthly["month_number"]]
    charts.grouped_bars(
        cdir / "development.png",
        "Figur 4.2 Andel på offentlige ydelser, landsplan",
        month_labels,
        [("Landsplan", [_value(v) for v in monthly["on_benefits_pct"]], charts.KOMMUNE)],
        size=(6.0, 2.9),
    )
    charts.lines(
        cdir / "persistence.png",
        "Figur 4.3 På ydelser hver uge siden start",
        month_labels,
        [("Landsplan", [_value(v) for v in monthly["since_start_pct"]], charts.KOMMUNE)],
    )
    risk = _risk_figures(data, cdir, prov)
    charts.region_strip(cdir / "regions.png", data.regions)
    charts.benefit_mix(cdir / "benefit_mix.png", data.benefit_mix)
    charts.rank_stability(cdir / "stability.png", data.stability)
    if data.over_time is not None:
        over_time.trend_chart(cdir / "over_time_trend.png", data.over_time.trend)
        over_time.national_chart(cdir / "over_time_distribution.png", data.over_time.trend)
    excluded = _exclusions(data.quality, prov)
    quintiles = {q: head[head["quintile"] == q].sort_values("indicator_pp") for q in range(1, 6)}
    unranked = head[head["indicator_pp"].isna()].sort_values("municipality_name")
    correlation = data.stability["rank_correlation"].dropna()
    rank_correlation = correlation.iloc[0] if len(correlation) else None
    flow_rows = data.flow.assign(order=~data.flow["is_period"].astype(bool)).sort_values(
        ["order", "discharge_year"]
    )
    html = env.get_template("national.html.j2").render(
        risk=risk,
        flow_rows=flow_rows,
        flow_years=[str(y) for y in data.flow.loc[~data.flow["is_period"].astype(bool), "discharge_year"]],
        table1_1=_table1_1(data),
        region_rows=_region_rows(data),
        correlation_text=correlation_da(rank_correlation),
        coefficients=_coefficient_labels(data.coefficients),
        prov=prov,
        root="",
        nat=nat,
        head=head,
        top=top,
        bottom=bottom,
        quintiles=quintiles,
        unranked=unranked,
        data=data,
        excluded=excluded,
        n_excluded=sum(1 for r in excluded if r["status"] == "udeladt"),
        averages={"top": top_avg, "bottom": bottom_avg},
        rank_correlation=rank_correlation,
        x=data.extras,
        x_da=extras,
        t=data.over_time,
        t_da=over_time,
        title="Tilbage i arbejde efter almen genoptræning — landsresultater",
    )
    path = out / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def _value(v: object) -> float | None:
    return None if _is_missing(v) else float(v)  # type: ignore[arg-type]


# Levels of the national characteristics (pub_national_shares_by_group) as the report words them.
LEVEL_DA = {
    "operated": {"operated": "Opereret", "not operated": "Ikke opereret"},
    "sex": {"women": "Kvinder", "men": "Mænd"},
    "joint_size": {"large": "Større led", "small": "Mindre led", "other": "Andre"},
    "benefit_weeks_before_start": {
        "0": "Ingen uger",
        "1-4": "1–4 uger",
        "5-8": "5–8 uger",
        ">8": "Over 8 uger",
    },
}
UNKNOWN_DA = "Uoplyst"


def _level_label(characteristic: str, level: str) -> str:
    if level == "unknown":
        return UNKNOWN_DA
    label = LEVEL_DA.get(characteristic, {}).get(level, level)
    return label.replace("-", "–") if characteristic == "age_group" else label


def _group_rows(data: ReportData, characteristic: str) -> pd.DataFrame:
    rows = data.groups[data.groups["characteristic"] == characteristic]
    if rows.empty:
        raise MissingMartError(
            f"public mart `pub_national_shares_by_group` has no characteristic `{characteristic}`"
        )
    rows = rows.assign(label=[_level_label(characteristic, str(lv)) for lv in rows["level_name"]])
    return rows.assign(is_unknown=rows["level_name"] == "unknown").sort_values(["is_unknown", "level_name"])


def _risk_figures(data: ReportData, cdir: Path, prov: Provenance) -> dict[str, object]:
    """Kap. 5 ("who is at risk"): Figur 5.1–5.6 from the public marts, charts and the rows of their tables."""
    h = prov.headline_month
    national = _value(data.national.get("actual_pct"))
    weeks = data.benefit_weeks.copy()
    order = {"0": 0, "1-4": 1, "5-8": 2, ">8": 3}
    weeks = weeks.assign(
        label=[_level_label("benefit_weeks_before_start", str(b)) for b in weeks["weeks_band"]],
        order=[order.get(str(b), 9) for b in weeks["weeks_band"]],
    ).sort_values("order")
    charts.grouped_bars(
        cdir / "fig5_1.png",
        f"Figur 5.1 Uger på ydelser før start, efter status {h} mdr. efter start",
        list(weeks["label"]),
        [
            (
                f"På ydelser efter {h} mdr.",
                [_value(v) for v in weeks["on_benefits_share_pct"]],
                charts.KOMMUNE,
            ),
            (
                f"Ikke på ydelser efter {h} mdr.",
                [_value(v) for v in weeks["off_benefits_share_pct"]],
                charts.LAND,
            ),
        ],
        size=(6.4, 3.0),
    )
    figures: dict[str, object] = {"weeks": weeks}
    specs = {
        "sex": ("fig5_2", "Figur 5.2 Køn"),
        "age_group": ("fig5_3", "Figur 5.3 Alder"),
        "industry_report_group": ("fig5_4", "Figur 5.4 Branche"),
        "diagnosis_group": ("fig5_5", "Figur 5.5 Diagnosegruppe"),
        "joint_size": ("fig5_5b", "Figur 5.5 Mindre og større led"),
        "operated": ("fig5_6", "Figur 5.6 Opereret eller ej"),
    }
    for characteristic, (name, title) in specs.items():
        rows = _group_rows(data, characteristic)
        if characteristic in ("industry_report_group", "diagnosis_group"):
            rows = rows.sort_values(
                ["is_unknown", "on_benefits_pct"], ascending=[True, False], na_position="last"
            )
        charts.hbars(
            cdir / f"{name}.png",
            f"{title}: andel på ydelser {h} mdr. efter start",
            list(rows["label"]),
            [_value(v) for v in rows["on_benefits_pct"]],
            reference=national,
        )
        figures[characteristic] = rows
    return figures


def _table1_1(data: ReportData) -> dict[str, object]:
    """Tabel 1.1 as the report has it: the average actual share of the 10 lowest / highest actual shares and
    the average indicator of the 10 best / worst placed municipalities, and the national share."""
    rows = data.top_bottom

    def average(list_name: str, column: str) -> float | None:
        avg = rows[(rows["list_name"] == list_name) & rows["list_position"].isna()]
        return _value(avg[column].iloc[0]) if len(avg) else None

    def listed(list_name: str) -> pd.DataFrame:
        return rows[(rows["list_name"] == list_name) & rows["list_position"].notna()].sort_values(
            "list_position"
        )

    return {
        "best_actual": average("lowest_actual_share", "actual_pct"),
        "worst_actual": average("highest_actual_share", "actual_pct"),
        "best_indicator": average("best_indicator", "indicator_pp"),
        "worst_indicator": average("worst_indicator", "indicator_pp"),
        "national": _value(data.national.get("actual_pct")),
        "lowest": listed("lowest_actual_share"),
        "highest": listed("highest_actual_share"),
        "n": int(max(len(listed("best_indicator")), len(listed("lowest_actual_share")))),
    }


def _region_rows(data: ReportData) -> list[dict[str, object]]:
    """Figur 6.1: per region its weighted average, lowest and highest share, spread and municipalities."""
    regions = data.regions
    out = []
    for _, region in regions[regions["is_region_row"].astype(bool)].sort_values("region_code").iterrows():
        members = regions[
            ~regions["is_region_row"].astype(bool) & (regions["region_code"] == region["region_code"])
        ].sort_values("actual_pct", na_position="last")
        out.append({"region": region, "members": members})
    return out


def correlation_da(value: float | None) -> str:
    """A rank correlation in words (Danish), the sign explained."""
    if value is None or _is_missing(value):
        return "Rangkorrelationen kan ikke beregnes (for få kommuner offentliggjort ved begge horisonter)."
    v = float(value)
    strength = (
        "stærk" if abs(v) >= 0.7 else "moderat" if abs(v) >= 0.4 else "svag" if abs(v) >= 0.1 else "ingen"
    )
    text = (
        f"Rangkorrelationen er {fmt_num(v, 2)} "
        "(1 = samme rækkefølge, 0 = ingen sammenhæng, −1 = omvendt rækkefølge)"
    )
    if v < 0:
        return (
            f"{text}: en negativ korrelation betyder, at kommuner, der er placeret godt efter 3 måneder, "
            "tenderer til at være placeret dårligere efter 6 måneder og omvendt"
            + (" — sammenhængen er dog svag." if abs(v) < 0.4 else ".")
        )
    if strength == "ingen":
        return f"{text}: der er stort set ingen sammenhæng mellem de to placeringer."
    return (
        f"{text}: en {strength} positiv sammenhæng — kommuner placeret godt efter 3 måneder "
        "er oftest også placeret godt efter 6 måneder."
    )


def _coefficient_labels(coefficients: pd.DataFrame) -> pd.DataFrame:
    """The regression table's wording: "Kvinde (reference: mand)" for sex, km² for density (the labels of the
    case-mix seeds follow the published table, whose spelling is kvm2)."""
    frame = coefficients.copy()
    is_sex = frame["variable_label"].astype(str).str.strip().eq("Køn")
    frame.loc[is_sex, "level_label"] = "Kvinde (reference: mand)"
    for column in ("variable_label", "level_label"):
        frame[column] = frame[column].astype(str).str.replace("kvm2", "km²", regex=False).replace("None", "")
    return frame


def _month_labels() -> list[str]:
    return ["Start", *[f"{m} mdr." for m in range(1, 7)]]


def build_municipality(
    code: int,
    data: ReportData,
    out: Path,
    env: jinja2.Environment,
    prov: Provenance,
    funnel: charts.FunnelPlot,
) -> Path:
    row = data.head.loc[code]
    name = str(row["municipality_name"])
    nat = data.national
    o = data.outcomes.loc[code] if code in data.outcomes.index else None
    cdir = out / "charts" / "kommuner"
    base = f"{code}"
    both = [(name, charts.KOMMUNE), ("Landsgennemsnit", charts.LAND)]
    figs = {}
    figs["f1"] = charts.grouped_bars(
        cdir / f"{base}_f1.png",
        "Andel på ydelser 3 mdr. efter start",
        ["3 måneder"],
        [
            (name, _values(row, ["actual_pct"]), charts.KOMMUNE),
            ("Landsgennemsnit", _values(nat, ["actual_pct"]), charts.LAND),
        ],
    )
    figs["f2"] = charts.grouped_bars(
        cdir / f"{base}_f2.png",
        "Faktisk og forventet andel, 3 mdr.",
        ["Faktisk", "Forventet"],
        [
            (name, _values(row, ["actual_pct", "expected_pct"]), charts.KOMMUNE),
            ("Landsgennemsnit", _values(nat, ["actual_pct", "expected_pct"]), charts.LAND),
        ],
    )
    figs["f3"] = charts.grouped_bars(
        cdir / f"{base}_f3.png",
        "Udviklingen i andelen på ydelser",
        ["Start", "3 måneder", "6 måneder"],
        [
            (label, _values(src, ["m0_pct", "m3_pct", "m6_pct"]), colour)
            for (label, colour), src in zip(both, [o, nat], strict=True)
        ],
    )
    since = [f"since_start_m{m}_pct" for m in range(7)]
    figs["f4"] = charts.lines(
        cdir / f"{base}_f4.png",
        "På ydelser hver uge siden start",
        _month_labels(),
        [(name, _values(o, since), charts.KOMMUNE), ("Landsgennemsnit", _values(nat, since), "#7f8c8d")],
    )
    figs["f5"] = charts.grouped_bars(
        cdir / f"{base}_f5.png",
        "Fysisk krævende brancher og større led",
        ["Fysisk krævende\nbranche", "Diagnose i\nstørre led"],
        [
            (label, _values(src, ["physically_demanding_pct", "large_joint_pct"]), colour)
            for (label, colour), src in zip(both, [o, nat], strict=True)
        ],
        margins=(0.13, 0.2, 0.98, 0.88),
    )
    figs["f6"] = charts.grouped_bars(
        cdir / f"{base}_f6.png",
        "Køn og alder",
        ["Kvinder", "Mænd", "Under 50 år", "50 år og over"],
        [
            (label, _values(src, ["women_pct", "men_pct", "under50_pct", "over50_pct"]), colour)
            for (label, colour), src in zip(both, [o, nat], strict=True)
        ],
        size=(6.0, 2.9),
    )
    shown = not (_is_missing(row["persons"]) or _is_missing(row["indicator_pp"]))  # no point for a hidden one
    figs["funnel"] = funnel.save(
        cdir / f"{base}_funnel.png",
        highlight=(float(row["persons"]), float(row["indicator_pp"]), name) if shown else None,
    )
    if data.over_time is not None:
        figs["over_time"] = over_time.municipality_chart(
            cdir / f"{base}_over_time.png", name, data.over_time.rows_of(code)
        )
    peers = data.peers[data.peers["municipality_code"] == code].sort_values("peer_rank")
    peer_rows = []
    for peer in peers["peer_code"]:
        peer_rows.append(_peer_row(int(peer), data))
    region_rows = data.regions[data.regions["municipality_code"] == code]
    region = None
    if len(region_rows):
        mine = region_rows.iloc[0]
        whole = data.regions[
            data.regions["is_region_row"].astype(bool) & (data.regions["region_code"] == mine["region_code"])
        ]
        region = {"name": mine["region_name"], "row": whole.iloc[0] if len(whole) else None}
    codes = list(data.head.index)
    i = codes.index(code)
    html = env.get_template("municipality.html.j2").render(
        prov=prov,
        root="../",
        row=row,
        name=name,
        o=o,
        nat=nat,
        code=code,
        data=data,
        figs={k: "../" + str(p.relative_to(out)) for k, p in figs.items()},
        peer_rows=peer_rows,
        region=region,
        me=_peer_row(code, data),
        n_total=int(data.head["indicator_rank"].notna().sum()),
        x=data.extras,
        x_da=extras,
        t=data.over_time,
        t_da=over_time,
        prev_page=data.pages[codes[i - 1]] if i > 0 else None,
        next_page=data.pages[codes[i + 1]] if i + 1 < len(codes) else None,
        title=f"{name} Kommune — tilbage i arbejde efter almen genoptræning",
    )
    path = out / data.pages[code]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def _peer_row(code: int, data: ReportData) -> dict[str, object]:
    head = data.head.loc[code]
    stable = data.stability.loc[code] if code in data.stability.index else None
    return {
        "code": code,
        "name": head["municipality_name"],
        "page": data.pages[code],
        "persons": head["persons"],
        "expected_pct": head["expected_pct"],
        "actual_pct": head["actual_pct"],
        "indicator": {3: head["indicator_pp"], 6: None if stable is None else stable["indicator_m6_pp"]},
    }


def _flow_steps(data: ReportData) -> list[tuple[str, object]]:
    """Bilag 3 Figur 1.2 in persons: all plans of the period -> MSK -> working age, then §1's attrition."""
    period = data.flow[data.flow["is_period"].astype(bool)]
    first = period.iloc[0] if len(period) else None
    steps: list[tuple[str, object]] = [
        (
            "Alle med en almen genoptræningsplan (alle diagnoser)",
            None if first is None else first["persons_all_diagnoses"],
        ),
        ("Heraf muskel-skeletlidelse (MDC 08)", None if first is None else first["persons_msk"]),
        (
            "Heraf i den erhvervsaktive alder ved udskrivning",
            None if first is None else first["persons_msk_working_age"],
        ),
    ]
    for r in data.attrition.itertuples():
        if int(r.step_number) == 1:
            continue  # step 1 = the MSK plans above
        steps.append((f"{int(r.step_number)}. {r.step_label}", r.persons_remaining))
    return steps


def build_data_page(data: ReportData, out: Path, env: jinja2.Environment, prov: Provenance) -> Path:
    """Data and linkage: Tabel 3.2, Tabel 3.3, Figur 4.1 (plans per year) and Bilag 3 Figur 1.2 (the flow)."""
    cdir = out / "charts" / "national"
    steps = _flow_steps(data)
    charts.flow(
        cdir / "cohort_flow.png",
        "Bilag 3, figur 1.2: fra genoptræningsplan til analysepopulation",
        [label for label, _ in steps],
        [_value(v) for _, v in steps],
        "Antal personer",
    )
    linkage = data.linkage
    national = linkage[linkage["is_national"].astype(bool)]
    municipal = linkage[~linkage["is_national"].astype(bool) & linkage["is_analysed"].astype(bool)]
    profile = data.linked_profile
    names = {
        "sex": "Køn",
        "age": "Alder",
        "diagnosis": "Diagnose",
        "education": "Uddannelse",
        "industry": "Branche",
    }
    html = env.get_template("data.html.j2").render(
        prov=prov,
        root="",
        steps=steps,
        years=data.flow[~data.flow["is_period"].astype(bool)],
        period=data.flow[data.flow["is_period"].astype(bool)],
        linkage_national=national.iloc[0] if len(national) else None,
        linkage_rows=municipal.sort_values("municipality_name"),
        profile=[
            (names.get(str(c), str(c)), rows.sort_values("level_name") if c == "age" else rows)
            for c, rows in profile.groupby("characteristic", sort=False)
        ],
        title="Data og kobling: fra genoptræningsplan til analysepopulation",
    )
    path = out / "data.html"
    path.write_text(html, encoding="utf-8")
    return path


def build_catalogue(data: ReportData, out: Path, env: jinja2.Environment, prov: Provenance) -> Path:
    themes = [(THEMES[t], [m for m in MEASURES if m.theme == t]) for t in sorted(THEMES)]
    rows = []
    for code, row in data.head.sort_values("municipality_name").iterrows():
        peers = data.peers[data.peers["municipality_code"] == code].sort_values("peer_rank")
        rows.append(
            {
                "row": row,
                "page": data.pages[int(code)],
                "peers": [_peer_row(int(p), data) for p in peers["peer_code"]],
            }
        )
    charts.peer_map(out / "charts" / "national" / "peer_map.png", data.head)
    html = env.get_template("inspiration.html.j2").render(
        prov=prov,
        root="",
        themes=themes,
        rows=rows,
        n_measures=len(MEASURES),
        data=data,
        x=data.extras,
        x_da=extras,
        title="Inspiration: 16 tiltag og kommuner at lære af",
    )
    path = out / "inspiration.html"
    path.write_text(html, encoding="utf-8")
    return path


def build(marts: Marts, prov: Provenance, out: Path, jobs: int | None = None) -> list[Path]:
    """Write every page into a new folder that then replaces ``out``; return the pages written."""
    data = load(marts, prov)
    final = out
    out = final.with_name(f".{final.name}.new-{os.getpid()}")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    try:
        pages = _build_pages(data, prov, out, jobs)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    replace_directory(out, final)
    return [final / p.relative_to(out) for p in pages]


def _build_pages(data: ReportData, prov: Provenance, out: Path, jobs: int | None) -> list[Path]:
    shutil.copytree(HERE / "static", out / "static")
    env = _env(data.period_note)
    pages = [
        build_national(data, out, env, prov),
        build_catalogue(data, out, env, prov),
        build_data_page(data, out, env, prov),
    ]
    codes = [int(c) for c in data.head.index]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(codes)))
    if workers == 1:
        pages += _build_municipalities(codes, data, out, prov)
    else:
        # fork: the workers inherit the loaded data; each draws its own funnel background once.
        ctx = multiprocessing.get_context("fork")
        chunks = [codes[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            for done in pool.map(
                _build_municipalities, chunks, *zip(*[(data, out, prov)] * workers, strict=True)
            ):
                pages += done
    return pages


def _build_municipalities(codes: list[int], data: ReportData, out: Path, prov: Provenance) -> list[Path]:
    env = _env(data.period_note)
    funnel = charts.FunnelPlot(data.head.reset_index(), data.funnel)
    try:
        return [build_municipality(code, data, out, env, prov, funnel) for code in codes]
    finally:
        funnel.close()


def read_provenance(marts: Marts) -> Provenance:
    """The build behind `marts`, checked (finished, one build id in every public mart)."""
    if marts.parquet_dir is not None:
        return verify_parquet(marts.parquet_dir)
    assert marts.db is not None
    con = duckdb.connect(str(marts.db), read_only=True)
    try:
        return verify_db(con, f"warehouse {marts.db.name}")
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--db",
        default=os.environ.get("RTW_DUCKDB_PATH", "data/rtw_benchmark.duckdb"),
        help="the warehouse file, opened read-only (default: $RTW_DUCKDB_PATH)",
    )
    source.add_argument("--parquet-dir", help="read the Parquet export of the public marts instead")
    parser.add_argument("--out", default="data/report", type=Path, help="output folder (default data/report)")
    parser.add_argument(
        "--jobs", type=int, default=None, help="processes for the municipality pages (default: cores)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        marts = Marts(parquet_dir=args.parquet_dir) if args.parquet_dir else Marts(db=args.db)
        with marts:
            prov = read_provenance(marts)
            pages = build(marts, prov, args.out, args.jobs)
    except (MissingMartError, ProvenanceError, DisclosureError, FileNotFoundError) as err:
        print(f"report: {err}", file=sys.stderr)
        return 1
    print(
        f"report: {len(pages)} pages in {args.out} ({prov.data_label}) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0
