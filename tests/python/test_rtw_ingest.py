"""rtw_ingest: SAS folder -> year-partitioned Parquet, on hand-made SAS files written with Debian's readstat.

Each test writes its own small SAS folder (rtw_synth.sas_folder.csv_to_sas7bdat), runs the converter and
reads back what it wrote: names and types of the contract, leading zeros, SAS dates, the newest delivery,
`_1` files, per-year renames from the mapping file, clear errors, the manifest and reruns.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from rtw_ingest.__main__ import main
from rtw_ingest.convert import IngestError, delivery_rank, run
from rtw_ingest.mapping import DEFAULT_MAPPING, load_mapping
from rtw_synth.sas_folder import csv_to_sas7bdat

MAPPING = """
[registers.bef]
year_column = "aar"

[registers.bef.columns]
pnr = "varchar"
aar = "integer"
kom = "integer"
foed_dag = "date"
c_code = { type = "varchar", width = 2 }

[[registers.bef.rename]]
from = "komkode"
to = "kom"
years = [2000, 2015]

[registers.dod]
columns = { pnr = "varchar", doddato = "date" }
"""
SAS_DAY = dt.date(1960, 1, 1)


def sas(folder: Path, relative: str, header: str, rows: list[str], numeric: set[str]) -> Path:
    """A SAS7BDAT file from CSV lines; numeric = the numeric columns, upper case (the rest character)."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    csv = path.with_suffix(".csv")
    csv.write_text("\n".join([header, *rows]) + "\n")
    csv_to_sas7bdat(csv, {c: c.upper() in numeric for c in header.split(",")}, path)
    csv.unlink()
    return path


def days(d: str) -> str:
    return str((dt.date.fromisoformat(d) - SAS_DAY).days)


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A SAS folder with two bef years (one re-delivered, one in two files, one with a renamed variable)."""
    src, mapping = tmp_path / "sas", tmp_path / "mapping.toml"
    mapping.write_text(MAPPING)
    num = {"KOM", "KOMKODE", "FOED_DAG", "C_CODE", "DODDATO"}
    sas(src, "bef2015.sas7bdat", "PNR,KOMKODE,FOED_DAG,C_CODE", [f"A1,101,{days('1980-02-29')},8"], num)
    sas(src, "BEF2016.sas7bdat", "PNR,KOM,FOED_DAG,C_CODE", ["A1,999,0,1", "A2,999,0,1"], num)
    sas(src, "December_2023/bef2016.sas7bdat", "pnr,kom,foed_dag,c_code", ["A1,147,0,12"], num)
    sas(src, "December_2023/bef2016_1.sas7bdat", "PNR,KOM,FOED_DAG,C_CODE", ["A2,860,-1,"], num)
    sas(src, "dod.sas7bdat", "PNR,DODDATO", ["A9," + days("2017-06-30")], num)
    sas(src, "t_psyk_adm2016.sas7bdat", "PNR", ["A1"], set())
    return src, tmp_path / "raw", mapping


def read(out: Path, relative: str) -> list[dict]:
    return pq.read_table(out / relative).to_pylist()


def test_contract_names_types_codes_dates_and_years(folder: tuple[Path, Path, Path]) -> None:
    src, out, mapping = folder
    manifest = run(src, out, mapping, progress=False, log=lambda _: None)
    assert read(out, "bef/year=2015/part-0.parquet") == [
        {"pnr": "A1", "aar": 2015, "kom": 101, "foed_dag": dt.date(1980, 2, 29), "c_code": "08"}
    ]
    schema = pq.read_schema(out / "bef/year=2015/part-0.parquet")
    assert [str(t) for t in schema.types] == ["string", "int32", "int32", "date32[day]", "string"]
    # newest delivery wins, all its parts; the older file is reported, not read
    assert read(out, "bef/year=2016/part-0.parquet")[0]["kom"] == 147
    assert read(out, "bef/year=2016/part-1.parquet") == [
        {"pnr": "A2", "aar": 2016, "kom": 860, "foed_dag": dt.date(1959, 12, 31), "c_code": None}
    ]
    assert read(out, "dod/part-0.parquet") == [{"pnr": "A9", "doddato": dt.date(2017, 6, 30)}]
    assert manifest["superseded"] == [
        {
            "source": "BEF2016.sas7bdat",
            "replaced_by": "December_2023/bef2016.sas7bdat, December_2023/bef2016_1.sas7bdat",
        }
    ]
    assert manifest["ignored"] == ["t_psyk_adm2016.sas7bdat"]
    files = {e["source"]: e for e in manifest["files"]}
    assert sorted(files) == [
        "December_2023/bef2016.sas7bdat",
        "December_2023/bef2016_1.sas7bdat",
        "bef2015.sas7bdat",
        "dod.sas7bdat",
    ]
    for e in files.values():  # rows in = rows out, and the checksum is the file's
        assert e["rows_in"] == e["rows_out"] == pq.ParquetFile(out / e["output"]).metadata.num_rows
        assert e["size"] == (src / e["source"]).stat().st_size and len(e["sha256"]) == 64
    assert json.loads((out / "_manifest.json").read_text())["files"] == manifest["files"]
    assert "rows.bef=3" in (out / "_SUCCESS").read_text()


def test_rerun_skips_unchanged_files_and_converts_changed_ones(folder: tuple[Path, Path, Path]) -> None:
    src, out, mapping = folder
    run(src, out, mapping, progress=False, log=lambda _: None)
    sas(src, "dod.sas7bdat", "PNR,DODDATO", ["A9," + days("2018-01-01"), "A8,0"], {"DODDATO"})
    again = run(src, out, mapping, progress=False, log=lambda _: None)
    status = {e["source"]: e["status"] for e in again["files"]}
    assert status["dod.sas7bdat"] == "converted"
    assert {s for k, s in status.items() if k != "dod.sas7bdat"} == {"unchanged"}
    assert len(read(out, "dod/part-0.parquet")) == 2
    # a part no longer delivered disappears from the output
    (src / "December_2023/bef2016_1.sas7bdat").unlink()
    run(src, out, mapping, progress=False, log=lambda _: None)
    assert not (out / "bef/year=2016/part-1.parquet").exists()


def test_unmappable_year_names_file_column_and_expected(folder: tuple[Path, Path, Path]) -> None:
    src, out, mapping = folder
    sas(src, "bef2017.sas7bdat", "PNR,KOMKODE,FOED_DAG,C_CODE", ["A1,101,0,1"], {"KOMKODE", "FOED_DAG"})
    with pytest.raises(
        IngestError, match=r"bef2017\.sas7bdat: register bef needs column\(s\) kom \(integer\)"
    ):
        run(src, out, mapping, progress=False, log=lambda _: None)
    # the files converted before the error are in the manifest (a rerun skips them); no _SUCCESS
    manifest = json.loads((out / "_manifest.json").read_text())
    assert not manifest["complete"] and not (out / "_SUCCESS").exists()
    assert [e["source"] for e in manifest["files"]] == [
        "bef2015.sas7bdat",
        "December_2023/bef2016.sas7bdat",
        "December_2023/bef2016_1.sas7bdat",
    ]
    (src / "bef2017.sas7bdat").unlink()
    again = run(src, out, mapping, progress=False, log=lambda _: None)
    assert [e["status"] for e in again["files"]] == ["unchanged"] * 3 + ["converted"]


def test_code_with_decimals_is_an_error_naming_the_value(folder: tuple[Path, Path, Path]) -> None:
    src, out, mapping = folder
    sas(src, "bef2017.sas7bdat", "PNR,KOM,FOED_DAG,C_CODE", ["A1,101,0,1.5"], {"KOM", "FOED_DAG", "C_CODE"})
    with pytest.raises(
        IngestError, match=r"bef2017\.sas7bdat: column C_CODE -> c_code: numbers with decimals.*1\.5"
    ):
        run(src, out, mapping, progress=False, log=lambda _: None)


def test_unreadable_file_and_undated_redelivery_are_errors(folder: tuple[Path, Path, Path]) -> None:
    src, out, mapping = folder
    (src / "bef2018.sas7bdat").write_bytes(b"not a SAS file")
    with pytest.raises(IngestError, match=r"bef2018\.sas7bdat: cannot read the file as SAS7BDAT"):
        run(src, out, mapping, progress=False, log=lambda _: None)
    (src / "bef2018.sas7bdat").unlink()
    sas(src, "corrected/dod.sas7bdat", "PNR,DODDATO", ["A9,0"], {"DODDATO"})
    with pytest.raises(IngestError, match="no date in its name"):
        run(src, out, mapping, progress=False, log=lambda _: None)


def test_cli_reports_errors_without_a_traceback(folder: tuple[Path, Path, Path], capsys) -> None:
    src, out, mapping = folder
    (src / "dod.sas7bdat").unlink()
    assert main(["--sas", str(src), "--out", str(out), "--mapping", str(mapping), "--no-progress"]) == 1
    assert "no SAS file for register(s) dod" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("folder_name", "rank"),
    [
        ("", (0, 0, 0)),
        ("December_2023", (2023, 12, 0)),
        ("maj_2024", (2024, 5, 0)),
        ("2023-12", (2023, 12, 0)),
        ("20231201", (2023, 12, 1)),
        ("levering_2024_03_15", (2024, 3, 15)),
        ("corrected", None),
    ],
)
def test_delivery_dates_from_folder_names(folder_name: str, rank: tuple[int, int, int] | None) -> None:
    assert delivery_rank(folder_name) == rank


def test_default_mapping_matches_the_data_contract(project_dir: Path) -> None:
    """Every register and column of the raw sources (yml data_type) is in the mapping with the same type, and
    exactly the sources' optional registers (the LPR3 tables) are optional in the mapping."""
    sources = yaml.safe_load((project_dir / "models/staging/_raw__sources.yml").read_text())
    mapping = load_mapping(DEFAULT_MAPPING)
    tables = sources["sources"][0]["tables"]
    optional = {t["name"] for t in tables if t.get("config", {}).get("meta", {}).get("optional")}
    lpr3 = {"lpr_a_kontakt", "lpr_a_diagnose", "lpr_a_procedure_kirurgi", "lpr_a_procedure_andre"}
    assert optional == lpr3 | {"lpr_sksopr", "lpr_sksube"}  # LPR2's procedures: lpr2_superseded
    assert {name for name, register in mapping.items() if register.optional} == optional
    for table in tables:
        register = mapping[table["name"]]
        expected = {c["name"]: c["data_type"] for c in table.get("columns", []) if c.get("data_type")}
        assert {n: register.column(n).type for n in expected} == expected, table["name"]
        year_column = table.get("config", {}).get("meta", {}).get("year_column")
        assert register.year_column == year_column, table["name"]
    assert set(mapping) == {t["name"] for t in tables}


def test_file_without_year_beside_yearly_files_goes_to_the_default_partition(
    folder: tuple[Path, Path, Path],
) -> None:
    """bef.sas7bdat (all years, its own year column) beside bef2015.sas7bdat: one Hive layout for both."""
    src, out, mapping = folder
    sas(src, "bef.sas7bdat", "PNR,AAR,KOM,FOED_DAG,C_CODE", ["A5,2010,101,0,1"], {"AAR", "KOM", "FOED_DAG"})
    manifest = run(src, out, mapping, progress=False, log=lambda _: None)
    assert "bef/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet" in {e["output"] for e in manifest["files"]}
    files = f"read_parquet('{out}/bef/**/*.parquet', hive_partitioning = true)"
    rows = duckdb.connect().execute(f"select pnr, aar, year from {files} order by all").fetchall()
    assert rows == [("A1", 2015, 2015), ("A1", 2016, 2016), ("A2", 2016, 2016), ("A5", 2010, None)]


LPR3_MAPPING = """
[registers.dod]
columns = { pnr = "varchar", doddato = "date" }

[registers.lpr_a_kontakt]
optional = true
columns = { dw_ek_kontakt = "varchar", kont_starttidspunkt = "timestamp", kont_sluttidspunkt = "timestamp" }
"""


def test_timestamps_from_sas_datetimes_and_text_optional_register_may_be_absent(tmp_path: Path) -> None:
    """LPR3's times: a SAS datetime (seconds since 1960-01-01) or text -> TIMESTAMP; a key stored as a
    number -> its digits; an optional register without a file is logged and not written; a text that is no
    time stops the run."""
    src, mapping = tmp_path / "sas", tmp_path / "mapping.toml"
    mapping.write_text(LPR3_MAPPING)
    sas(src, "dod.sas7bdat", "PNR,DODDATO", ["A9," + days("2019-06-30")], {"DODDATO"})
    log: list[str] = []
    run(src, tmp_path / "without", mapping, progress=False, log=log.append)
    assert not (tmp_path / "without" / "lpr_a_kontakt").exists()
    assert any("optional register lpr_a_kontakt" in line for line in log)

    at = (dt.datetime(2019, 3, 1, 8, 30, 15) - dt.datetime(1960, 1, 1)).total_seconds()
    rows = [f"123456789012,{at:.0f},", f"5,{at - 86_400:.0f},{at + 3_600:.0f}"]
    sas(
        src,
        "lpr_a_kontakt2019.sas7bdat",
        "DW_EK_KONTAKT,KONT_STARTTIDSPUNKT,KONT_SLUTTIDSPUNKT",
        rows,
        {
            "DW_EK_KONTAKT",
            "KONT_STARTTIDSPUNKT",
            "KONT_SLUTTIDSPUNKT",
        },
    )
    run(src, tmp_path / "numeric", mapping, progress=False, log=lambda _: None)
    got = read(tmp_path / "numeric", "lpr_a_kontakt/year=2019/part-0.parquet")
    assert got == [
        {
            "dw_ek_kontakt": "123456789012",
            "kont_starttidspunkt": dt.datetime(2019, 3, 1, 8, 30, 15),
            "kont_sluttidspunkt": None,
        },
        {
            "dw_ek_kontakt": "5",
            "kont_starttidspunkt": dt.datetime(2019, 2, 28, 8, 30, 15),
            "kont_sluttidspunkt": dt.datetime(2019, 3, 1, 9, 30, 15),
        },
    ]
    types = pq.read_schema(tmp_path / "numeric/lpr_a_kontakt/year=2019/part-0.parquet").types
    assert [str(t) for t in types] == ["string", "timestamp[us]", "timestamp[us]"]

    text = ["R1,2019-03-01 08:00:00,01MAR2019:20:00:00", "R2,not a time,"]
    sas(
        src, "lpr_a_kontakt2019.sas7bdat", "DW_EK_KONTAKT,KONT_STARTTIDSPUNKT,KONT_SLUTTIDSPUNKT", text, set()
    )
    with pytest.raises(IngestError, match=r"kont_starttidspunkt.*text that is not a date and time"):
        run(src, tmp_path / "text", mapping, progress=False, log=lambda _: None)
    sas(
        src,
        "lpr_a_kontakt2019.sas7bdat",
        "DW_EK_KONTAKT,KONT_STARTTIDSPUNKT,KONT_SLUTTIDSPUNKT",
        text[:1],
        set(),
    )
    run(src, tmp_path / "text", mapping, progress=False, log=lambda _: None)
    assert read(tmp_path / "text", "lpr_a_kontakt/year=2019/part-0.parquet") == [
        {
            "dw_ek_kontakt": "R1",
            "kont_starttidspunkt": dt.datetime(2019, 3, 1, 8, 0),
            "kont_sluttidspunkt": dt.datetime(2019, 3, 1, 20, 0),
        }
    ]
