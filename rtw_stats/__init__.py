"""Statistics of the benchmark (METHOD.md §6–8), free of dbt so that pytest can import it.

`logit`       unpenalised logistic regression (scikit-learn), standard errors from (X'WX)^-1, Wald tests,
              odds ratios, average marginal effects with delta-method standard errors.
`diagnostics` AUC, Brier and scaled Brier, Hosmer–Lemeshow, calibration intercept/slope and deciles.
`ranking`     municipality indicators, seeded parametric bootstrap of ranks, fixed-effects direct
              standardisation (the robustness check).
`design`      dummy coding of the case-mix from a long table of levels with their reference level.
`pipeline`    everything the dbt Python model `benchmark_model_results` returns, as one long table.
`suppression` primary and secondary cell suppression of the public marts (METHOD §7.2), for the dbt Python
              model `int_publication_cells_suppressed`.
"""

__all__ = ["design", "diagnostics", "logit", "pipeline", "ranking", "suppression"]
