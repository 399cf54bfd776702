"""The pages' sections of issue 12 points 4–6, from their public marts: the benchmark at 2, 3 and
6 months and the municipalities to learn from (METHOD §6.5–6.6), the sensitivity analyses (§8.8) and the
job-centre material with its descriptive comparison (§8.9). build.py loads them once (``load``) and hands
them to the templates as ``x``; the marks of the material are a template global (``material_marks``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from report.marts import Marts

MATERIAL_MARKS = {
    "retention_example": (
        "◆",
        "Eksempel på fastholdelsesindsats (Styrelsen for Arbejdsmarked og Rekruttering 2016)",
    ),
    "sammen_om_fastholdelse_effect": ("★", "Signifikant effekt i projekt „Sammen om fastholdelse“ (2020)"),
}
MATERIAL_DA = {
    "retention_example": "Eksempel på fastholdelsesindsats (STAR 2016)",
    "sammen_om_fastholdelse_effect": "„Sammen om fastholdelse“: signifikant effekt (2020)",
    "report_box_6_1": "Udvalgt til rapportens inspirationskatalog (Boks 6.1)",
}
GROUP_DA = {
    "with_material": "Kommuner med eksempel eller effekt",
    "without_material": "Øvrige kommuner",
    "difference": "Forskel (med − øvrige)",
}
REASON_DA = {
    "not in the best quintile(s) at the headline month": "ikke i bedste kvintil efter 3 mdr.",
    "no published benchmark at 2 months": "ingen offentliggjort benchmark efter 2 mdr.",
    "no published benchmark at 6 months": "ingen offentliggjort benchmark efter 6 mdr.",
}


@dataclass
class Extras:
    horizons: pd.DataFrame  # pub_benchmark_horizons, municipal rows
    horizon_months: list[int]
    learning: pd.DataFrame  # pub_learning_municipalities, in selection order
    sensitivity: pd.DataFrame  # pub_sensitivity_summary, in page order
    moves: dict[str, pd.DataFrame]  # analysis -> its largest rank moves
    material: pd.DataFrame  # pub_inspiration_material
    examples: list[dict[str, object]]  # the retention examples, one per municipality, themes joined
    effect_centres: pd.DataFrame
    comparison: pd.DataFrame  # indexed by comparison_group
    marks: dict[int, list[str]] = field(default_factory=dict)  # municipality code -> materials

    def horizon_row(self, code: int, month: int) -> pd.Series | None:
        rows = self.horizons[
            (self.horizons["municipality_code"] == code) & (self.horizons["horizon_month"] == month)
        ]
        return rows.iloc[0] if len(rows) else None

    def learning_row(self, code: int) -> pd.Series | None:
        rows = self.learning[self.learning["municipality_code"] == code]
        return rows.iloc[0] if len(rows) else None

    def box_not_eligible(self) -> pd.DataFrame:
        """The report's Boks 6.1 municipalities that the rule does not find eligible."""
        box = self.learning["is_in_report_box_6_1"].astype(bool) & ~self.learning["is_eligible"].astype(bool)
        return self.learning[box].sort_values("municipality_name")

    def material_of(self, code: int) -> pd.DataFrame:
        return self.material[self.material["municipality_code"] == code]


def load(marts: Marts) -> Extras:
    horizons = marts.get("horizons")
    horizons = horizons[~horizons["is_national"].astype(bool)].copy()
    horizons["municipality_code"] = horizons["municipality_code"].astype(int)
    learning = marts.get("learning").sort_values(
        ["selection_rank", "rank_headline", "municipality_name"], na_position="last"
    )
    summary = marts.get("sensitivity").sort_values("analysis_order")
    moves_all = marts.get("sensitivity_moves")
    moves = {
        str(a): g[g["is_largest_move"].astype(bool)].sort_values("move_order")
        for a, g in moves_all.groupby("analysis", sort=True)
    }
    material = marts.get("material")
    material = material.assign(municipality_code=material["municipality_code"].astype(int))
    examples = []
    retention = material[material["material"] == "retention_example"]
    for (code, name, title), rows in retention.groupby(
        ["municipality_code", "municipality_name", "example_title"], sort=True
    ):
        examples.append(
            {
                "code": int(code),
                "name": name,
                "title": title,
                "themes": sorted(str(t) for t in rows["theme"].dropna()),
                "source": rows["source"].iloc[0],
            }
        )
    examples.sort(key=lambda e: str(e["name"]))
    marks: dict[int, list[str]] = {}
    for r in material.itertuples():
        if r.material in MATERIAL_MARKS and r.material not in marks.setdefault(int(r.municipality_code), []):
            marks[int(r.municipality_code)].append(str(r.material))
    return Extras(
        horizons=horizons,
        horizon_months=sorted(int(h) for h in horizons["horizon_month"].unique()),
        learning=learning,
        sensitivity=summary,
        moves=moves,
        material=material,
        examples=examples,
        effect_centres=material[material["material"] == "sammen_om_fastholdelse_effect"].sort_values(
            "municipality_name"
        ),
        comparison=marts.get("comparison").set_index("comparison_group"),
        marks=marks,
    )


def material_marks(extras: Extras | None, code: object) -> Markup:
    """A municipality's marks (◆ retention example, ★ "Sammen om fastholdelse" effect), with tooltips."""
    if extras is None or code is None:
        return Markup("")
    try:
        key = int(code)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return Markup("")
    out = [
        f'<span class="mark" title="{escape(MATERIAL_MARKS[m][1])}">{MATERIAL_MARKS[m][0]}</span>'
        for m in extras.marks.get(key, [])
    ]
    return Markup(" " + "".join(out)) if out else Markup("")
