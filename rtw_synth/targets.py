"""Calibration targets: every number the generator is tuned to, with where it comes from in the report.

"Kap." = the main report, "Bilag 2/3" = its appendices (tables and figures as numbered there). Figures the
generator reads from the published seeds (Table 5.4's coefficients, Bilag 2 Tables 1-2 per municipality,
Table 3.1) are not repeated here; design.py holds the municipality-level design (cohort counts, Table 3.1's
small numbers, linkage rates) and reads its targets from here as well.
"""

from __future__ import annotations

from .categories import AGE, BEN79, CUT, DEATH, EMIG, HOURS, NOJOB, UNDET, Y2015, Y2018

# ---------------------------------------------------------------------------------------- plans (Bilag 3 §1)
# plans per exclusion rule at scale 1 (Bilag 3 §1 and Tabel 2.1/3.1 notes; not employed: mostly retired,
# sized so that > 275,000 persons have a plan discharged 2015-11 ... 2017-12 and ≈ 60 % of plans are MSK)
NATIONAL = {
    UNDET: 480,
    DEATH: 90,
    EMIG: 60,
    BEN79: 2500,
    HOURS: 3000,
    NOJOB: 92300,
    AGE: 6000,
    Y2015: 6000,
    Y2018: 250,
    CUT: 300,
}
AGE_WORKING_SHARE = 0.25  # age-rule plans aged 18-64 at discharge (65th birthday on the rehab start date)
YEAR_OUT_SHARE = 0.08  # start-year plans outside 18-64 (build_persons)
# share of the linked plans at risk outside 18-64 at discharge (≈ 14 % at scale 1, seed 42); the
# unlinked plans get about the same share (their count is rounded up), so linked and not-linked plans have
# the same working-age profile
LINKED_OUT_SHARE = 0.13
N_REPEAT_VALID = 200
N_REPEAT_CLOSE = 150
N_HOLIDAY = 56
# share with benefit weeks from 2 months before admission to rehab start (Kap. 5 Figur 5.1: 71 % of those
# off benefits and 10 % of those on benefits at 3 months had none -> 0.78·0.29 + 0.22·0.90 ≈ 0.424)
POSITIVE_SHARE = 0.46
# trajectory after start (Bilag 2 Tables 2-3, Bilag 3 Figur 2.1); tuned at scale 1, seed 42
PERSIST_3M = 0.87
P_RUN_BEFORE_26 = 0.62  # persistent runs: share ending before week 26 (weeks 13-23)
P_EARLY_SWITCH = 0.09
P_LATE_SWITCH = 0.36
P_LATE_SICK = 0.65
P_LATE_SPELL = 0.08
