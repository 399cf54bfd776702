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

from threadpoolctl import threadpool_limits

__all__ = ["design", "diagnostics", "logit", "one_blas_thread", "pipeline", "ranking", "suppression"]


def one_blas_thread() -> None:
    """numpy/scikit-learn's BLAS (OpenBLAS) on one thread, for the rest of the process.

    dbt runs a Python model beside other nodes (threads: 2 on the 2 cores of a project server), and
    OpenBLAS's own threads then fight DuckDB and each other for the cores: measured on the scale-1 data, the
    benchmark model took 67 s with OpenBLAS's default threads beside one busy core and 7 s on one thread. The
    figures are the same to 1e-12 (only the order of the sums in X'WX differs). Process-wide and never
    restored: dbt runs two Python models at once in one process, and a context manager's restore in one
    would undo the other's."""
    threadpool_limits(limits=1, user_api="blas")
