"""rtw_stats.sensitivity (METHOD §8.8): the cheap refits agree with the main model where nothing changes,
leave out the frame variables only in their analysis, and report a refit the data do not allow instead of
stopping the build."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rtw_stats import pipeline, sensitivity


@pytest.fixture(scope="module")
def data() -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(7)
    n = 2000
    frame = pd.DataFrame(
        {
            "course_id": [f"c{i:05d}" for i in range(n)],
            "municipality_code": rng.integers(101, 107, n),
            "horizon_month": 3,
            "a": rng.choice(["0", "1"], n, p=[0.6, 0.4]),
            "d": rng.choice(["lo", "hi"], n),
        }
    )
    eta = -1.0 + 0.9 * (frame["a"] == "1") + 0.6 * (frame["d"] == "hi")
    frame["is_on_benefits"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    levels = pd.DataFrame(
        [("a", 1, "0", 1, True), ("a", 1, "1", 2, False), ("d", 2, "lo", 1, True), ("d", 2, "hi", 2, False)],
        columns=["variable_name", "variable_order", "level_value", "level_order", "is_reference"],
    )
    return frame, levels


def test_refit_without_changes_equals_the_main_model(data):
    frame, levels = data
    main = pipeline.run(frame, levels, [3], seed=1, draws=10, top_n=3, cv_folds=0)
    pred = main[main["record_kind"] == "prediction"].groupby("municipality_code")["value"].sum()
    refit = sensitivity.run(frame.assign(analysis="same"), levels, horizon=3, frame_variables=("d",))
    refit = refit.set_index("municipality_code")
    np.testing.assert_allclose(refit.loc[pred.index, "expected"].to_numpy(), pred.to_numpy(), rtol=1e-8)
    by_code = frame.groupby("municipality_code")
    assert refit["persons"].astype(int).to_dict() == by_code.size().to_dict()
    assert refit["observed"].astype(int).to_dict() == by_code["is_on_benefits"].sum().to_dict()
    assert (refit["variables_left_out"] == "").all()


def test_frame_variables_left_out_only_in_their_analysis(data):
    frame, levels = data
    both = pd.concat([frame.assign(analysis="other"), frame.assign(analysis="frame_conditions_dropped")])
    out = sensitivity.run(both, levels, horizon=3, frame_variables=("d",))
    other = out[out["analysis"] == "other"].set_index("municipality_code")
    dropped = out[out["analysis"] == "frame_conditions_dropped"].set_index("municipality_code")
    assert (dropped["variables_left_out"] == "d").all() and (other["variables_left_out"] == "").all()
    # without d every course of a municipality has the national share given a: expected changes
    assert not np.allclose(other["expected"], dropped["expected"])
    # totals still add up: sum of predictions = events (ML with intercept)
    assert dropped["expected"].sum() == pytest.approx(dropped["observed"].sum(), rel=1e-6)


def test_an_analysis_the_data_do_not_allow_is_reported_not_raised(data):
    frame, levels = data
    bad = frame.assign(analysis="bad", is_on_benefits=0)
    out = sensitivity.run(
        pd.concat([frame.assign(analysis="ok"), bad]), levels, horizon=3, frame_variables=()
    )
    bad_rows = out[out["analysis"] == "bad"]
    assert len(bad_rows) == 1 and bad_rows["municipality_code"].isna().all()
    assert "too few events" in bad_rows["not_estimated_reason"].iloc[0]
    assert out[out["analysis"] == "ok"]["not_estimated_reason"].isna().all()
