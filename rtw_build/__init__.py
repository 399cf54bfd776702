"""Write–audit–publish: a build writes a new warehouse, tests it, and only then becomes the publication.

    python -m rtw_build build  [--raw-dir data/raw] [--db data/rtw_benchmark.duckdb] [--vars '{...}']
    python -m rtw_build status [--db data/rtw_benchmark.duckdb]

Layout beside the warehouse path ``<dir>/<name>.duckdb`` (all relative symlinks):

    <dir>/<name>.builds/<UTC time>-<build id>/   one folder per build: <name>.duckdb, marts/, report/, …
    <dir>/<name>.published -> <name>.builds/<…>   the publication: swapped in ONE atomic rename
    <dir>/<name>.duckdb    -> <name>.published/<name>.duckdb
    --marts (data/marts)   -> <name>.published/marts         (Parquet export)
    --report (data/report) -> <name>.published/report        (report pages)

A build: (1) computes its inputs — extract checksums, the data source from the raw folder's ``_SUCCESS``,
the code version (git), the vars — and from them the build id (same inputs, same id); (2) writes the
build-metadata table (status ``running``) into a NEW warehouse file in its own folder; (3) runs ``dbt build``
(every model, unit and data test) against that file with the build id as a var, which every public mart
carries; (4) on success sets the status to ``finished``, audits the publication (report.provenance), writes
the Parquet export and the report pages into the folder; (5) publishes by swapping ``<name>.published``.
A failed or killed build never reaches (5): the last publication stays as it was, the build says so, and
the next build (or ``status``) names the unfinished folder. Readers keep reading the published files
throughout; the previous publication's folder is kept until the next build so open readers are not cut off.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
