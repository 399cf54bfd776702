"""Everything the dbt Python model `benchmark_model_results` returns, as one long table.

One row per (horizon_month, record_kind, key, metric) with a numeric `value` (or `text_value`):
- coefficient: variable_name, level_value, term_order; metrics estimate, std_error, z, p_value,
  odds_ratio(_low/_high), ame, ame_std_error (probability scale), is_estimable; text: stars, reason.
- fit: metric per model-fit figure; text rows for the scikit-learn version and settings.
- calibration: term_order = risk decile; metrics persons, observed, expected, shares, min/max predicted.
- prediction: course_id, municipality_code; metric predicted_probability.
- municipality: municipality_code; bootstrap rank figures and the fixed-effects robustness figures.
- stop: only row when the data do not allow the model (stop_frame; rtw_stats.degenerate).

Several cohort periods (METHOD §8.10, run_periods): every row carries `cohort_period` and `fit` — 'per_period'
rows are the model above fitted on each period alone (the report's way); 'pooled' rows are ONE fit over all
periods at the pooled horizon (fit_pooled), with common case-mix coefficients and the period as a term.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import scipy
import sklearn

from rtw_stats import diagnostics, logit, ranking
from rtw_stats.degenerate import DegenerateDataError, check_outcomes
from rtw_stats.design import build_design

# Fewest events (and non-events) a horizon needs before a model is fitted (var benchmark_min_events).
MIN_EVENTS = 10

# pandas "string" columns become VARCHAR in DuckDB also when empty or all-NULL (object would not).
COLUMNS = {
    "cohort_period": "string",
    "fit": "string",
    "horizon_month": "int64",
    "record_kind": "string",
    "course_id": "string",
    "municipality_code": "Int64",
    "variable_name": "string",
    "level_value": "string",
    "term_order": "Int64",
    "metric": "string",
    "value": "float64",
    "text_value": "string",
}


def _indicators_and_ranks(
    y: np.ndarray, p: np.ndarray, muni: np.ndarray, *, draws: int, seed: int, top_n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per municipality the indicator and its standard error (§6.3) and the seeded bootstrap ranks (§8.4),
    both indexed by municipality code."""
    ind = ranking.municipality_indicators(y, p, muni)
    boot = ranking.bootstrap_ranks(
        ind["indicator"].to_numpy(), ind["std_error"].to_numpy(), draws=draws, seed=seed, top_n=top_n
    )
    boot.index = ind.index
    return ind, boot


def _rows(horizon: int, kind: str, metrics: dict[str, float], **keys) -> list[dict]:
    out = []
    for metric, value in metrics.items():
        row = {"horizon_month": horizon, "record_kind": kind, "metric": metric, **keys}
        if isinstance(value, str):
            row["text_value"] = value
        else:
            row["value"] = float(value) if value is not None and np.isfinite(value) else np.nan
        out.append(row)
    return out


def fit_horizon(
    frame: pd.DataFrame,
    levels: pd.DataFrame,
    horizon: int,
    *,
    seed: int,
    draws: int,
    top_n: int,
    cv_folds: int,
    min_events: int = MIN_EVENTS,
) -> list[dict]:
    """The long-table rows of one horizon; DegenerateDataError (naming the horizon and, where there is one,
    variable and level) when the data do not allow the model (rtw_stats.degenerate)."""
    rows: list[dict] = []
    frame = frame.sort_values("course_id", kind="mergesort").reset_index(drop=True)
    y = frame["is_on_benefits"].to_numpy(dtype=float)
    muni = frame["municipality_code"].to_numpy()
    check_outcomes(y, muni, horizon, min_events)
    design = build_design(frame, levels)
    names = [f"{v}={lvl}" for v, lvl in design.columns]
    fit = logit.fit_logit(design.x, y, names, label=f"benchmark model, horizon {horizon}")
    if fit.merged:
        design = design.without(fit.merged)
        names = [names[j] for j in fit.kept]
    wald = logit.wald(fit)
    ame, ame_se = logit.average_marginal_effects(fit, design.x, design.groups)

    # Coefficients: the intercept, then every non-reference level in the levels table's order.
    order = levels.sort_values(["variable_order", "level_order"]).reset_index(drop=True)
    position = {key: i for i, key in enumerate(design.columns)}
    term_rows = [("(intercept)", "(intercept)", 0, 0)]
    for i, r in enumerate(order.itertuples(index=False), start=1):
        if not r.is_reference:
            term_rows.append((r.variable_name, r.level_value, i, None))
    for variable, level, term_order, _ in term_rows:
        if variable == "(intercept)":
            j = 0
            a, a_se = np.nan, np.nan
        elif (variable, level) in position:
            j = position[(variable, level)] + 1
            a, a_se = ame[j - 1], ame_se[j - 1]
        else:
            rows += _rows(
                horizon,
                "coefficient",
                {
                    "is_estimable": 0.0,
                    "stars": "",
                    "reason_not_estimated": design.dropped.get((variable, level), "not in data"),
                },
                variable_name=variable,
                level_value=level,
                term_order=term_order,
            )
            continue
        metrics = {key: wald[key][j] for key in wald}
        metrics.update(
            {"ame": a, "ame_std_error": a_se, "is_estimable": 1.0, "stars": logit.stars(wald["p_value"][j])}
        )
        rows += _rows(
            horizon, "coefficient", metrics, variable_name=variable, level_value=level, term_order=term_order
        )

    # Model fit.
    p = fit.p_hat
    brier, scaled = diagnostics.brier(y, p)
    hl, hl_df, hl_p = diagnostics.hosmer_lemeshow(y, p)
    cal_a, cal_b = diagnostics.calibration_intercept_slope(y, p)
    loglik = float(np.sum(y * np.log(p) + (1 - y) * np.log1p(-p)))
    fit_metrics: dict[str, float | str] = {
        "persons": fit.n,
        "events": fit.events,
        "parameters": len(fit.coef),
        "levels_not_estimated": len(design.dropped),
        "log_likelihood": loglik,
        "auc": diagnostics.auc(y, p),
        "brier": brier,
        "scaled_brier": scaled,
        "hosmer_lemeshow_chi2": hl,
        "hosmer_lemeshow_df": hl_df,
        "hosmer_lemeshow_p_value": hl_p,
        "calibration_intercept": cal_a,
        "calibration_slope": cal_b,
        "solver_iterations": fit.n_iter,
    }
    if cv_folds >= 2 and len(y) >= 10 * cv_folds:
        cv_left_out: dict[int, dict[int, str]] = {}
        p_cv = diagnostics.cross_validated_predictions(
            design.x,
            y,
            cv_folds,
            seed,
            label=f"benchmark model cross-validation, horizon {horizon}",
            left_out=cv_left_out,
            names=names,
        )
        cv_brier, cv_scaled = diagnostics.brier(y, p_cv)
        cv_a, cv_b = diagnostics.calibration_intercept_slope(y, p_cv)
        fit_metrics.update(
            {
                "cv_auc": diagnostics.auc(y, p_cv),
                "cv_brier": cv_brier,
                "cv_scaled_brier": cv_scaled,
                "cv_calibration_intercept": cv_a,
                "cv_calibration_slope": cv_b,
                "cv_folds": cv_folds,
                # Levels left out of a training fold's fit (summed over folds; separation etc. in the fold).
                "cv_levels_not_estimated": sum(len(r) for r in cv_left_out.values()),
            }
        )

    # Municipalities: bootstrap ranks and the fixed-effects robustness model.
    ind, boot = _indicators_and_ranks(y, p, muni, draws=draws, seed=seed + horizon, top_n=top_n)
    fe_left_out: dict[int, str] = {}
    try:
        fe = ranking.fixed_effects_direct_standardisation(
            design.x,
            y,
            muni,
            label=f"fixed-effects model, horizon {horizon}",
            left_out=fe_left_out,
            names=names,
        )
    except DegenerateDataError as err:
        # The robustness check (METHOD §8) is not estimable on these data: said, not fatal.
        fe = pd.DataFrame(
            index=ind.index, data={"effect": np.nan, "effect_se": np.nan, "standardised": np.nan}
        )
        fit_metrics["fixed_effects_not_estimated_reason"] = str(err)
    fit_metrics["fixed_effects_levels_not_estimated"] = len(fe_left_out)
    fit_metrics["fixed_effects_municipalities_not_estimated"] = int(fe["effect"].isna().sum())
    if fe_left_out:
        fit_metrics["fixed_effects_levels_not_estimated_list"] = "; ".join(
            f"{design.columns[j][0]}={design.columns[j][1]} ({reason})"
            for j, reason in sorted(fe_left_out.items())
        )
    both = ind.join(fe, how="left")
    ok = both["effect"].notna()
    rho = (
        scipy.stats.spearmanr(both.loc[ok, "indicator"], both.loc[ok, "effect"]).statistic
        if ok.sum() >= 3
        else np.nan
    )
    fit_metrics["spearman_indicator_vs_fixed_effects"] = rho
    fit_metrics.update({"bootstrap_draws": draws, "bootstrap_seed": seed + horizon, "top_n": top_n})
    fit_metrics["sklearn_version"] = sklearn.__version__
    fit_metrics["numpy_version"] = np.__version__
    fit_metrics["solver_settings"] = json.dumps(
        {k: (str(v) if k == "C" else v) for k, v in logit.SOLVER_SETTINGS.items()}
    )
    rows += _rows(horizon, "fit", fit_metrics)

    for row in diagnostics.calibration_table(y, p):
        decile = int(row.pop("decile"))
        rows += _rows(horizon, "calibration", row, term_order=decile)

    for code in ind.index:
        metrics = dict(boot.loc[code])
        metrics.update(
            {
                "fixed_effect_pp": 100 * both.loc[code, "effect"],
                "fixed_effect_std_error_pp": 100 * both.loc[code, "effect_se"],
                "fixed_effect_standardised_pct": 100 * both.loc[code, "standardised"],
            }
        )
        rows += _rows(horizon, "municipality", metrics, municipality_code=int(code))

    return [*rows, _predictions(horizon, frame, muni, p)]


def _predictions(horizon: int, frame: pd.DataFrame, muni: np.ndarray, p: np.ndarray) -> pd.DataFrame:
    """The person-level prediction rows of one fit (course, municipality, predicted probability)."""
    return pd.DataFrame(
        {
            "horizon_month": horizon,
            "record_kind": "prediction",
            "course_id": frame["course_id"].astype(str).to_numpy(),
            "municipality_code": muni,
            "metric": "predicted_probability",
            "value": p,
        }
    )


def _typed(result: pd.DataFrame) -> pd.DataFrame:
    for column, dtype in COLUMNS.items():
        if column not in result:
            result[column] = pd.Series(dtype=dtype, index=result.index)
    return result[list(COLUMNS)].astype(COLUMNS)


def stop_frame(err: DegenerateDataError) -> pd.DataFrame:
    """The long table's one `stop` row carrying the message (the dbt Python model returns it instead of
    raising, so that the build ends with the message and not with a Python traceback). With several cohort
    periods the message names the period (run_periods)."""
    period = getattr(err, "period", None)
    fit = getattr(err, "fit", None)
    text = str(err) if period is None else f"cohort period {period} ({fit} fit): {err}"
    return _typed(
        pd.DataFrame(
            [
                {
                    "cohort_period": period,
                    "fit": fit,
                    "horizon_month": err.horizon,
                    "record_kind": "stop",
                    "metric": "stop",
                    "text_value": text,
                }
            ]
        )
    )


def run(
    data: pd.DataFrame,
    levels: pd.DataFrame,
    horizons: list[int],
    *,
    seed: int,
    draws: int,
    top_n: int,
    cv_folds: int = 5,
    min_events: int = MIN_EVENTS,
) -> pd.DataFrame:
    """Fit the benchmark model per horizon and return the long table (typed). Raises DegenerateDataError
    when a horizon's data do not allow the model (rtw_stats.degenerate)."""
    parts: list[pd.DataFrame] = []
    for h in horizons:
        sub = data[data["horizon_month"] == h]
        try:
            out = fit_horizon(
                sub,
                levels,
                int(h),
                seed=seed,
                draws=draws,
                top_n=top_n,
                cv_folds=cv_folds,
                min_events=min_events,
            )
        except DegenerateDataError as err:
            err.horizon = int(h)
            raise
        small = [r for r in out if isinstance(r, dict)]
        if small:
            parts.append(pd.DataFrame(small))
        parts += [r for r in out if isinstance(r, pd.DataFrame)]
    return _typed(pd.concat(parts, ignore_index=True) if parts else pd.DataFrame())


# The variable that carries the period term in the pooled fit (METHOD §8.10): within one period it is the
# start year; pooled, its levels are the periods (the first the reference), which absorb the start years.
PERIOD_VARIABLE = "start_year"


def pooled_levels(levels: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """The case-mix levels of the pooled fit: the first period's levels of every variable but the start year,
    whose levels become the cohort periods (`periods` in time order, the first the reference)."""
    first = levels[levels["cohort_period"] == periods[0]] if "cohort_period" in levels else levels
    other = first[first["variable_name"] != PERIOD_VARIABLE]
    year_rows = first[first["variable_name"] == PERIOD_VARIABLE]
    order = (
        int(year_rows["variable_order"].iloc[0]) if len(year_rows) else int(other["variable_order"].max()) + 1
    )
    label = str(year_rows["variable_label"].iloc[0]) if len(year_rows) and "variable_label" in first else ""
    period_rows = pd.DataFrame(
        {
            "variable_name": PERIOD_VARIABLE,
            "variable_order": order,
            "variable_label": label,
            "level_value": periods,
            "level_label": periods,
            "level_order": range(1, len(periods) + 1),
            "is_reference": [i == 0 for i in range(len(periods))],
        }
    )
    columns = [c for c in period_rows.columns if c in other.columns]
    return pd.concat(
        [other.drop(columns=["cohort_period"], errors="ignore"), period_rows[columns]], ignore_index=True
    )


def fit_pooled(
    data: pd.DataFrame,
    levels: pd.DataFrame,
    periods: list[str],
    horizon: int,
    *,
    seed: int,
    draws: int,
    top_n: int,
    min_events: int = MIN_EVENTS,
) -> list[dict | pd.DataFrame]:
    """ONE fit over all cohort periods at `horizon` (METHOD §8.10): the case-mix of every period with common
    coefficients and the period as a term (the start-year variable recoded to the period label, the first
    period the reference; pooled_levels). Rows: coefficients (Wald), fit figures, per-course predictions and
    per period and municipality the indicator figures and the seeded bootstrap rank interval among that
    period's municipalities (no cross-validation or fixed-effects check: those are the per-period fits')."""
    rows: list[dict] = []
    frame = data[data["horizon_month"] == horizon]
    frame = frame.sort_values(["cohort_period", "course_id"], kind="mergesort").reset_index(drop=True)
    frame = frame.assign(**{PERIOD_VARIABLE: frame["cohort_period"].astype(str)})
    y = frame["is_on_benefits"].to_numpy(dtype=float)
    muni = frame["municipality_code"].to_numpy()
    check_outcomes(y, muni, horizon, min_events)
    lev = pooled_levels(levels, periods)
    design = build_design(frame, lev)
    names = [f"{v}={lvl}" for v, lvl in design.columns]
    fit = logit.fit_logit(design.x, y, names, label=f"pooled benchmark model, horizon {horizon}")
    if fit.merged:
        design = design.without(fit.merged)
    wald = logit.wald(fit)
    order = lev.sort_values(["variable_order", "level_order"]).reset_index(drop=True)
    position = {key: i for i, key in enumerate(design.columns)}
    rows += _rows(
        horizon,
        "coefficient",
        {key: wald[key][0] for key in wald} | {"is_estimable": 1.0},
        variable_name="(intercept)",
        level_value="(intercept)",
        term_order=0,
    )
    for i, r in enumerate(order.itertuples(index=False), start=1):
        if r.is_reference:
            continue
        key = (r.variable_name, r.level_value)
        if key in position:
            j = position[key] + 1
            metrics = {k: wald[k][j] for k in wald} | {
                "is_estimable": 1.0,
                "stars": logit.stars(wald["p_value"][j]),
            }
        else:
            metrics = {
                "is_estimable": 0.0,
                "stars": "",
                "reason_not_estimated": design.dropped.get(key, "not in data"),
            }
        rows += _rows(
            horizon,
            "coefficient",
            metrics,
            variable_name=r.variable_name,
            level_value=r.level_value,
            term_order=i,
        )
    p = fit.p_hat
    # The same courses at the first period's level (the period terms set to 0): the share expected from the
    # case-mix alone, comparable across periods (the national trend's expected share, METHOD §8.10).
    eta = np.log(p) - np.log1p(-p)
    for j, (variable, _) in enumerate(design.columns):
        if variable == PERIOD_VARIABLE:
            eta = eta - design.x[:, j] * fit.coef[j + 1]
    p_reference = 1 / (1 + np.exp(-eta))
    rows += _rows(
        horizon,
        "fit",
        {
            "persons": fit.n,
            "events": fit.events,
            "parameters": len(fit.coef),
            "levels_not_estimated": len(design.dropped),
            "auc": diagnostics.auc(y, p),
            "solver_iterations": fit.n_iter,
            "periods": len(periods),
        },
    )
    periods_col = frame["cohort_period"].astype(str).to_numpy()
    for label in periods:
        mask = periods_col == label
        if not mask.any():
            continue
        ind, boot = _indicators_and_ranks(
            y[mask], p[mask], muni[mask], draws=draws, seed=seed + horizon, top_n=top_n
        )
        for code in ind.index:
            metrics = {
                "persons": ind.loc[code, "persons"],
                "observed": ind.loc[code, "observed"],
                "expected": ind.loc[code, "expected"],
                "variance": ind.loc[code, "variance"],
                "expected_reference": float(p_reference[mask][muni[mask] == code].sum()),
                "rank_low": boot.loc[code, "rank_low"],
                "rank_high": boot.loc[code, "rank_high"],
            }
            rows += [
                dict(r, cohort_period=label)
                for r in _rows(horizon, "municipality", metrics, municipality_code=int(code))
            ]
    return [*rows, _predictions(horizon, frame, muni, p).assign(cohort_period=periods_col)]


def run_periods(
    data: pd.DataFrame,
    levels: pd.DataFrame,
    horizons: list[int],
    periods: list[str],
    pooled_horizon: int,
    *,
    seed: int,
    draws: int,
    top_n: int,
    cv_folds: int = 5,
    min_events: int = MIN_EVENTS,
) -> pd.DataFrame:
    """METHOD §8.10: the benchmark model per cohort period (`periods` in time order; run() on each period's
    rows and levels, the same seeds, so one period gives exactly run()'s figures), marked fit = 'per_period',
    and beside it ONE pooled fit over all periods at `pooled_horizon` (fit_pooled), fit = 'pooled'. Raises
    DegenerateDataError naming the horizon and, with several periods, period and fit (stop_frame) when a
    period's data do not allow a model."""
    parts: list[pd.DataFrame] = []
    for label in periods:
        sub = data[data["cohort_period"] == label]
        lev = levels[levels["cohort_period"] == label]
        try:
            out = run(
                sub,
                lev,
                horizons,
                seed=seed,
                draws=draws,
                top_n=top_n,
                cv_folds=cv_folds,
                min_events=min_events,
            )
        except DegenerateDataError as err:
            # One period (the default) keeps the single-period message; several name the period.
            if len(periods) > 1:
                err.period, err.fit = label, "per_period"
            raise
        parts.append(out.assign(cohort_period=label, fit="per_period"))
    try:
        out = fit_pooled(
            data,
            levels,
            periods,
            int(pooled_horizon),
            seed=seed,
            draws=draws,
            top_n=top_n,
            min_events=min_events,
        )
    except DegenerateDataError as err:
        err.horizon, err.period, err.fit = int(pooled_horizon), "all", "pooled"
        raise
    small = pd.DataFrame([r for r in out if isinstance(r, dict)])
    pooled = pd.concat([small, *[r for r in out if isinstance(r, pd.DataFrame)]], ignore_index=True)
    pooled["fit"] = "pooled"
    parts.append(_typed(pooled))
    return _typed(pd.concat(parts, ignore_index=True))
