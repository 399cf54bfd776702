"""Static report pages (Danish) built from the public marts of the warehouse.

    python -m report --db data/rtw_benchmark.duckdb --out data/report
    python -m report.export --db data/rtw_benchmark.duckdb --out data/marts

The builder reads only the ``publication`` schema (opened read-only) or its Parquet export; person-level data
are never touched. Pages: the national page (``index.html``), one page per analysed municipality
(``kommuner/<slug>.html``) and the inspiration catalogue with peers (``inspiration.html``).
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
