"""The report builder and the Parquet export, on a small hand-made publication schema (no dbt run needed)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from report import build as report_build
from report.catalogue import MEASURES, THEMES
from report.export import export
from report.export import main as export_main
from report.marts import REQUIRED, Marts, MissingMartError, contract_columns
from report.provenance import ProvenanceError, read_marker, verify_db, write_metadata

N_MUNICIPALITIES = 8
SUPPRESSED_CODE = 105  # the municipality whose women's share is hidden (<= 5 women)


# ------------------------------------------------------------------------------------------------ fixtures


def _publication_frames(n: int = N_MUNICIPALITIES) -> dict[str, pd.DataFrame]:
    """Contract-shaped public marts: n municipalities plus a national row, one share suppressed."""
    rng = np.random.default_rng(7)
    codes = [101 + i for i in range(n)]
    names = [f"Kommune {chr(65 + i)}" for i in range(n)]
    persons = rng.integers(80, 900, n)
    expected = rng.uniform(15, 30, n)
    indicator = np.linspace(-6, 6, n)
    actual = expected + indicator
    rank = pd.Series(indicator).rank(method="min").astype(int).to_numpy()
    flag = np.where(
        indicator < -4, "lower than expected", np.where(indicator > 4, "higher than expected", "as expected")
    )

    def with_national(frame: pd.DataFrame, national: dict[str, object]) -> pd.DataFrame:
        frame = frame.assign(is_national=False)
        row = {c: None for c in frame.columns} | {"is_national": True, "municipality_name": "Landsgennemsnit"}
        return pd.concat([frame, pd.DataFrame([row | national])], ignore_index=True)

    base = pd.DataFrame({"municipality_code": codes, "municipality_name": names})
    table1 = base.assign(
        persons=persons,
        actual_pct=actual,
        expected_pct=expected,
        indicator_pp=indicator,
        indicator_low_pp=indicator - 3,
        indicator_high_pp=indicator + 3,
        quintile=np.ceil(rank / n * 5).astype(int),
        benchmark_flag=flag,
        indicator_rank=rank,
        rank_low=np.maximum(rank - 2, 1),
        rank_high=np.minimum(rank + 2, n),
        has_suppressed_share=False,
    )
    table1 = with_national(
        table1, {"persons": int(persons.sum()), "actual_pct": 22.0, "expected_pct": 22.0, "indicator_pp": 0.0}
    )
    table2 = with_national(
        base.assign(
            persons_m0=persons,
            on_benefits_m0_pct=actual + 20,
            persons_m3=persons,
            on_benefits_m3_pct=actual,
            persons_m6=persons,
            on_benefits_m6_pct=actual - 9,
        ),
        {"on_benefits_m0_pct": 41.0, "on_benefits_m3_pct": 22.0, "on_benefits_m6_pct": 13.0},
    )
    table3 = with_national(
        base.assign(**{f"since_start_m{m}_pct": 100.0 - 7 * m for m in range(7)}),
        {f"since_start_m{m}_pct": 100.0 - 7 * m for m in range(7)},
    )
    table4 = base.assign(
        persons_physically_demanding=persons // 3,
        physically_demanding_pct=actual + 3,
        persons_large_joint=persons // 4,
        large_joint_pct=actual + 1,
        persons_women=persons // 2,
        women_pct=actual + 2,
        persons_men=persons // 2,
        men_pct=actual - 2,
        persons_under50=persons // 2,
        under50_pct=actual - 1,
        persons_over50=persons // 2,
        over50_pct=actual + 1,
    )
    hidden = table4["municipality_code"] == SUPPRESSED_CODE
    table4.loc[hidden, ["persons_women", "women_pct"]] = [4, None]
    table4 = with_national(
        table4,
        {
            "physically_demanding_pct": 25.0,
            "large_joint_pct": 23.0,
            "women_pct": 24.0,
            "men_pct": 20.0,
            "under50_pct": 21.0,
            "over50_pct": 23.0,
        },
    )
    order = np.argsort(indicator)
    lists = []
    by_actual = np.argsort(actual)
    for list_name, idx in (
        ("best_indicator", order[:3]),
        ("worst_indicator", order[::-1][:3]),
        ("lowest_actual_share", by_actual[:3]),
        ("highest_actual_share", by_actual[::-1][:3]),
    ):
        rows = table1.iloc[idx][
            ["municipality_name", "persons", "actual_pct", "expected_pct", "indicator_pp"]
        ]
        rows = rows.assign(list_name=list_name, list_position=range(1, len(idx) + 1))
        avg = rows[["actual_pct", "expected_pct", "indicator_pp"]].mean().to_dict()
        lists += [
            rows,
            pd.DataFrame(
                [
                    {
                        "list_name": list_name,
                        "list_position": None,
                        "municipality_name": "Gennemsnit",
                        "persons": rows["persons"].sum(),
                    }
                    | avg
                ]
            ),
        ]
    stability = base.assign(
        persons_m3=persons,
        persons_m6=persons,
        indicator_m3_pp=indicator,
        indicator_m6_pp=indicator[::-1] / 2,
        rank_m3=rank,
        rank_m6=rank[::-1],
        quintile_m3=1,
        quintile_m6=1,
        rank_change=rank[::-1] - rank,
        is_same_quintile=True,
        rank_correlation=-1.0,
    )
    quality = pd.DataFrame(
        {
            "municipality_code": [201, 201, 202, 202],
            "municipality_name": ["Udeladt", "Udeladt", "Et år", "Et år"],
            "quality_year": [2016, 2017, 2016, 2017],
            "fails_sds_quality": [True, False, False, False],
            "fails_min_persons_year": [False, True, True, False],
            "fails_min_persons_total": [False, False, False, False],
            "is_year_kept": [False, False, False, True],
            "failed_criterion": ["ges_quality", "min_persons_year", "min_persons_year", None],
        }
    )
    grid = pd.DataFrame({"horizon_month": 3, "persons": np.arange(10, 1010, 10)})
    se = 100 * np.sqrt(0.17 / grid["persons"])
    funnel = grid.assign(
        std_error_pp=se,
        funnel_95_low_pp=-1.96 * se,
        funnel_95_high_pp=1.96 * se,
        funnel_998_low_pp=-3.09 * se,
        funnel_998_high_pp=3.09 * se,
    )
    coefficients = pd.DataFrame(
        {
            "horizon_month": 3,
            "term_order": [0, 1, 2],
            "variable_label": ["(intercept)", "Køn", "Operation"],
            "level_label": ["", "Kvinde", "Opereret"],
            "estimate": [-1.2, 0.1, 0.5],
            "std_error": [0.1, 0.05, 0.06],
            "p_value": [0.0, 0.04, 0.0],
            "stars": ["***", "**", "***"],
            "ame_pp": [None, 1.5, 8.0],
        }
    )
    model_fit = pd.DataFrame(
        {
            "horizon_month": 3,
            "metric": ["persons", "events", "auc", "brier"],
            "value": [float(persons.sum()), 900.0, 0.74, 0.15],
        }
    )
    attrition = pd.DataFrame(
        {
            "step_number": [1, 2, 10],
            "step_name": ["plan_considered", "employed", "data_quality"],
            "reason": ["a", "b", "c"],
            "courses_out": [0, 500, 100],
            "courses_remaining": [5000, 4500, int(persons.sum())],
        }
    )
    mix = pd.DataFrame(
        {
            "month_number": range(7),
            "recipients": 500,
            "sickness_benefit_pct": 80.0,
            "unemployment_etc_pct": 15.0,
            "other_benefit_pct": 5.0,
        }
    )
    # each municipality learns from the two next in the list (the rule itself is the mart's dbt unit test)
    peers = pd.DataFrame(
        [
            {"municipality_code": codes[i], "peer_rank": r, "peer_code": codes[(i + r) % n]}
            for i in range(n)
            for r in (1, 2)
        ]
    )
    monthly = pd.DataFrame(
        {
            "month_number": range(7),
            "persons": int(persons.sum()),
            "on_benefits": [900 - 80 * m for m in range(7)],
            "on_benefits_pct": [40.0 - 4 * m for m in range(7)],
            "since_start_pct": [100.0 - 7 * m for m in range(7)],
            "has_suppressed_share": False,
        }
    )
    groups = pd.DataFrame(
        [
            {"characteristic": c, "level_name": lv, "persons": 300, "on_benefits_pct": pct}
            for c, levels in {
                "sex": [("women", 24.0), ("men", 20.0)],
                "age_group": [("18-25", 15.0), ("61-64", 26.0)],
                "industry_report_group": [("Bygge og anlæg", 33.0), ("Resten", 21.0)],
                "industry_group": [("Bygge og anlæg", 33.0)],
                "diagnosis_group": [("Slidgigt, hofte", 25.0), ("Ryg", None)],
                "joint_size": [("large", 24.0), ("small", 18.0)],
                "operated": [("operated", 33.0), ("not operated", 15.0)],
                "benefit_weeks_before_start": [("0", 10.0)],
            }.items()
            for lv, pct in levels
        ]
    )
    benefit_weeks = pd.DataFrame(
        {
            "weeks_band": ["0", "1-4", "5-8", ">8"],
            "on_benefits": 400,
            "off_benefits": 1500,
            "on_benefits_share_pct": [10.0, 60.0, 20.0, 10.0],
            "off_benefits_share_pct": [71.0, 20.0, 6.0, 3.0],
        }
    )
    region_of = {
        code: (1081 + i % 2, f"Region {'Nord' if i % 2 == 0 else 'Syd'}") for i, code in enumerate(codes)
    }
    regions = pd.DataFrame(
        [
            {
                "region_code": region_of[code][0],
                "region_name": region_of[code][1],
                "is_region_row": False,
                "municipality_code": code,
                "municipality_name": name,
                "persons": p,
                "actual_pct": a,
            }
            for code, name, p, a in zip(codes, names, persons, actual, strict=True)
        ]
        + [
            {
                "region_code": rc,
                "region_name": rn,
                "is_region_row": True,
                "municipality_code": None,
                "municipality_name": rn,
                "persons": 1000,
                "actual_pct": 21.5,
                "region_min_pct": 10.0,
                "region_max_pct": 31.0,
                "region_spread_pp": 21.0,
                "region_municipalities_n": n // 2,
                "region_published_n": n // 2,
            }
            for rc, rn in sorted(set(region_of.values()))
        ]
    )
    flow = pd.DataFrame(
        {
            "discharge_year": ["all", "2015", "2016", "2017"],
            "is_period": [True, False, False, False],
            "persons_all_diagnoses": [275000, 20000, 130000, 140000],
            "persons_msk": [165000, 12000, 78000, 80000],
            "persons_msk_working_age": [90000, 6000, 42000, 44000],
            "msk_pct": [60.0, 60.0, 60.0, 57.1],
            "working_age_pct": [54.5, 50.0, 53.8, 55.0],
        }
    )
    linkage = pd.concat(
        [
            base.assign(is_national=False, is_analysed=True, considered_plans=persons + 50, linkage_pct=80.0),
            pd.DataFrame(
                [
                    {
                        "municipality_code": None,
                        "municipality_name": "Landsgennemsnit",
                        "is_national": True,
                        "is_analysed": False,
                        "considered_plans": int(persons.sum()) + 400,
                        "linkage_pct": 78.0,
                        "linkage_min_pct": 35.0,
                        "linkage_max_pct": 97.0,
                        "linkage_median_pct": 81.0,
                        "linkage_mean_pct": 77.0,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    linked_profile = pd.DataFrame(
        {
            "characteristic": ["sex", "sex"],
            "level_name": ["Kvinder", "Mænd"],
            "linked_plans": 4000,
            "linked_pct": [47.0, 53.0],
            "not_linked_plans": 1000,
            "not_linked_pct": [50.0, 50.0],
        }
    )
    # issue 12 points 4–6 (report/extras.py): the benchmark at 2/3/6 months, learning selection, sensitivity,
    # job-centre material; the rules are the marts' dbt unit tests
    horizons = pd.concat([table1.assign(horizon_month=h) for h in (2, 3, 6)], ignore_index=True)
    learning = base.assign(
        rank_m2=rank,
        rank_headline=rank,
        rank_m6=rank,
        quintile_headline=np.ceil(rank / n * 5).astype(int),
        learning_score=(rank - 1) / (n - 1),
        is_eligible=rank <= 2,
        not_eligible_reason=np.where(rank <= 2, None, "not in the best quintile(s) at the headline month"),
        selection_rank=np.where(rank <= 2, rank, None),
        is_selected=rank <= 1,
        is_in_report_box_6_1=rank == 2,
    )
    sensitivity = pd.DataFrame(
        {
            "analysis": ["min_weeks_1", "frame_conditions_dropped"],
            "analysis_order": [1, 2],
            "analysis_kind": ["up", "same"],
            "analysis_label": ["1 af 3 uger", "Uden rammevilkår"],
            "persons": [int(persons.sum())] * 2,
            "on_benefits_pct": [24.0, 22.0],
            "persons_main": [int(persons.sum())] * 2,
            "changed_persons": [40, 0],
            "changed_pct": [40 / persons.sum() * 100, 0.0],
            "rank_correlation": [-0.2, 0.9],
            "largest_rank_move": [n - 1, 1],
        }
    )
    moves = base.assign(
        analysis="min_weeks_1", rank_main=rank, rank_analysis=rank[::-1], rank_change=rank[::-1] - rank
    )
    moves = moves.assign(move_order=range(1, n + 1), is_largest_move=[i < 5 for i in range(n)])
    material = pd.DataFrame(
        {
            "material": ["retention_example", "retention_example", "sammen_om_fastholdelse_effect"],
            "municipality_code": [codes[0], codes[0], codes[1]],
            "municipality_name": [names[0], names[0], names[1]],
            "example_title": ["Eksempel", "Eksempel", "Effekt"],
            "theme": ["Tværfaglig indsats", "Målrettet fastholdelsesindsats", None],
            "source": ["kilde a", "kilde a", "kilde b"],
        }
    )
    comparison = pd.DataFrame(
        {
            "comparison_group": ["with_material", "without_material", "difference"],
            "municipalities_n": [2, n - 2, n],
            "mean_indicator_pp": [-1.0, 0.5, -1.5],
            "interval_low_pp": [-3.0, -0.5, -4.0],
            "interval_high_pp": [1.0, 1.5, 1.0],
            "statement": ["Beskrivende sammenligning, ikke et effektestimat."] * 3,
        }
    )
    frames = {
        "monthly": monthly,
        "groups": groups,
        "benefit_weeks": benefit_weeks,
        "regions": regions,
        "flow": flow,
        "linkage": linkage,
        "linked_profile": linked_profile,
        "table1": table1,
        "table2": table2,
        "table3": table3,
        "table4": table4,
        "top_bottom": pd.concat(lists, ignore_index=True),
        "stability": stability,
        "quality": quality,
        "benefit_mix": mix,
        "funnel": funnel,
        "coefficients": coefficients,
        "model_fit": model_fit,
        "attrition": attrition,
        "peers": peers,
        "horizons": horizons,
        "learning": learning,
        "sensitivity": sensitivity,
        "sensitivity_moves": moves,
        "material": material,
        "comparison": comparison,
        # the benchmark over time (report/over_time.py): this frame's one period; no change (one period)
        "over_time": table1.iloc[:n][
            ["municipality_code", "municipality_name", "persons", "actual_pct"]
        ].assign(
            cohort_period_order=1,
            is_benchmarked=True,
            expected_pct=expected,
            indicator_pp=indicator,
            indicator_low_pp=indicator - 3,
            indicator_high_pp=indicator + 3,
            indicator_rank=rank,
            rank_low=np.maximum(rank - 2, 1),
            rank_high=np.minimum(rank + 2, n),
        ),
        "changes": pd.DataFrame(columns=list(REQUIRED["changes"].columns)),
        "trend": pd.DataFrame(
            [
                {
                    "cohort_period_order": 1,
                    "persons": int(persons.sum()),
                    "actual_pct": 22.0,
                    "expected_pct": 22.0,
                }
            ]
        ),
    }
    assert set(frames) == set(REQUIRED), "the fixture must cover the builder's whole contract"
    # The columns the pages do not read are NULL here; the marts' contracts (not this fixture) name them.
    return {
        key: frame.assign(**{c: None for c in REQUIRED[key].columns if c not in frame.columns})
        for key, frame in frames.items()
    }


BUILD = "b0123456789a"


def metadata(**changes: object) -> dict[str, object]:
    """A build-metadata row as the build writes it (synthetic data, the report's thresholds)."""
    return {
        "build_id": BUILD,
        "build_status": "finished",
        "data_source": "synthetic",
        "generator": "rtw_synth 0.1.0",
        "generator_seed": 42,
        "generator_scale": 0.02,
        "extracts_sha256": "ab" * 32,
        "extracts": [{"path": "bef/part-0.parquet", "bytes": 10, "sha256": "cd" * 32}],
        "code_version": "abc1234",
        "dbt_vars": "{}",
        "headline_month": 3,
        "disclosure_max_persons": 5,
        "dq_months_required": 12,
        "dq_swing_upper": 1.4,
        "dq_swing_lower": 0.6,
        "dq_max_swings": 1,
        "dq_min_persons_year": 30,
        "dq_min_persons_total": 75,
    } | changes


def _write_db(
    path: Path,
    frames: dict[str, pd.DataFrame],
    skip: str | None = None,
    meta: dict[str, object] | None = None,
    build_ids: dict[str, str] | None = None,
) -> Path:
    """The public marts (each with the build id; `build_ids` overrides it per logical name) and the
    build metadata (`meta`; default: a finished synthetic build)."""
    meta = meta or metadata()
    con = duckdb.connect(str(path))
    write_metadata(con, meta)
    for key, frame in frames.items():
        if key == skip:
            continue
        frame = frame.assign(build_id=(build_ids or {}).get(key, meta["build_id"]))
        con.register("frame", frame)
        con.execute(f"create table publication.{REQUIRED[key].model} as select * from frame")
        con.unregister("frame")
    con.execute("create schema restricted")
    con.execute("create table restricted.analysis_cohort as select 'p1' as person_id")
    con.close()
    return path


def _prov(db: Path):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return verify_db(con, db.name)
    finally:
        con.close()


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return _write_db(tmp_path / "pub.duckdb", _publication_frames())


# ------------------------------------------------------------------------------------------------ tests


def test_provenance_synthetic_real_and_missing(tmp_path: Path, warehouse: Path) -> None:
    prov = _prov(warehouse)
    assert prov.is_synthetic and prov.build_id == BUILD
    assert prov.data_label == "Bygget på syntetiske data (rtw_synth 0.1.0, seed 42, skala 0.02)"
    real = _write_db(tmp_path / "real.duckdb", _publication_frames(), meta=metadata(data_source="register"))
    assert _prov(real).data_label == "Bygget på registerudtræk"
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "_SUCCESS").write_text("generator=rtw_synth 0.1.0\nseed=42\n", encoding="utf-8")
    assert read_marker(raw) == {"generator": "rtw_synth 0.1.0", "seed": "42"}
    with pytest.raises(ProvenanceError, match="_SUCCESS"):
        read_marker(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("meta", "build_ids", "skip_metadata", "words"),
    [
        ({"build_status": "running"}, {}, False, ["did not finish", "running"]),
        (
            {},
            {"table2": "other-build"},
            False,
            ["is not one build", "pub_bilag2_table2_trajectory", "other-build"],
        ),
        ({}, {}, True, ["no build metadata"]),
    ],
    ids=["unfinished build", "mixed build ids", "no metadata"],
)
def test_export_and_report_refuse_an_unfinished_or_mixed_publication(
    tmp_path: Path, meta, build_ids, skip_metadata, words, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _write_db(tmp_path / "pub.duckdb", _publication_frames(), meta=metadata(**meta), build_ids=build_ids)
    if skip_metadata:
        with duckdb.connect(str(db)) as con:
            con.execute("drop table publication.build_metadata")
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "old.parquet").write_text("the last good export", encoding="utf-8")
    assert export_main(["--db", str(db), "--out", str(tmp_path / "marts")]) == 1
    assert report_build.main(["--db", str(db), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    for word in words:
        assert err.count(word) >= 2, (word, err)  # from the export and from the report
    assert (tmp_path / "marts" / "old.parquet").read_text(encoding="utf-8") == "the last good export"
    assert not (tmp_path / "o").exists()


def test_a_mixed_parquet_export_is_refused(tmp_path: Path, warehouse: Path) -> None:
    export(warehouse, tmp_path / "marts")
    other = _write_db(tmp_path / "other.duckdb", _publication_frames(), meta=metadata(build_id="b2"))
    export(other, tmp_path / "other")
    (tmp_path / "other" / "pub_model_fit.parquet").replace(tmp_path / "marts" / "pub_model_fit.parquet")
    with pytest.raises(ProvenanceError, match=r"is not one build.*pub_model_fit carries build\(s\) b2"):
        report_build.read_provenance(Marts(parquet_dir=tmp_path / "marts"))


def test_export_is_byte_identical_and_rounds_the_last_bits(tmp_path: Path) -> None:
    frames = _publication_frames()
    first = _write_db(tmp_path / "a.duckdb", frames)
    noisy = {k: f.sample(frac=1.0, random_state=1) for k, f in frames.items()}  # another row order
    noisy["table1"] = noisy["table1"].assign(actual_pct=noisy["table1"]["actual_pct"] * (1 + 2e-16))
    second = _write_db(tmp_path / "b.duckdb", noisy)
    export(first, tmp_path / "m1")
    export(second, tmp_path / "m2")
    files = sorted(p.name for p in (tmp_path / "m1").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "m2").iterdir())
    for name in files:
        assert (tmp_path / "m1" / name).read_bytes() == (tmp_path / "m2" / name).read_bytes(), name
    manifest = (tmp_path / "m1" / "_manifest.json").read_text(encoding="utf-8")
    assert str(tmp_path) not in manifest and BUILD in manifest


def test_thresholds_on_the_pages_come_from_the_build_metadata(tmp_path: Path) -> None:
    db = _write_db(
        tmp_path / "pub.duckdb",
        _publication_frames(),
        meta=metadata(dq_min_persons_year=2, disclosure_max_persons=3),
    )
    out = tmp_path / "report"
    with Marts(db=db) as marts:
        report_build.build(marts, _prov(db), out, jobs=1)
    national = (out / "index.html").read_text(encoding="utf-8")
    assert "Ikke mindst 2 personer i det enkelte år" in national
    assert "mindst 2 personer i det enkelte år og mindst 75 personer i alt" in national
    assert "intet tal på 1–3 personer vises" in national
    assert "30 personer" not in national


def test_the_reports_figures_and_tables_on_the_pages(tmp_path: Path, warehouse: Path) -> None:
    """Issue 12: Tabel 1.1 in the report's shape, Figur 4.1–6.1 labelled, the data page, the region on each
    municipality page, the report's wording, and a negative rank correlation explained in words."""
    frames = _publication_frames()
    out = tmp_path / "report"
    with Marts(db=warehouse) as marts:
        report_build.build(marts, _prov(warehouse), out, jobs=1)
    national = (out / "index.html").read_text(encoding="utf-8")
    top = frames["top_bottom"]

    def avg(list_name: str, column: str) -> str:
        value = top.loc[(top["list_name"] == list_name) & top["list_position"].isna(), column].iloc[0]
        return report_build.fmt_pct(value) if column == "actual_pct" else report_build.fmt_pp(value)

    table = national.split('id="tabel-1-1"')[1].split("</table>")[0]
    best = table.split("bedst placerede kommuner")[1].split("</tr>")[0]
    worst = table.split("dårligst placerede kommuner")[1].split("</tr>")[0]
    assert avg("lowest_actual_share", "actual_pct") in best and avg("best_indicator", "indicator_pp") in best
    assert (
        avg("highest_actual_share", "actual_pct") in worst and avg("worst_indicator", "indicator_pp") in worst
    )
    for number in ("4.1", "4.2", "4.3", "5.1", "5.4", "5.5", "5.6", "6.1"):
        assert f"Figur {number}." in national or f"Figur {number}:" in national, number
    assert "Ledighedsydelser" not in Path(report_build.charts.__file__).read_text(encoding="utf-8")
    assert "Kvinde (reference: mand)" in national
    assert "negativ korrelation betyder" in national  # the fixture's correlation is -1
    assert "Region Nord" in national and "Spænd" in national
    data_page = (out / "data.html").read_text(encoding="utf-8")
    assert "275.000" in data_page and "35 %" in data_page and "Kobler ikke" in data_page
    municipality = next((out / "kommuner").glob("101-*.html")).read_text(encoding="utf-8")
    assert 'id="region">Region Nord' in municipality


def test_correlation_in_words() -> None:
    assert "negativ" in report_build.correlation_da(-0.3) and "svag" in report_build.correlation_da(-0.3)
    assert "stærk positiv" in report_build.correlation_da(0.8)
    assert "ingen sammenhæng" in report_build.correlation_da(0.05)
    assert "kan ikke beregnes" in report_build.correlation_da(None)


def test_build_writes_every_page_with_provenance_and_disclosure(tmp_path: Path, warehouse: Path) -> None:
    out = tmp_path / "report"
    with Marts(db=warehouse) as marts:
        pages = report_build.build(marts, _prov(warehouse), out, jobs=1)
    names = {p.relative_to(out).as_posix() for p in pages}
    assert {"index.html", "inspiration.html", "data.html"} <= names
    assert len([n for n in names if n.startswith("kommuner/")]) == N_MUNICIPALITIES
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Bygget på syntetiske data (rtw_synth 0.1.0, seed 42" in html, page
        assert f"bygget af kørsel {BUILD} (kode abc1234)" in html, page
        for src in re.findall(r'<img src="([^"]+)"', html):
            assert (page.parent / src).resolve().is_file(), f"{page}: missing chart {src}"
        for href in re.findall(r'<a href="([^"#]+)"', html):
            assert (page.parent / href).resolve().is_file(), f"{page}: broken link {href}"
    municipality = next(p for p in pages if p.name.startswith(f"{SUPPRESSED_CODE}-"))
    assert "diskr." in municipality.read_text(encoding="utf-8")
    assert len(list((out / "charts" / "kommuner").glob(f"{SUPPRESSED_CODE}_*.png"))) == 7
    catalogue = (out / "inspiration.html").read_text(encoding="utf-8")
    assert all(m.title in catalogue for m in MEASURES)


def test_the_catalogue_has_the_16_measures_in_3_themes() -> None:
    assert [m.number for m in MEASURES] == list(range(1, 17))
    assert {m.theme for m in MEASURES} == set(THEMES) == {1, 2, 3}


@pytest.mark.parametrize("missing", ["funnel", "attrition", "table4"])
def test_a_missing_public_mart_stops_the_build_with_its_name(
    tmp_path: Path, missing: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _write_db(tmp_path / "pub.duckdb", _publication_frames(), skip=missing)
    code = report_build.main(["--db", str(db), "--out", str(tmp_path / "o")])
    assert code == 1
    assert f"`{REQUIRED[missing].model}` not found" in capsys.readouterr().err
    assert not (tmp_path / "o" / "index.html").exists()


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    frames = _publication_frames()
    frames["table1"] = frames["table1"].drop(columns=["rank_high"])
    with (
        Marts(db=_write_db(tmp_path / "pub.duckdb", frames)) as marts,
        pytest.raises(MissingMartError, match=r"pub_bilag2_table1_benchmark` lacks column.*rank_high"),
    ):
        marts.check_all()


def test_columns_come_from_the_contracts(tmp_path: Path) -> None:
    """A column added to a public mart's contract is required by the report without touching report/."""
    contracts = tmp_path / "publication"
    contracts.mkdir()
    (contracts / "_m.yml").write_text(
        "version: 2\nmodels:\n  - name: pub_model_fit\n    columns:\n"
        "      - {name: metric, data_type: varchar}\n      - {name: value, data_type: double}\n"
        "      - {name: new_column, data_type: double}\n"
    )
    assert contract_columns(contracts)["pub_model_fit"] == ("metric", "value", "new_column")
    assert REQUIRED["model_fit"].columns == contract_columns()["pub_model_fit"]
    assert "has_suppressed_share" in REQUIRED["table1"].columns


def test_a_share_from_5_persons_or_fewer_is_refused() -> None:
    ok = pd.DataFrame({"persons": [4, 50], "actual_pct": [None, 20.0]})
    report_build.check_disclosure("ok", ok, 5)
    with pytest.raises(report_build.DisclosureError, match="persons"):
        report_build.check_disclosure("bad", pd.DataFrame({"persons": [5], "actual_pct": [20.0]}), 5)
    with pytest.raises(report_build.DisclosureError, match="women_pct"):
        report_build.check_disclosure("bad", pd.DataFrame({"persons_women": [3], "women_pct": [33.3]}), 5)
    # a share beside a large group is fine even when another group of the row is small
    report_build.check_disclosure(
        "ok",
        pd.DataFrame({"persons_women": [3], "women_pct": [None], "persons_men": [60], "men_pct": [20.0]}),
        5,
    )


def test_export_writes_parquet_the_report_can_be_built_from(tmp_path: Path, warehouse: Path) -> None:
    files, prov = export(warehouse, tmp_path / "marts")
    assert prov.build_id == BUILD
    assert sorted(f.stem for f in files) == sorted([*(s.model for s in REQUIRED.values()), "build_metadata"])
    assert (tmp_path / "marts" / "_manifest.json").is_file()
    assert not list((tmp_path / "marts").glob("analysis_cohort*")), "person-level data must not be exported"
    code = report_build.main(
        [
            "--parquet-dir",
            str(tmp_path / "marts"),
            "--out",
            str(tmp_path / "o"),
            "--jobs",
            "1",
        ]
    )
    assert code == 0
    assert (tmp_path / "o" / "index.html").is_file()


def test_rank_and_quintile_are_hidden_with_a_suppressed_indicator(tmp_path: Path) -> None:
    frames = _publication_frames()
    table1 = frames["table1"]
    small = table1["municipality_code"] == 102
    table1.loc[small, ["persons"]] = 4
    table1.loc[
        small, ["actual_pct", "expected_pct", "indicator_pp", "indicator_low_pp", "indicator_high_pp"]
    ] = None
    out = tmp_path / "report"
    db = _write_db(tmp_path / "pub.duckdb", frames)
    with Marts(db=db) as marts:
        report_build.build(marts, _prov(db), out, jobs=1)
    page = next((out / "kommuner").glob("102-*.html")).read_text(encoding="utf-8")
    assert "placering ikke offentliggjort (diskretion)" in page
    assert "kvintil" not in page.split("De seks figurer")[0]
    national = (out / "index.html").read_text(encoding="utf-8")
    assert "Indikator og placering ikke offentliggjort" in national


def _with_period(frames: dict[str, pd.DataFrame], period: str) -> dict[str, pd.DataFrame]:
    return {key: frame.assign(cohort_period=period) for key, frame in frames.items()}


def test_one_period_gives_the_same_pages_and_several_show_the_latest(tmp_path: Path) -> None:
    """Every public mart has cohort_period as its first key: with one period the pages are byte-identical to
    marts without the column; with several the pages show the latest period (here the one with all
    municipalities, beside an earlier one with fewer) and every page names it."""
    pages = {}
    for name, frames in {
        "none": _publication_frames(),
        "one": _with_period(_publication_frames(), "2018-2019"),
        "two": {
            key: pd.concat([earlier, later], ignore_index=True)
            for (key, earlier), later in zip(
                _with_period(_publication_frames(N_MUNICIPALITIES - 2), "2016-2017").items(),
                _with_period(_publication_frames(), "2018-2019").values(),
                strict=True,
            )
        },
    }.items():
        db = _write_db(tmp_path / f"{name}.duckdb", frames)
        out = tmp_path / name
        with Marts(db=db) as marts:
            written = report_build.build(marts, _prov(db), out, jobs=1)
        pages[name] = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in written}
    assert pages["one"] == pages["none"]
    assert "Periode" not in pages["one"]["index.html"]
    assert pages["two"].keys() == pages["one"].keys()
    note = "Periode 2018-2019: siderne viser den seneste af 2 kohorteperioder (2016-2017, 2018-2019)."
    assert all(note in html for html in pages["two"].values())
    municipal = [p for p in pages["two"] if p.startswith("kommuner/")]
    assert len(municipal) == N_MUNICIPALITIES
    # with two periods the pages also show the benchmark over time (METHOD §8.10); else the latest period's
    over_time = re.compile(r'<section id="over-tid">.*?</section>\n', flags=re.S)
    assert all(
        len(over_time.findall(html)) == 1
        for page, html in pages["two"].items()
        if page.endswith(".html") and (page == "index.html" or page.startswith("kommuner/"))
    )
    for page, html in pages["two"].items():
        assert (
            over_time.sub(
                "", html.replace(f'  <p class="period" id="period"><strong>{note}</strong></p>\n', "")
            )
            == (pages["one"][page])
        ), page
