"""The warehouse counts exactly the exact duplicate GES rows the generator planted (METHOD §1.4).

rtw_synth writes two services of a person on one day with different service codes and plants a known number
of exact duplicate GES rows as a defect (`_truth/ges_duplicates.parquet`). Staging keeps one row per distinct
row and `restricted.duplicate_rows_summary` counts the rows removed: that count must be the planted one,
and the extract minus the count must be the rows the warehouse kept. Needs the published small build
(RTW_PUBLICATION_DB / RTW_PUBLICATION_RAW, set by `make test-small`); skipped otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

PUBLISHED_DB = os.environ.get("RTW_PUBLICATION_DB")
RAW = os.environ.get("RTW_PUBLICATION_RAW")

pytestmark = pytest.mark.skipif(
    not (PUBLISHED_DB and RAW), reason="needs the published small build (make test-small)"
)


def test_warehouse_counts_the_planted_duplicate_ges_rows() -> None:
    raw = Path(RAW)
    planted = pq.read_table(raw / "_truth" / "ges_duplicates.parquet").to_pylist()
    assert planted and planted[0]["register"] == "ges"
    delivered = sum(pq.ParquetFile(f).metadata.num_rows for f in sorted((raw / "ges").glob("**/*.parquet")))
    with duckdb.connect(str(Path(PUBLISHED_DB).resolve()), read_only=True) as con:
        counted = con.execute(
            "select rows_delivered, rows_kept, duplicate_rows_removed"
            " from restricted.duplicate_rows_summary where register = 'ges'"
        ).fetchall()
    assert planted[0]["planted_duplicate_rows"] > 0
    assert counted == [
        (delivered, delivered - planted[0]["planted_duplicate_rows"], planted[0]["planted_duplicate_rows"])
    ]
