"""Employment after the rehab start in the generator's bfl (registers/bfl.py ``after_start``), measured on the
written registers at scale 0.1 (≈ 2,000 analysed courses, generated once): the share of the analysed courses
neither on benefits at 3 months nor with paid hours in the month of the window's last week is the report's
(Kap. 3 note 2, seed published_headline_figures), and the rows after the start are the pre-admission job."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from rtw_synth.generator import generate
from rtw_synth.seeds import load_seeds

SCALE = 0.1
# ≈ 2,000 courses: the binomial standard error of a 1 % share is ≈ 0.22 points
TOLERANCE_PP = 0.6


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("employment") / "raw"
    generate(SCALE, 42, out, progress=False)
    return out


@pytest.fixture(scope="module")
def con(raw):
    c = duckdb.connect()
    c.execute(f"create view bfl as select * from read_parquet('{raw}/bfl/*.parquet')")
    c.execute(f"create view courses as select * from read_parquet('{raw}/_truth/courses.parquet')")
    c.execute("create view cohort as select * from courses where is_expected_in_cohort")
    # METHOD §8.8: the calendar month of the Monday of the headline window's last week (start week + 13)
    c.execute(
        """
        create view measured as
        select cohort.recnum, cohort.pnr, cohort.admission_date, cohort.derived_on_benefits_m3 as on_3,
            coalesce(sum(bfl.ajo_loentimer), 0) as paid_hours
        from cohort
        left join bfl
            on bfl.pnr = cohort.pnr
            and make_date(bfl.aar, bfl.mdr, 1)
                = date_trunc('month', date_trunc('week', cohort.rehab_start) + interval 13 week)
        group by all
        """
    )
    return c


def test_neither_on_benefits_nor_employed_at_3_months_is_the_reports(con):
    published = load_seeds()["published_headline_figures"].set_index("figure")["value"]
    target = float(published["neither_benefits_nor_employed_3_months"])
    n, neither, off = con.sql(
        "select count(*), 100 * avg((not on_3 and paid_hours = 0)::int), 100 * avg((not on_3)::int) "
        "from measured"
    ).fetchone()
    assert n > 1500
    assert off > 50  # most are off benefits: without employment after the start the share would be ≈ 78 %
    assert abs(neither - target) <= TOLERANCE_PP, (round(neither, 2), target)
    # a planted share without employment exists (not zero)
    assert neither > 0


def test_employment_after_start_is_the_pre_admission_job(con):
    """Every job a course has in the measured month is one (workplace and DB07 code) the person had in the key
    month of §1.2 (admission month - 2) of one of the person's plans (a too-close repeat's job may differ)."""
    foreign = con.sql(
        """
        with jobs_3 as (
            select m.recnum, bfl.ajo_arbnr_senr, bfl.ajo_branche07
            from measured as m
            join cohort as c using (recnum)
            join bfl on bfl.pnr = m.pnr
                and make_date(bfl.aar, bfl.mdr, 1)
                    = date_trunc('month', date_trunc('week', c.rehab_start) + interval 13 week)
        ),
        before as (
            select m.recnum, bfl.ajo_arbnr_senr, bfl.ajo_branche07
            from measured as m
            join courses as p on p.pnr = m.pnr
            join bfl on bfl.pnr = m.pnr
                and make_date(bfl.aar, bfl.mdr, 1) = date_trunc('month', p.admission_date) - interval 2 month
        )
        select count(*) from jobs_3 anti join before using (recnum, ajo_arbnr_senr, ajo_branche07)
        """
    ).fetchone()[0]
    assert foreign == 0, foreign
