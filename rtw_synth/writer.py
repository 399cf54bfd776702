"""Deterministic Parquet output: fixed row order, fixed compression, no pandas/time metadata."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

EPOCH = np.datetime64("1970-01-01", "D")


def date_array(days: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Days since 1970-01-01 (int) -> pyarrow date32, optional null mask (True = null)."""
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32(), mask=mask)


def str_array(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object), type=pa.string(), mask=mask)


def write_table(table: pa.Table, folder: Path, part: int = 0) -> int:
    return write_named(table, folder / f"part-{part}.parquet")


def write_named(table: pa.Table, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.replace_schema_metadata(None)
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=3,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=1_000_000,
        version="2.6",
        store_schema=False,
    )
    return table.num_rows
