"""Plan categories: every plan the generator creates belongs to one, named for the rule it is designed to fail
(or to pass: the cohort). How many plans of each category there are is in targets.py."""

from __future__ import annotations

# plan categories
COHORT, UNDET, DEATH, EMIG, BEN79, HOURS, NOJOB, AGE, Y2015, Y2018 = range(10)
REP_CLOSE, NOLINK, LATE, SINGLE, CUT, SPEC_MSK, NONMSK, ANCHOR, CUT_SPEC, REP_VALID = range(10, 20)
CAT_NAMES = [
    "analysed_or_municipality_quality",
    "undeterminable_benefit_3m",
    "died",
    "emigrated",
    "benefits_2_of_weeks_7_9",
    "fewer_than_80_hours",
    "not_employed",
    "age_outside_18_64",
    "start_year_2015",
    "start_year_2018",
    "repeat_too_close",
    "no_municipal_course",
    "first_service_after_day_60",
    "single_service",
    "single_service_course_cut_by_new_plan",
    "specialised_plan",
    "not_msk",
    "not_msk",
    "specialised_plan",
    "analysed_or_municipality_quality",
]
DEEP_CATS = [
    COHORT,
    UNDET,
    DEATH,
    EMIG,
    BEN79,
    HOURS,
    NOJOB,
    AGE,
    Y2015,
    Y2018,
    REP_CLOSE,
    NOLINK,
    LATE,
    SINGLE,
    CUT,
    REP_VALID,
]
# plans linked to a course that pass §1.1-1.3 (Tables 3.2/3.3's population before the age restriction)
LINKED_AT_RISK = [COHORT, UNDET, DEATH, EMIG, AGE, Y2015, Y2018, REP_CLOSE, REP_VALID]
UNLINKED = [NOLINK, LATE, SINGLE, CUT]
