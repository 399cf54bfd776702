"""LPR3 beside LPR2: the same small dataset with the change to LPR3 inside the data gives the same marts.

The generator writes `make test-small`'s dataset twice: all LPR2 (the default: no contact after March
2019) and with `--lpr3-from 2016-06-01`, so that every contact from June 2016 on (most plan contacts,
their diagnoses, operations and plan codes) is in the LPR3 tables and the earlier history in LPR2. Both
are built (models and raw checks) and every public mart must be equal, except for the one documented
difference (docs/METHOD.md "LPR3 beside LPR2"): LPR3 has no DRG group, so a contact's MDC 08 is replaced
by the diagnosis rule of seed lpr3_msk_diagnoses. The expected side is therefore the all-LPR2 data with
that rule applied to the MDC of the contacts from the cut-over on (computed here from the seeds,
independently of the models); the test asserts that this difference exists (it changes contacts) and
that otherwise the mapping is lossless. The LPR3 data also go the research server's way: written as a SAS
folder (rtw_synth/sas_folder.py, LPR3 tables included) and converted by rtw_ingest, they must give exactly
the marts of their Parquet registers.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from marts_compare import assert_same_marts, publication
from test_raw_layouts import SCALE, SEED, dbt_build

from rtw_ingest.convert import run as ingest
from rtw_synth.__main__ import main as synth
from rtw_synth.lpr3 import LPR3_TABLES, split_lpr3
from rtw_synth.sas_folder import write_sas_folder
from rtw_synth.seeds import default_seeds_dir

CUT = "2016-06-01"


def _raw(work: Path, name: str, *extra: str) -> Path:
    out = work / name
    assert synth(["--scale", SCALE, "--seed", SEED, "--no-progress", "--out", str(out), *extra]) == 0
    return out


def _mdc_by_diagnosis(raw: Path, seeds: Path) -> int:
    """The documented difference applied to LPR2 data: for contacts starting on/after the cut-over, c_mdc
    becomes '08' when the action diagnosis (or, for an administrative one, a secondary diagnosis) is in a
    range of seed lpr3_msk_diagnoses, and a non-MSK MDC ('23') when it was '08' and is not. Returns the
    number of contacts changed."""
    con = duckdb.connect()
    ranges = f"read_csv('{next(seeds.rglob('lpr3_msk_diagnoses.csv'))}', all_varchar = true)"
    groups = f"read_csv('{next(seeds.rglob('diagnosis_groups.csv'))}', all_varchar = true)"
    adm = f"read_parquet('{raw}/lpr_adm/*.parquet')"
    diag = f"read_parquet('{raw}/lpr_diag/*.parquet')"
    in_ranges = "exists (select 1 from {r} as r where left({c}, 4) between r.icd10_from and r.icd10_to)"
    administrative = (
        f"exists (select 1 from {groups} as g where g.is_administrative = 'true'"
        " and left(a.c_adiag, 4) between g.icd10_from and g.icd10_to)"
    )
    secondary = (
        f"exists (select 1 from {diag} as d where d.recnum = a.recnum and d.c_diagtype in ('B', '+')"
        f" and {in_ranges.format(r=ranges, c='d.c_diag')})"
    )
    msk = f"({in_ranges.format(r=ranges, c='a.c_adiag')} or ({administrative} and {secondary}))"
    new = f"case when {msk} then '08' when a.c_mdc = '08' then '23' else a.c_mdc end"
    changed = con.execute(
        f"select count(*) from {adm} as a where a.d_inddto >= date '{CUT}' and ({new}) <> a.c_mdc"
    ).fetchone()[0]
    staged = raw / "lpr_adm.parquet"
    con.execute(
        f"copy (select * replace (case when a.d_inddto >= date '{CUT}' then {new} else a.c_mdc end as c_mdc)"
        f" from {adm} as a order by a.recnum) to '{staged}'"
    )
    con.close()
    shutil.rmtree(raw / "lpr_adm")
    (raw / "lpr_adm").mkdir()
    staged.rename(raw / "lpr_adm" / "part-0.parquet")
    return changed


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, project_dir: Path) -> dict:
    work = tmp_path_factory.mktemp("lpr3")
    lpr3 = _raw(work, "lpr3", "--lpr3-from", CUT)
    lpr2 = _raw(work, "lpr2")
    changed = _mdc_by_diagnosis(lpr2, default_seeds_dir())
    sas, converted = work / "lpr3_sas", work / "lpr3_converted"
    sas_files = write_sas_folder(lpr3, sas)
    ingest(sas, converted, progress=False, log=lambda _: None)
    marts = {}
    for name, raw in (("lpr3", lpr3), ("lpr2", lpr2), ("lpr3_converted", converted)):
        (work / f"build_{name}").mkdir()
        marts[name] = publication(dbt_build(project_dir, raw, work / f"build_{name}"))
    raws = {"lpr3": lpr3, "lpr2": lpr2, "lpr3_converted": converted}
    return {"raw": raws, "marts": marts, "changed": changed, "sas_files": sas_files}


def test_cutover_writes_lpr3_after_and_lpr2_before(builds: dict) -> None:
    raw = builds["raw"]["lpr3"]
    con = duckdb.connect()
    last_lpr2 = con.execute(f"select max(d_inddto) from read_parquet('{raw}/lpr_adm/*.parquet')").fetchone()[
        0
    ]
    first_lpr3 = con.execute(
        f"select min(kont_starttidspunkt) from read_parquet('{raw}/lpr_a_kontakt/*.parquet')"
    ).fetchone()[0]
    assert last_lpr2 < dt.date.fromisoformat(CUT) <= first_lpr3.date()
    for name in LPR3_TABLES:
        assert con.execute(f"select count(*) from read_parquet('{raw}/{name}/*.parquet')").fetchone()[0] > 100
    assert "lpr3_from=2016-06-01" in (raw / "_SUCCESS").read_text()
    assert not any((builds["raw"]["lpr2"] / name).exists() for name in LPR3_TABLES)


def test_lpr3_gives_the_same_public_marts_but_for_the_documented_mdc_difference(builds: dict) -> None:
    marts = builds["marts"]
    assert len(marts["lpr2"]) >= 10 and sum(map(len, marts["lpr2"].values())) > 100
    # the documented difference is real: MDC 08 contacts whose diagnosis is outside seed lpr3_msk_diagnoses
    assert builds["changed"] > 0
    assert_same_marts(marts["lpr3"], marts["lpr2"])
    # ... and the difference reaches the marts: test-small's build of the unchanged data differs
    flat_db = os.environ.get("RTW_LAYOUTS_FLAT_DB")
    if flat_db and Path(flat_db).is_file():
        with pytest.raises(AssertionError):
            assert_same_marts(marts["lpr3"], publication(Path(flat_db)))


def test_lpr3_as_a_sas_folder_through_the_converter_gives_the_same_marts(builds: dict) -> None:
    """LPR3 the research server's way: SAS files per year (times as SAS datetimes), rtw_ingest, warehouse."""
    assert {f"{name}2017.sas7bdat" for name in LPR3_TABLES} <= set(builds["sas_files"])
    con = duckdb.connect()
    for name in LPR3_TABLES:
        rows = [
            con.execute(
                f"select count(*) from read_parquet('{builds['raw'][side]}/{name}/**/*.parquet')"
            ).fetchone()
            for side in ("lpr3", "lpr3_converted")
        ]
        assert rows[0] == rows[1] and rows[0][0] > 100, name
    start = f"read_parquet('{builds['raw']['lpr3_converted']}/lpr_a_kontakt/**/*.parquet')"
    assert (
        con.execute(f"select typeof(kont_starttidspunkt) from {start} limit 1").fetchone()[0] == "TIMESTAMP"
    )
    assert_same_marts(builds["marts"]["lpr3_converted"], builds["marts"]["lpr3"])


def test_split_leaves_data_without_late_contacts_unchanged() -> None:
    adm = pa.table({"recnum": ["R1"], "d_inddto": pa.array([dt.date(2018, 1, 2)], type=pa.date32())})
    tables = {"lpr_adm": adm, "lpr_diag": adm, "lpr_sksopr": adm, "lpr_sksube": adm}
    out = split_lpr3(tables, dt.date(2019, 3, 1), {})
    assert out.keys() == tables.keys() and all(out[k] is tables[k] for k in tables)


def test_split_refuses_a_specialty_without_a_name() -> None:
    day = pa.array([dt.date(2019, 4, 1)], type=pa.date32())
    adm = pa.table(
        {
            "pnr": ["p"],
            "recnum": ["R1"],
            "d_inddto": day,
            "d_uddto": day,
            "c_pattype": ["0"],
            "c_indm": ["1"],
            "c_spec": ["99"],
            "c_adiag": ["DM161"],
            "c_mdc": ["08"],
        }
    )
    empty = pa.table({"recnum": pa.array([], pa.string()), "c_opr": pa.array([], pa.string())})
    tables = {"lpr_adm": adm, "lpr_diag": empty, "lpr_sksopr": empty, "lpr_sksube": empty}
    with pytest.raises(ValueError, match=r"c_spec.*99"):
        split_lpr3(tables, dt.date(2019, 3, 1), {"34": "Ortopædisk kirurgi"})
