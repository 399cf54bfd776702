"""The headline figures of one build, to judge a period's plausibility (make test-period; METHOD §0).

Prints the cohort attrition (courses per step), the analysed courses per start year, the national shares on
benefits at the start and at months 3 and 6 (whole analysed cohort, excluded weeks left out as METHOD §2), the
benchmarked municipalities and the data-quality exclusions. Reads aggregates of a warehouse (read-only); no
person key is printed. Exits non-zero when the cohort is empty or a share is outside 5-80 %.
"""

from __future__ import annotations

import argparse
import sys

import duckdb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True)
    a = ap.parse_args(argv)
    con = duckdb.connect(a.db, read_only=True)
    print("attrition (courses in -> out -> remaining):")
    for step, name, c_in, c_out, c_rem in con.execute(
        "select step_number, step_name, courses_in, courses_out, courses_remaining"
        " from publication.pub_cohort_attrition order by step_number"
    ).fetchall():
        print(f"  {step:>2} {name:<22} {c_in:>7} {c_out:>7} {c_rem:>7}")
    per_year = con.execute(
        "select start_year, count(*) from restricted.analysis_cohort group by 1 order by 1"
    ).fetchall()
    print("analysed courses per start year:", ", ".join(f"{y}: {n}" for y, n in per_year))
    shares = con.execute(
        "select"
        " 100 * avg(is_on_benefits_m0::int),"
        " 100 * avg(is_on_benefits_m3::int) filter (where not is_excluded_m3),"
        " 100 * avg(is_on_benefits_m6::int) filter (where not is_excluded_m6),"
        " count(*)"
        " from restricted.analysis_cohort"
    ).fetchone()
    print(
        f"on benefits at start / 3 / 6 months: {shares[0]:.1f} / {shares[1]:.1f} / {shares[2]:.1f} % "
        f"of {shares[3]} courses"
    )
    quality = con.execute(
        "select count(*) filter (where not is_year_kept), count(*)"
        " from publication.pub_table3_1_quality_exclusions"
    ).fetchone()
    print(f"municipality-years failing data quality: {quality[0]} of {quality[1]}")
    benchmarked = con.execute("select count(*) from publication.pub_bilag2_table1_benchmark").fetchone()[0]
    print(f"municipalities benchmarked: {benchmarked}")
    ok = shares[3] > 0 and all(s is not None and 5 <= s <= 80 for s in shares[:3])
    if not ok:
        print("implausible: empty cohort or a share outside 5-80 %", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
