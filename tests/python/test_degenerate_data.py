"""Degenerate data (issue: "never a traceback"): small cohorts, separation by a combination of levels, one
municipality, too few events. Each either merges a level (documented, listed) or stops with a message that
names the horizon and, where there is one, variable and level (rtw_stats.degenerate)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from rtw_stats import logit, pipeline
from rtw_stats.degenerate import DegenerateDataError, separating_direction

# Three yes/no variables a, b, c, each with reference level "0".
LEVELS = pd.DataFrame(
    [(v, i, level, j + 1, j == 0) for i, v in enumerate("abc", 1) for j, level in enumerate("01")],
    columns=["variable_name", "variable_order", "level_value", "level_order", "is_reference"],
)


def _frame(n: int = 400, seed: int = 11) -> pd.DataFrame:
    """a, b, c binary, 6 municipalities. Everybody with a = 1, b = 0 is on benefits, nobody with a = 0,
    b = 1; the other combinations are mixed. Each of a = 1 and b = 1 alone has both outcomes (the
    per-level screen does not see it), but a - b separates: the ML estimates of a and b are infinite."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "course_id": [f"c{i:04d}" for i in range(n)],
            "municipality_code": rng.integers(101, 107, n),
            "horizon_month": 3,
            "a": rng.choice(["0", "1"], n),
            "b": rng.choice(["0", "1"], n),
            "c": rng.choice(["0", "1"], n),
        }
    )
    mixed = (rng.random(n) < 0.3).astype(int)
    only_a = (frame["a"] == "1") & (frame["b"] == "0")
    only_b = (frame["a"] == "0") & (frame["b"] == "1")
    frame["is_on_benefits"] = np.where(only_a, 1, np.where(only_b, 0, mixed))
    return frame


def test_the_linear_programme_finds_a_separating_combination() -> None:
    frame = _frame()
    x = np.column_stack([(frame[v] == "1").to_numpy(float) for v in "abc"])
    y = frame["is_on_benefits"].to_numpy(float)
    direction = separating_direction(x, y)
    assert direction is not None
    assert abs(direction[1]) > 0 and abs(direction[2]) > 0 and abs(direction[3]) < 1e-9  # a and b, not c
    rng = np.random.default_rng(3)
    assert separating_direction(x, (rng.random(len(y)) < 0.3).astype(float)) is None


def test_a_separating_combination_is_merged_listed_and_the_build_goes_on() -> None:
    frame = _frame()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no solver warning, no overflow
        out = pipeline.run(frame, LEVELS, [3], seed=1, draws=50, top_n=3, cv_folds=5)
    coef = out[out["record_kind"] == "coefficient"].set_index(["variable_name", "level_value", "metric"])
    reasons = {
        v: coef.loc[(v, "1", "reason_not_estimated"), "text_value"]
        for v in "ab"
        if (v, "1", "reason_not_estimated") in coef.index
    }
    assert list(reasons.values()) == ["separation"]  # one of the two is merged, once
    assert coef.loc[("c", "1", "is_estimable"), "value"] == 1.0
    estimates = coef.xs("estimate", level="metric")["value"]
    assert np.isfinite(estimates.dropna()).all() and estimates.abs().max() < 30
    fit = out[out["record_kind"] == "fit"].set_index("metric")
    assert fit.loc["levels_not_estimated", "value"] == 1
    assert np.isfinite(fit.loc["log_likelihood", "value"])
    pred = out[out["record_kind"] == "prediction"]["value"]
    assert pred.between(0, 1, inclusive="neither").all()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda f: f.assign(is_on_benefits=0), ["horizon 3", "too few events", "0 of 400", "on benefits"]),
        (lambda f: f.iloc[:12], ["horizon 3", "too few events", "of 12", "benchmark_min_events"]),
        (lambda f: f.assign(municipality_code=101), ["horizon 3", "only 1 analysed municipality"]),
        (lambda f: f[f["horizon_month"] == 6], ["horizon 3", "no analysed courses"]),
    ],
    ids=["no events", "too few events", "one municipality", "no courses"],
)
def test_degenerate_horizons_stop_with_a_message(change, words) -> None:
    frame = _frame()
    with pytest.raises(DegenerateDataError) as err:
        pipeline.run(change(frame), LEVELS, [3], seed=1, draws=20, top_n=3, min_events=10)
    for word in words:
        assert word in str(err.value)
    assert err.value.horizon == 3
    assert "Traceback" not in str(err.value)


def test_separation_by_a_municipality_alone_is_named() -> None:
    """The fixed-effects fit gets municipality dummies as columns that are never merged: if they alone
    separate, the error names the municipality."""
    rng = np.random.default_rng(4)
    municipality = np.repeat([1.0, 0.0], [50, 150])
    y = np.where(municipality == 1, 1.0, (rng.random(200) < 0.3).astype(float))
    with pytest.raises(DegenerateDataError, match="separated by variable municipality, level 7"):
        logit.fit_screened(
            np.zeros((200, 0)),
            y,
            [],
            "fixed-effects model, horizon 3",
            base=municipality[:, None],
            base_names=["municipality=7"],
        )
