"""rtw_ingest: a research project's SAS register folder -> the year-partitioned Parquet of the contract."""

__version__ = "0.1.0"
