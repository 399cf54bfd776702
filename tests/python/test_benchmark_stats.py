"""rtw_stats (METHOD §6–8) against statsmodels and hand calculations, on a fixed synthetic fixture."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from sklearn.metrics import roc_auc_score

from rtw_stats import diagnostics, logit, pipeline, ranking
from rtw_stats.degenerate import DegenerateDataError
from rtw_stats.design import build_design

TRUE_COEF = {"a=1": 0.8, "b=1": -0.5, "b=2": 0.4, "c=x": 1.1, "c=y": -0.7, "c=z": 0.3}


@pytest.fixture(scope="module")
def fixture_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """3 000 rows, one binary and two categorical variables, 8 municipalities."""
    rng = np.random.default_rng(20200101)
    n = 3000
    frame = pd.DataFrame(
        {
            "course_id": [f"c{i:05d}" for i in range(n)],
            "municipality_code": rng.integers(101, 109, n),
            "horizon_month": 3,
            "a": rng.choice(["0", "1"], n, p=[0.6, 0.4]),
            "b": rng.choice(["0", "1", "2"], n, p=[0.5, 0.3, 0.2]),
            "c": rng.choice(["w", "x", "y", "z"], n, p=[0.4, 0.2, 0.2, 0.2]),
        }
    )
    eta = -1.2 + sum(
        coef * (frame[key.split("=")[0]] == key.split("=")[1]) for key, coef in TRUE_COEF.items()
    )
    eta = eta + 0.1 * (frame["municipality_code"] - 104.5)
    frame["is_on_benefits"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    levels = pd.DataFrame(
        [
            ("a", 1, "0", 1, True),
            ("a", 1, "1", 2, False),
            ("b", 2, "0", 1, True),
            ("b", 2, "1", 2, False),
            ("b", 2, "2", 3, False),
            ("c", 3, "w", 1, True),
            ("c", 3, "x", 2, False),
            ("c", 3, "y", 3, False),
            ("c", 3, "z", 4, False),
        ],
        columns=["variable_name", "variable_order", "level_value", "level_order", "is_reference"],
    )
    return frame, levels


@pytest.fixture(scope="module")
def fitted(fixture_data):
    frame, levels = fixture_data
    design = build_design(frame, levels)
    y = frame["is_on_benefits"].to_numpy(float)
    fit = logit.fit_logit(design.x, y, [f"{v}={lvl}" for v, lvl in design.columns])
    sm_fit = sm.Logit(y, sm.add_constant(design.x)).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
    return frame, design, y, fit, sm_fit


def test_design_has_one_column_per_non_reference_level(fitted):
    _, design, _, _, _ = fitted
    assert [f"{v}={lvl}" for v, lvl in design.columns] == list(TRUE_COEF)
    assert design.groups == [[0], [1, 2], [3, 4, 5]]
    assert design.dropped == {}


def test_coefficients_equal_statsmodels(fitted):
    _, _, _, fit, sm_fit = fitted
    np.testing.assert_allclose(fit.coef, sm_fit.params, atol=1e-6, rtol=0)


def test_standard_errors_z_p_equal_statsmodels(fitted):
    _, _, _, fit, sm_fit = fitted
    wald = logit.wald(fit)
    np.testing.assert_allclose(wald["std_error"], sm_fit.bse, atol=1e-6, rtol=0)
    np.testing.assert_allclose(wald["z"], sm_fit.tvalues, atol=1e-5, rtol=0)
    np.testing.assert_allclose(wald["p_value"], sm_fit.pvalues, atol=1e-6, rtol=0)
    ci = np.exp(sm_fit.conf_int(0.05))
    np.testing.assert_allclose(wald["odds_ratio_low"], ci[:, 0], rtol=1e-6)
    np.testing.assert_allclose(wald["odds_ratio_high"], ci[:, 1], rtol=1e-6)


def test_ame_of_a_binary_variable_equals_statsmodels_margeff(fitted):
    _, design, _, fit, sm_fit = fitted
    ame, ame_se = logit.average_marginal_effects(fit, design.x, design.groups)
    margeff = sm_fit.get_margeff(at="overall", method="dydx", dummy=True)
    # Column 0 (a=1) is a one-dummy group, where "against the reference" = statsmodels' discrete change.
    assert ame[0] == pytest.approx(margeff.margeff[0], abs=1e-6)
    assert ame_se[0] == pytest.approx(margeff.margeff_se[0], abs=1e-6)


def test_ame_of_a_multilevel_variable_is_against_the_reference(fitted):
    _, design, _, fit, _ = fitted
    ame, ame_se = logit.average_marginal_effects(fit, design.x, design.groups)
    x0 = design.x.copy()
    x0[:, [3, 4, 5]] = 0
    x1 = x0.copy()
    x1[:, 4] = 1
    by_hand = np.mean(logit.expit(fit.design(x1) @ fit.coef) - logit.expit(fit.design(x0) @ fit.coef))
    assert ame[4] == pytest.approx(by_hand, abs=1e-12)
    # Delta-method SE against a numerical gradient.
    eps = 1e-6
    grad = np.zeros_like(fit.coef)
    for k in range(len(fit.coef)):
        b = fit.coef.copy()
        b[k] += eps
        up = np.mean(logit.expit(fit.design(x1) @ b) - logit.expit(fit.design(x0) @ b))
        grad[k] = (up - by_hand) / eps
    assert ame_se[4] == pytest.approx(np.sqrt(grad @ fit.cov @ grad), rel=1e-4)


def test_maximum_likelihood_identity(fitted):
    """Σ(observed − expected) = 0 overall and within every dummy level (score equations)."""
    _, design, y, fit, _ = fitted
    assert abs(np.sum(y - fit.p_hat)) < 1e-6
    np.testing.assert_allclose(design.x.T @ (y - fit.p_hat), 0, atol=1e-6)


def test_stars():
    assert [logit.stars(p) for p in (0.001, 0.01, 0.049, 0.05, 0.09, 0.1, np.nan)] == [
        "***",
        "**",
        "**",
        "*",
        "*",
        "",
        "",
    ]


def test_fit_diagnostics(fitted):
    _, _, y, fit, sm_fit = fitted
    p = fit.p_hat
    assert diagnostics.auc(y, p) == pytest.approx(roc_auc_score(y, sm_fit.predict()), abs=1e-9)
    brier, scaled = diagnostics.brier(y, p)
    assert brier == pytest.approx(np.mean((y - p) ** 2))
    assert scaled == pytest.approx(1 - brier / (y.mean() * (1 - y.mean())))
    a, b = diagnostics.calibration_intercept_slope(y, p)
    assert a == pytest.approx(0, abs=1e-6)  # in-sample ML fit: calibrated in the large
    assert b == pytest.approx(1, abs=1e-6)
    chi2, df, p_value = diagnostics.hosmer_lemeshow(y, p)
    assert df == 8 and chi2 >= 0 and 0 <= p_value <= 1
    table = diagnostics.calibration_table(y, p)
    assert [r["decile"] for r in table] == list(range(1, 11))
    assert sum(r["persons"] for r in table) == len(y)
    assert sum(r["observed"] for r in table) == y.sum()
    assert max(r["persons"] for r in table) - min(r["persons"] for r in table) <= 1


def test_hosmer_lemeshow_detects_miscalibration(fitted):
    _, _, y, fit, _ = fitted
    bad = np.clip(fit.p_hat * 1.6, 0.001, 0.999)
    assert diagnostics.hosmer_lemeshow(y, bad)[2] < 0.001


def test_calibration_slope_detects_overfitting(fitted):
    _, _, y, fit, _ = fitted
    lp = np.log(fit.p_hat / (1 - fit.p_hat))
    _, slope = diagnostics.calibration_intercept_slope(y, logit.expit(2 * lp))
    assert slope == pytest.approx(0.5, abs=1e-6)


def test_bootstrap_is_seeded_and_sane():
    ind = np.array([-0.05, -0.01, 0.0, 0.02, 0.06])
    se = np.array([0.001, 0.005, 0.005, 0.005, 0.001])
    one = ranking.bootstrap_ranks(ind, se, draws=2000, seed=7, top_n=1)
    two = ranking.bootstrap_ranks(ind, se, draws=2000, seed=7, top_n=1)
    pd.testing.assert_frame_equal(one, two)
    assert one["rank"].tolist() == [1, 2, 3, 4, 5]
    assert one.loc[0, "probability_top"] == 1.0 and one.loc[4, "probability_bottom"] == 1.0
    assert (one["rank_low"] <= one["rank"]).all() and (one["rank"] <= one["rank_high"]).all()
    assert one.loc[2, "rank_low"] < one.loc[2, "rank_high"]


def test_fixed_effects_recover_a_pure_municipality_effect():
    """No case-mix effect, municipality effects only: the direct-standardised share of a municipality is
    its own observed share (saturated model), so the effect is its share minus the national share."""
    rng = np.random.default_rng(3)
    muni = np.repeat([1, 2, 3], [400, 300, 300])
    y = (rng.random(1000) < np.array([0.2, 0.3, 0.4])[muni - 1]).astype(float)
    x = np.zeros((1000, 0))
    out = ranking.fixed_effects_direct_standardisation(x, y, muni)
    for code in (1, 2, 3):
        assert out.loc[code, "effect"] == pytest.approx(y[muni == code].mean() - y.mean(), abs=1e-6)


def test_design_drops_degenerate_levels():
    frame = pd.DataFrame(
        {
            "is_on_benefits": [0, 1, 0, 1, 0, 0],
            "v": ["r", "r", "r", "r", "s", "s"],  # level s: outcome all 0 -> separation
            "w": ["r", "r", "r", "r", "r", "r"],  # level t absent -> no variation
            "u": ["r", "r", "q", "q", "s", "s"],  # u=s equals v=s -> collinear (after v=s dropped: kept)
        }
    )
    levels = pd.DataFrame(
        [
            ("v", 1, "r", 1, True),
            ("v", 1, "s", 2, False),
            ("w", 2, "r", 1, True),
            ("w", 2, "t", 2, False),
            ("u", 3, "r", 1, True),
            ("u", 3, "q", 2, False),
            ("u", 3, "s", 3, False),
        ],
        columns=["variable_name", "variable_order", "level_value", "level_order", "is_reference"],
    )
    design = build_design(frame, levels)
    assert design.dropped == {("v", "s"): "separation", ("w", "t"): "no variation", ("u", "s"): "separation"}
    assert design.columns == [("u", "q")]


def test_pipeline_long_table(fixture_data):
    frame, levels = fixture_data
    both = pd.concat([frame, frame.assign(horizon_month=6)], ignore_index=True)
    out = pipeline.run(both, levels, [3, 6], seed=1, draws=200, top_n=3, cv_folds=5)
    assert set(out["horizon_month"]) == {3, 6}
    pred = out[(out["record_kind"] == "prediction") & (out["horizon_month"] == 3)]
    assert len(pred) == len(frame) and pred["value"].between(0, 1, inclusive="neither").all()
    coef = out[(out["record_kind"] == "coefficient") & (out["metric"] == "estimate")]
    assert len(coef) == 2 * (1 + len(TRUE_COEF))
    fit = out[(out["record_kind"] == "fit") & (out["horizon_month"] == 3)].set_index("metric")
    assert fit.loc["persons", "value"] == len(frame)
    assert fit.loc["sklearn_version", "text_value"]
    muni = out[(out["record_kind"] == "municipality") & (out["metric"] == "fixed_effect_pp")]
    assert muni["value"].notna().all()
    again = pipeline.run(both, levels, [3, 6], seed=1, draws=200, top_n=3, cv_folds=5)
    pd.testing.assert_frame_equal(out, again)


def test_pipeline_empty_input_stops_with_a_message(fixture_data):
    frame, levels = fixture_data
    with pytest.raises(DegenerateDataError, match="horizon 3: no analysed courses") as err:
        pipeline.run(frame.iloc[0:0], levels, [3], seed=1, draws=10, top_n=3)
    stop = pipeline.stop_frame(err.value)
    assert list(stop.columns) == list(pipeline.COLUMNS)
    assert stop["record_kind"].tolist() == ["stop"] and stop["horizon_month"].tolist() == [3]


@pytest.fixture(scope="module")
def separated_data(fixture_data) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixture plus
    - d=1: 3 persons, outcome 1, 0, 0: estimable in the full data, but separated (outcome all 0) in the
      training fold that holds out its one event;
    - e=1: 5 persons, outcome all 0: separated in every fit;
    - g: a municipality-level variable (constant within municipality), collinear with the municipality
      dummies of the fixed-effects model."""
    frame, levels = fixture_data
    frame = frame.copy()
    frame["d"] = "0"
    frame["e"] = "0"
    ones = frame.index[frame["is_on_benefits"] == 1][:1].tolist()
    zeros = frame.index[frame["is_on_benefits"] == 0][:8].tolist()
    frame.loc[ones + zeros[:2], "d"] = "1"
    frame.loc[zeros[2:7], "e"] = "1"
    frame["g"] = np.where(frame["municipality_code"] <= 104, "lo", "hi")
    extra = pd.DataFrame(
        [
            ("d", 4, "0", 1, True),
            ("d", 4, "1", 2, False),
            ("e", 5, "0", 1, True),
            ("e", 5, "1", 2, False),
            ("g", 6, "lo", 1, True),
            ("g", 6, "hi", 2, False),
        ],
        columns=levels.columns,
    )
    return frame, pd.concat([levels, extra], ignore_index=True)


def test_separated_dummies_are_left_out_without_any_warning(separated_data):
    """Separation (in the full data, in a CV training fold) and collinearity with the municipality dummies
    (fixed-effects model) are screened out before fitting: no ConvergenceWarning, no LinAlgWarning."""
    frame, levels = separated_data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = pipeline.run(frame, levels, [3], seed=1, draws=200, top_n=3, cv_folds=5)
    coef = out[out["record_kind"] == "coefficient"].set_index(["variable_name", "level_value", "metric"])
    assert coef.loc[("e", "1", "is_estimable"), "value"] == 0.0
    assert coef.loc[("e", "1", "reason_not_estimated"), "text_value"] == "separation"
    assert coef.loc[("d", "1", "is_estimable"), "value"] == 1.0
    fit = out[out["record_kind"] == "fit"].set_index("metric")
    assert fit.loc["cv_levels_not_estimated", "value"] >= 1  # d=1 in the fold without its event
    assert fit.loc["fixed_effects_levels_not_estimated", "value"] == 1  # g=hi, absorbed by municipality
    assert fit.loc["fixed_effects_levels_not_estimated_list", "text_value"] == "g=hi (collinear)"
    muni = out[(out["record_kind"] == "municipality") & (out["metric"] == "fixed_effect_pp")]
    assert muni["value"].notna().all()


def test_cv_leaves_a_fold_separated_dummy_out(separated_data):
    frame, levels = separated_data
    design = build_design(frame, levels)
    y = frame["is_on_benefits"].to_numpy(float)
    d = design.columns.index(("d", "1"))
    left_out: dict[int, dict[int, str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = diagnostics.cross_validated_predictions(design.x, y, 5, 1, left_out=left_out)
    assert np.isfinite(p).all() and ((p > 0) & (p < 1)).all()
    assert {f: r[d] for f, r in left_out.items() if d in r} != {}
    assert all(reason == "separation" for r in left_out.values() for reason in r.values())


def test_fixed_effects_absorb_a_municipality_level_variable(separated_data):
    frame, levels = separated_data
    design = build_design(frame, levels)
    y = frame["is_on_benefits"].to_numpy(float)
    left_out: dict[int, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = ranking.fixed_effects_direct_standardisation(
            design.x, y, frame["municipality_code"].to_numpy(), left_out=left_out
        )
    assert left_out == {design.columns.index(("g", "hi")): "collinear"}
    assert out["effect"].notna().all()


def test_a_singular_design_is_an_error_naming_model_variable_and_level():
    """A fit the screen did not make well-posed (here: a duplicated column, singular Hessian) raises a
    message naming the model and the collinear terms instead of printing scikit-learn's warning."""
    rng = np.random.default_rng(5)
    a = (rng.random(500) < 0.5).astype(float)
    y = (rng.random(500) < 0.3 + 0.3 * a).astype(float)
    with pytest.raises(DegenerateDataError, match="test model, horizon 3: the design is singular") as err:
        logit.fit_logit(
            np.column_stack([a, a]), y, ["sex=woman", "sex=female"], label="test model, horizon 3"
        )
    assert "variable sex, level woman" in str(err.value) and "variable sex, level female" in str(err.value)


# METHOD §8.10: several cohort periods — the per-period fits and the pooled fit with period terms.


@pytest.fixture(scope="module")
def two_periods(fixture_data) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fixture as two cohort periods with a true period effect of +0.5 (logit scale) in the second."""
    frame, levels = fixture_data
    rng = np.random.default_rng(7)
    frame = frame.copy()
    frame["cohort_period"] = np.where(np.arange(len(frame)) % 2 == 0, "2016-2017", "2018-2019")
    eta = -1.2 + sum(
        coef * (frame[key.split("=")[0]] == key.split("=")[1]) for key, coef in TRUE_COEF.items()
    )
    eta = eta + 0.5 * (frame["cohort_period"] == "2018-2019")
    frame["is_on_benefits"] = (rng.random(len(frame)) < 1 / (1 + np.exp(-eta))).astype(int)
    both = pd.concat([levels.assign(cohort_period=p) for p in ["2016-2017", "2018-2019"]], ignore_index=True)
    return frame, both


def test_one_period_gives_exactly_the_single_period_figures(fixture_data):
    frame, levels = fixture_data
    single = pipeline.run(frame, levels, [3], seed=1, draws=200, top_n=3, cv_folds=5)
    out = pipeline.run_periods(
        frame.assign(cohort_period="2016-2017"),
        levels.assign(cohort_period="2016-2017"),
        [3],
        ["2016-2017"],
        3,
        seed=1,
        draws=200,
        top_n=3,
        cv_folds=5,
    )
    per_period = out[out["fit"] == "per_period"].drop(columns=["cohort_period", "fit"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(per_period, single.drop(columns=["cohort_period", "fit"]))
    pooled = out[out["fit"] == "pooled"]
    # One period: the period variable has only its reference level, so the pooled fit is the same model.
    pooled_p = pooled[pooled["record_kind"] == "prediction"].set_index("course_id")["value"]
    single_p = single[single["record_kind"] == "prediction"].set_index("course_id")["value"]
    np.testing.assert_allclose(pooled_p.loc[single_p.index].to_numpy(), single_p.to_numpy(), atol=1e-9)


def test_pooled_fit_equals_statsmodels_with_a_period_dummy(two_periods):
    frame, levels = two_periods
    out = pipeline.run_periods(
        frame, levels, [3], ["2016-2017", "2018-2019"], 3, seed=1, draws=100, top_n=3, cv_folds=0
    )
    pooled = out[(out["fit"] == "pooled") & (out["record_kind"] == "coefficient")]
    est = pooled[pooled["metric"] == "estimate"].set_index(["variable_name", "level_value"])["value"]
    se = pooled[pooled["metric"] == "std_error"].set_index(["variable_name", "level_value"])["value"]
    design = build_design(frame, levels[levels["cohort_period"] == "2016-2017"])
    x = np.column_stack([design.x, (frame["cohort_period"] == "2018-2019").to_numpy(float)])
    y = frame["is_on_benefits"].to_numpy(float)
    sm_fit = sm.Logit(y, sm.add_constant(x)).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
    keys = [("(intercept)", "(intercept)"), *design.columns, ("start_year", "2018-2019")]
    np.testing.assert_allclose(est.loc[keys].to_numpy(), sm_fit.params, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(se.loc[keys].to_numpy(), sm_fit.bse, rtol=1e-5)
    # The planted period effect (+0.5) is recovered within 3 standard errors.
    assert abs(est.loc[("start_year", "2018-2019")] - 0.5) < 3 * se.loc[("start_year", "2018-2019")]
    # Per period and municipality: observed = Σy, expected = Σp of the pooled predictions; within each period
    # Σ(observed − expected) = 0 (the period dummy's ML identity), and the reference-level expectation is
    # lower in the second period (the period effect removed).
    muni = out[(out["fit"] == "pooled") & (out["record_kind"] == "municipality")]
    wide = muni.pivot_table(index=["cohort_period", "municipality_code"], columns="metric", values="value")
    sums = wide.groupby(level=0)[["observed", "expected", "expected_reference", "persons"]].sum()
    np.testing.assert_allclose(sums["observed"], sums["expected"], atol=1e-6)
    np.testing.assert_allclose(sums.loc["2016-2017", "expected_reference"], sums.loc["2016-2017", "expected"])
    assert sums.loc["2018-2019", "expected_reference"] < sums.loc["2018-2019", "expected"]
    assert sums["persons"].sum() == len(frame)
    assert wide["rank_low"].notna().all() and (wide["rank_low"] <= wide["rank_high"]).all()
    per_period = out[
        (out["fit"] == "per_period") & (out["record_kind"] == "fit") & (out["metric"] == "persons")
    ]
    assert per_period.set_index("cohort_period")["value"].to_dict() == {"2016-2017": 1500, "2018-2019": 1500}


def test_a_degenerate_period_stops_naming_the_period(two_periods):
    frame, levels = two_periods
    frame = frame.copy()
    frame.loc[frame["cohort_period"] == "2018-2019", "is_on_benefits"] = 0
    with pytest.raises(DegenerateDataError, match="too few events") as err:
        pipeline.run_periods(
            frame, levels, [3], ["2016-2017", "2018-2019"], 3, seed=1, draws=10, top_n=3, cv_folds=0
        )
    stop = pipeline.stop_frame(err.value)
    assert stop["text_value"].iloc[0].startswith("cohort period 2018-2019 (per_period fit): ")
    assert stop["cohort_period"].tolist() == ["2018-2019"] and stop["horizon_month"].tolist() == [3]
    # One period (the default build): the single-period message, unchanged.
    second = frame[frame["cohort_period"] == "2018-2019"]
    with pytest.raises(DegenerateDataError) as err:
        pipeline.run_periods(second, levels, [3], ["2018-2019"], 3, seed=1, draws=10, top_n=3, cv_folds=0)
    assert (
        pipeline.stop_frame(err.value)["text_value"].iloc[0].startswith("benchmark model, horizon 3: too few")
    )


def test_one_blas_thread_limits_every_blas_pool():
    """The Python models set numpy's BLAS to one thread (rtw_stats.one_blas_thread); a run beside another dbt
    thread was 10x slower with OpenBLAS's own threads."""
    from threadpoolctl import threadpool_info

    from rtw_stats import one_blas_thread

    one_blas_thread()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
