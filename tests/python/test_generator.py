"""Tests of the synthetic-data generator on the written files (scale 0.02, generated once per session)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from rtw_synth.generator import generate, week_labels
from rtw_synth.seeds import load_seeds

SCALE = 0.02
CONTRACT = {
    "bef": {
        "pnr": "string",
        "aar": "int32",
        "koen": "int32",
        "foed_dag": "date32[day]",
        "kom": "int32",
        "familie_type": "int32",
        "ie_type": "int32",
        "opr_land": "int32",
    },
    "lpr_adm": {
        "pnr": "string",
        "recnum": "string",
        "d_inddto": "date32[day]",
        "d_uddto": "date32[day]",
        "c_pattype": "string",
        "c_indm": "string",
        "c_spec": "string",
        "c_adiag": "string",
        "c_mdc": "string",
    },
    "lpr_diag": {"recnum": "string", "c_diag": "string", "c_diagtype": "string"},
    "lpr_sksopr": {"recnum": "string", "c_opr": "string", "d_odto": "date32[day]"},
    "lpr_sksube": {"recnum": "string", "c_opr": "string", "d_odto": "date32[day]"},
    "ges": {"pnr": "string", "kom": "int32", "d_ydelse": "date32[day]", "c_ydelse": "string"},
    "bfl": {
        "pnr": "string",
        "aar": "int32",
        "mdr": "int32",
        "ajo_arbnr_senr": "string",
        "ajo_loentimer": "double",
        "ajo_branche07": "string",
    },
    "ind": {"pnr": "string", "aar": "int32", "dispon_13": "double"},
    "udda": {"pnr": "string", "aar": "int32", "hfaudd": "string"},
    "sssy": {"pnr": "string", "honuge": "string", "speciale": "string", "ydlant": "int32"},
    "dod": {"pnr": "string", "doddato": "date32[day]"},
    "vnds": {"pnr": "string", "haend_dato": "date32[day]", "indud_kode": "string"},
}
KEYS = {
    "bef": ["pnr", "aar"],
    "dream": ["pnr"],
    "lpr_adm": ["recnum"],
    "lpr_diag": ["recnum", "c_diag", "c_diagtype"],
    "bfl": ["pnr", "aar", "mdr", "ajo_arbnr_senr"],
    "ind": ["pnr", "aar"],
    "udda": ["pnr", "aar"],
    "dod": ["pnr"],
    "vnds": ["pnr", "haend_dato", "indud_kode"],
}


@pytest.fixture(scope="session")
def gen_raw(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "raw"
    generate(SCALE, 42, out, progress=False)
    return out


@pytest.fixture(scope="session")
def gen_db(gen_raw):
    con = duckdb.connect()
    for reg in [*list(CONTRACT), "dream"]:
        con.sql(f"create view {reg} as select * from read_parquet('{gen_raw}/{reg}/*.parquet')")
    con.sql(f"create view courses as select * from '{gen_raw}/_truth/courses.parquet'")
    return con


@pytest.fixture(scope="session")
def gen_seeds():
    return load_seeds()


def test_success_file_written_last(gen_raw):
    text = (gen_raw / "_SUCCESS").read_text()
    assert "seed=42" in text and f"scale={SCALE}" in text
    assert not (gen_raw.parent / "raw.tmp").exists()


@pytest.mark.parametrize("reg", sorted(CONTRACT))
def test_schema_equals_contract(gen_raw, reg):
    schema = pq.read_schema(next((gen_raw / reg).glob("*.parquet")))
    assert {f.name: str(f.type) for f in schema} == CONTRACT[reg]
    assert list(schema.names) == list(CONTRACT[reg])


def test_dream_wide_schema(gen_raw):
    schema = pq.read_schema(gen_raw / "dream" / "part-0.parquet")
    weeks = week_labels()
    assert schema.names == ["pnr", *weeks]
    assert all(str(f.type) == "string" for f in schema)
    assert weeks[0] == "y_1401" and weeks[-1] == "y_1852" and "y_1553" in weeks and "y_1653" not in weeks
    assert len(weeks) == 261


@pytest.mark.parametrize("reg", sorted(KEYS))
def test_keys_unique_and_not_null(gen_db, reg):
    cols = ", ".join(KEYS[reg])
    dup = gen_db.sql(
        f"select count(*) from (select {cols} from {reg} group by all having count(*) > 1)"
    ).fetchone()[0]
    nulls = gen_db.sql(f"select count(*) from {reg} where " + " or ".join(f"{c} is null" for c in KEYS[reg]))
    assert dup == 0
    assert nulls.fetchone()[0] == 0


def test_codes_exist_in_seeds(gen_db, gen_seeds):
    s = gen_seeds
    dream_codes = set(
        gen_db.sql("unpivot dream on columns('^y_') into name w value code").df()["code"].unique()
    )
    assert dream_codes <= set(s["dream_benefit_codes"]["benefit_code"])
    kom = set(s["municipalities"]["kom_kode"].astype(int))
    assert set(gen_db.sql("select distinct kom from bef").df()["kom"]) <= kom
    assert set(gen_db.sql("select distinct kom from ges").df()["kom"]) <= kom
    assert set(gen_db.sql("select distinct c_spec from lpr_adm").df()["c_spec"]) <= set(
        s["hospital_specialties"]["c_spec"]
    )
    plan_codes = set(s["rehab_plan_codes"]["sks_code"])
    assert set(gen_db.sql("select distinct c_opr from lpr_sksube").df()["c_opr"]) <= plan_codes
    div = set(s["db07_divisions"]["db07_division"])
    br = gen_db.sql("select distinct ajo_branche07 from bfl").df()["ajo_branche07"]
    assert br.str.len().eq(6).all() and set(br.str[:2]) <= div
    land = set(s["countries_of_origin"]["opr_land"].str.strip())
    assert {str(x) for x in gen_db.sql("select distinct opr_land from bef").df()["opr_land"]} <= land
    sss = s["sssy_services"]
    provs = set(sss["provider_specialty"])
    sp = gen_db.sql("select distinct speciale from sssy").df()["speciale"]
    assert sp.str.len().eq(6).all() and set(sp.str[:2]) <= provs
    diag = gen_db.sql("select distinct c_diag from lpr_diag").df()["c_diag"]
    assert diag.str.match(r"^D[A-Z][0-9]{2,4}$").all()


def test_edge_cases_present(gen_db):
    q = gen_db.sql
    c = q("select designed_exclusion_reason r, count(*) n from courses group by 1").df().set_index("r")["n"]
    for reason in [
        "",
        "age_outside_18_64",
        "not_employed",
        "no_municipal_course",
        "first_service_after_day_60",
        "single_service",
        "fewer_than_80_hours",
        "benefits_2_of_weeks_7_9",
        "undeterminable_benefit_3m",
        "start_year_2015",
        "municipality_quality_sds",
    ]:
        assert c.get(reason, 0) > 0, reason
    coh = "from courses where is_expected_in_cohort"
    assert q(f"select count(*) {coh} and paid_hours_key_month = 80").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and paid_hours_key_month >= 160").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and benefit_weeks_7_9 = 1").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and benefit_weeks_before_start = '>8'").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and diagnosis_group <> ''").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and psychiatric = 'yes'").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and comorbidity = 'yes'").fetchone()[0] > 0
    assert q(f"select count(*) {coh} and physio_contact = 'yes'").fetchone()[0] > 0
    # several jobs adding up in the key month, partial sickness benefit, week 53, deaths, emigrations, repeats
    assert (
        q("select count(*) from (select pnr, aar, mdr from bfl group by all having count(*) > 1)").fetchone()[
            0
        ]
        > 0
    )
    assert q("select count(*) from dream where y_1553 is not null").fetchone()[0] > 0
    assert (
        q(
            "select count(*) from (unpivot dream on columns('^y_') into name w value code) where code = '899'"
        ).fetchone()[0]
        > 0
    )
    assert q("select count(*) from dod").fetchone()[0] > 0
    assert q("select count(*) from vnds where indud_kode = 'U'").fetchone()[0] > 0
    assert q("select count(*) from courses where course_number = 2").fetchone()[0] > 0
    assert (
        q("select count(*) from courses where designed_exclusion_reason = 'repeat_too_close'").fetchone()[0]
        >= 0
    )
    adm = (
        "select count(*) from lpr_adm a join lpr_diag b using (recnum) "
        "where a.c_adiag like 'DZ%' and b.c_diagtype = 'B'"
    )
    assert q(adm + " and left(b.c_diag, 2) in ('DM', 'DS', 'DT')").fetchone()[0] > 0
    movers = "select count(*) from (select pnr from bef group by pnr having count(distinct kom) > 1)"
    assert q(movers).fetchone()[0] > 0
    assert q("select count(*) from lpr_adm where c_mdc <> '08'").fetchone()[0] > 0
    assert q("select count(*) from lpr_sksube where c_opr <> 'AWG1'").fetchone()[0] > 0
    assert q("select count(*) from sssy where left(speciale, 2) = '80'").fetchone()[0] > 0


def test_truth_consistent(gen_raw):
    t = pd.read_parquet(gen_raw / "_truth" / "courses.parquet")
    coh = t[t["is_expected_in_cohort"]]
    assert (coh["on_benefits_3m"] == coh["derived_on_benefits_m3"]).all()
    assert not coh["derived_excluded_m3"].any()
    assert coh["benefit_weeks_7_9"].le(1).all()
    assert coh["age"].between(18, 64).all()
    assert coh["true_probability_3m"].between(0, 1).all()
    coef = pd.read_parquet(gen_raw / "_truth" / "coefficients.parquet")
    assert "intercept" in set(coef["variable"])
    eff = pd.read_parquet(gen_raw / "_truth" / "municipality_effects.parquet")
    assert len(eff) == 98


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_deterministic(gen_raw, tmp_path):
    out = tmp_path / "again"
    generate(SCALE, 42, out, progress=False)
    assert _digest(out) == _digest(gen_raw)
