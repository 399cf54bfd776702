"""Several cohort periods in one extract (rtw_synth/periods.py, `--start-years 2016 2017 2018 2019`) with
planted changes (`--plant-changes`): the first period is a one-period run's, keys never collide across
periods, the registers cover the union of the periods' windows (METHOD §0), and the planted municipalities'
shares on benefits at 3 months move by the planted amount while the others do not."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from rtw_synth.__main__ import main
from rtw_synth.generator import Generator
from rtw_synth.lpr3 import split_lpr3
from rtw_synth.period import Period, blocks
from rtw_synth.periods import PLANT_CANDIDATES, block_seed, rekey

SCALE = 0.1  # ≈ 2,000 analysed courses per period: København ≈ 240, the smallest candidate ≈ 40
K = 4
YEARS = (2016, 2017, 2018, 2019)


@pytest.fixture(scope="module")
def multi() -> Generator:
    g = Generator(SCALE, 42, progress=False, start_years=YEARS, plant_changes=K)
    g.draw()
    return g


@pytest.fixture(scope="module")
def tables(multi: Generator) -> dict[str, pa.Table]:
    st = multi.state
    spec = st.seeds["hospital_specialties"]
    names = dict(zip(spec["c_spec"].astype(str), spec["specialty_name"].astype(str), strict=True))
    return split_lpr3(st.tables, multi.lpr3_from, names)


@pytest.fixture(scope="module")
def truth(multi: Generator) -> dict[str, pd.DataFrame]:
    return {name: t.to_pandas() for name, t in multi.state.truth.items()}


def test_start_years_split_into_two_year_periods() -> None:
    assert [p.start_years for p in blocks((2019, 2016, 2018, 2017))] == [(2016, 2017), (2018, 2019)]
    assert [p.label for p in blocks((2016, 2017))] == ["2016-2017"]
    for bad in ((2016,), (2016, 2017, 2018), (2016, 2017, 2019, 2020)):
        with pytest.raises(ValueError, match="even number of consecutive years"):
            blocks(bad)
    assert block_seed(42, 0) == 42 and block_seed(42, 1) != 42
    with pytest.raises(ValueError, match="at least two cohort periods"):
        Generator(SCALE, 42, progress=False, plant_changes=2)
    with pytest.raises(SystemExit):
        main(["--start-years", "2016", "2017", "2018", "--out", "unused"])


def test_first_period_is_the_one_period_run(multi: Generator) -> None:
    """Adding periods changes nothing in the first: its registers are a default run's (before the merge)."""
    single = Generator(SCALE, 42, progress=False).draw()
    first = multi.block_tables[0]
    assert first.keys() == single.tables.keys()
    for name, t in single.tables.items():
        assert first[name].equals(t), name


def test_rekey_gives_each_block_its_own_key_space() -> None:
    t = pa.table({"pnr": ["P000000007"], "recnum": ["R0000000001"], "c_adiag": ["DM161"]})
    got = rekey(t, 2, "lpr_adm")
    assert got.to_pylist() == [{"pnr": "P200000007", "recnum": "R2000000001", "c_adiag": "DM161"}]
    with pytest.raises(ValueError, match=r"lpr_adm\.pnr: key P… outside"):
        rekey(pa.table({"pnr": ["P100000007"]}), 1, "lpr_adm")


def test_no_key_collides_across_periods(tables: dict[str, pa.Table], truth: dict[str, pd.DataFrame]) -> None:
    def unique(name: str, keys: list[str]) -> None:
        t = tables[name]
        assert t.group_by(keys).aggregate([]).num_rows == t.num_rows, (name, keys)

    unique("bef", ["pnr", "aar"])
    unique("dream", ["pnr"])
    unique("lpr_adm", ["recnum"])
    unique("lpr_a_kontakt", ["dw_ek_kontakt"])
    unique("lpr_diag", ["recnum", "c_diag", "c_diagtype"])
    unique("bfl", ["pnr", "aar", "mdr", "ajo_arbnr_senr"])
    unique("sssy", ["pnr", "honuge", "speciale"])
    unique("ind", ["pnr", "aar"])
    # every person, contact and workplace belongs to one period
    c = truth["courses"]
    by_period = c.groupby("pnr")["cohort_period"].nunique()
    assert (by_period == 1).all()
    assert set(c["cohort_period"]) == {"2016-2017", "2018-2019"}
    for key in ("pnr", "recnum"):
        first = set(c.loc[c["cohort_period"] == "2016-2017", key])
        assert first.isdisjoint(set(c.loc[c["cohort_period"] == "2018-2019", key])), key
    wp = tables["bfl"]["ajo_arbnr_senr"].to_pylist()
    assert {w[1] for w in wp} == {"0", "1"}
    # LPR3 contacts (from March 2019: the later period) join their own diagnoses, which are LPR3's only
    k = set(tables["lpr_a_kontakt"]["dw_ek_kontakt"].to_pylist())
    assert k and k == set(tables["lpr_a_diagnose"]["dw_ek_kontakt"].to_pylist())
    assert k.isdisjoint(set(tables["lpr_adm"]["recnum"].to_pylist()))


def test_every_register_covers_the_union_of_the_windows(tables: dict[str, pa.Table]) -> None:
    """The windows of METHOD §0 for start years 2016-2019 (first 2016, last 2019)."""

    def years(name: str, column: str) -> set[int]:
        values = tables[name][column]
        if str(values.type).startswith(("date", "timestamp")):
            values = pc.year(values)
        return set(values.to_pylist())

    assert set(range(2015, 2020)) <= years("bef", "aar")
    assert set(range(2011, 2020)) <= years("lpr_adm", "d_inddto") | years(
        "lpr_a_kontakt", "kont_starttidspunkt"
    )
    assert set(range(2016, 2020)) <= years("ges", "d_ydelse")
    assert set(range(2015, 2020)) <= years("bfl", "aar")
    assert set(range(2015, 2019)) <= years("ind", "aar")
    assert set(range(2016, 2020)) <= years("udda", "aar")
    assert {"15", "16", "17", "18", "19"} <= {w[:2] for w in tables["sssy"]["honuge"].to_pylist()}
    # DREAM: every ISO week 2014-W01 ... 2020-W53, in order
    weeks, day = [], dt.date.fromisocalendar(2014, 1, 1)
    while day < dt.date.fromisocalendar(2021, 1, 1):
        y, w, _ = day.isocalendar()
        weeks.append(f"y_{y % 100:02d}{w:02d}")
        day += dt.timedelta(days=7)
    cols = [c for c in tables["dream"].column_names if c != "pnr"]
    assert set(weeks) <= set(cols) and cols == sorted(cols)


def test_a_week_a_period_lacks_is_no_benefit(tables: dict[str, pa.Table]) -> None:
    """Stacked by column name: a week outside a block's axis is NULL (DATA_CONTRACT: NULL = no benefit)."""
    d = tables["dream"]
    first = pc.equal(pc.utf8_slice_codeunits(d["pnr"], 1, 2), "0")
    for col, block in (("y_2001", first), ("y_2053", first), ("y_1401", pc.invert(first))):
        assert d[col].filter(block).null_count == pc.sum(block.cast(pa.int64())).as_py(), col
    # the first period's persons keep their benefits, the later period's have theirs in its own years
    assert d["y_1601"].filter(first).null_count < pc.sum(first.cast(pa.int64())).as_py()
    later = pc.invert(first)
    assert d["y_1801"].filter(later).null_count < pc.sum(later.cast(pa.int64())).as_py()


def test_no_course_starts_in_another_blocks_period(truth: dict[str, pd.DataFrame]) -> None:
    c = truth["courses"]
    year = pd.to_datetime(c["rehab_start"]).dt.year
    own = {"2016-2017": {2016, 2017}, "2018-2019": {2018, 2019}}
    for label, yrs in own.items():
        other = set(YEARS) - yrs
        assert not year[c["cohort_period"] == label].isin(other).any(), label


def test_truth_lists_exactly_the_planted_municipalities(
    multi: Generator, truth: dict[str, pd.DataFrame]
) -> None:
    pc_ = truth["planted_changes"]
    cons = pc_[pc_["comparison"] == "consecutive"]
    assert len(cons) == K and cons["municipality_code"].is_unique
    assert set(cons["period_from"]) == {"2016-2017"} and set(cons["period_to"]) == {"2018-2019"}
    assert (cons["direction"] == "better").sum() == K // 2
    assert ((cons["log_odds_shift"] < 0) == (cons["direction"] == "better")).all()
    assert ((cons["expected_change_pp"] < 0) == (cons["direction"] == "better")).all()
    # chosen among the largest municipalities (designed courses)
    mun = multi.states[0].mun
    size = pd.Series(multi.states[0].cohort_cells.sum(axis=1), index=mun["kom"].to_numpy())
    assert size[cons["municipality_code"]].min() >= size.sort_values().iloc[-PLANT_CANDIDATES - 4]
    # the better ones (smaller changes in points) are the larger municipalities
    better = cons.loc[cons["direction"] == "better", "municipality_code"]
    worse = cons.loc[cons["direction"] == "worse", "municipality_code"]
    assert size[better].min() >= size[worse].max()
    # the true effects: shifted exactly there, the same in both periods elsewhere where drawn (no Table 1 row)
    me = truth["municipality_effects"]
    later = me[me["cohort_period"] == "2018-2019"].set_index("kom_kode")
    shifted = later.index[later["planted_log_odds_shift"] != 0]
    assert set(shifted) == set(cons["municipality_code"])
    first = me[me["cohort_period"] == "2016-2017"].set_index("kom_kode")
    drawn = ~mun.set_index("kom")["in_table1"]
    assert np.allclose(first.loc[drawn[drawn].index, "effect"], later.loc[drawn[drawn].index, "effect"])
    # a two-period whole span is the consecutive comparison
    span = pc_[pc_["comparison"] == "whole_span"].drop(columns="comparison").reset_index(drop=True)
    assert span.equals(cons.drop(columns="comparison").reset_index(drop=True))


def test_planted_shares_move_by_the_planted_amount(truth: dict[str, pd.DataFrame]) -> None:
    """Raw shares on benefits at 3 months among the intended analysed courses, per municipality and period:
    the planted municipalities move by about the expected change; the other large ones do not move."""
    c = truth["courses"]
    c = c[c["is_expected_in_cohort"]]
    s = c.groupby(["kom_kode", "cohort_period"]).agg(
        n=("on_benefits_3m", "size"), share=("on_benefits_3m", "mean"), p=("true_probability_3m", "mean")
    )
    s = s.unstack("cohort_period")  # noqa: PD010 (one column per period and figure)
    move = 100 * (s[("share", "2018-2019")] - s[("share", "2016-2017")])
    p_move = 100 * (s[("p", "2018-2019")] - s[("p", "2016-2017")])
    n = s[("n", "2018-2019")].combine(s[("n", "2016-2017")], min)
    planted = truth["planted_changes"].query("comparison == 'consecutive'").set_index("municipality_code")
    for kom, r in planted.iterrows():
        # systematic sampling: a share is its mean probability within a course or so
        tol = 1.0 + 1.5 * 100 / n[kom]
        assert abs(move[kom] - r.expected_change_pp) < tol, (kom, move[kom], r.expected_change_pp)
        assert abs(p_move[kom] - r.expected_change_pp) < 2.0, (kom, p_move[kom], r.expected_change_pp)
        assert abs(r.expected_change_pp) > tol  # the test can tell a planted change from none
    others = n[(n >= 40) & ~n.index.isin(planted.index)].index
    assert len(others) >= 4
    for kom in others:
        assert abs(move[kom]) < 1.0 + 1.5 * 100 / n[kom], (kom, move[kom])
        assert abs(p_move[kom]) < 2.0, (kom, p_move[kom])


def test_written_extract_is_merged(tmp_path) -> None:
    out = tmp_path / "raw"
    assert (
        main(["--scale", "0.02", "--no-progress", "--start-years", *map(str, YEARS), "--out", str(out)]) == 0
    )
    success = (out / "_SUCCESS").read_text()
    assert "start_years=2016 2017 2018 2019" in success and "plant_changes" not in success
    assert (out / "lpr_a_kontakt" / "part-0.parquet").exists()
    assert (out / "_truth" / "planted_changes.parquet").exists()
    assert Period((2018, 2019)).padding_weeks() == ["y_2053"]


def test_truth_names_each_periods_own_years(truth: dict[str, pd.DataFrame]) -> None:
    """A later period's truth speaks of its own years (start-year levels, GES quality years)."""
    co = truth["coefficients"]
    levels = co[co["variable"] == "start_year"].groupby("cohort_period")["level"].apply(sorted).to_dict()
    assert levels == {"2016-2017": ["2016", "2017"], "2018-2019": ["2018", "2019"]}
    c = truth["courses"]
    assert set(c.loc[c["cohort_period"] == "2018-2019", "start_year"]) == {"2018", "2019"}
    assert set(truth["ges_quality"]["year"]) == set(YEARS)


def _residual_z(courses: pd.DataFrame) -> pd.Series:
    """Per municipality (≥ 10 courses a period): the change in share − mean true probability between the
    periods over its binomial standard error."""
    c = courses[courses["is_expected_in_cohort"]]
    s = c.groupby(["kom_kode", "cohort_period"]).agg(
        n=("on_benefits_3m", "size"), y=("on_benefits_3m", "mean"), p=("true_probability_3m", "mean")
    )
    s = s.unstack("cohort_period").dropna()  # noqa: PD010 (one column per period and figure)
    a, b = "2016-2017", "2018-2019"
    change = (s[("y", b)] - s[("p", b)]) - (s[("y", a)] - s[("p", a)])
    var = sum(s[("p", x)] * (1 - s[("p", x)]) / s[("n", x)] for x in (a, b))
    z = change / np.sqrt(var)
    return z[(s[("n", a)] >= 10) & (s[("n", b)] >= 10)]


def test_binomial_outcome_gives_municipal_shares_binomial_noise(truth: dict[str, pd.DataFrame]) -> None:
    """Default (systematic sampling): a municipality's share is its mean probability within a course, so a
    change test on the generated data has (almost) no noise; --binomial-outcome draws independently, for a
    realistic false-alarm rate."""
    planted = set(truth["planted_changes"]["municipality_code"])
    systematic = _residual_z(truth["courses"])
    systematic = systematic[~systematic.index.isin(planted)]
    g = Generator(SCALE, 42, progress=False, start_years=YEARS, binomial_outcome=True)
    binomial = _residual_z(g.draw().truth["courses"].to_pandas())
    assert len(systematic) >= 40 and len(binomial) >= 40
    assert systematic.std() < 0.4 < 0.6 < binomial.std()
