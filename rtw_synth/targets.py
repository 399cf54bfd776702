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
AGE_WORKING_SHARE = 0.10  # age-rule plans aged 18-64 at discharge (65th birthday on the rehab start date)
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
POSITIVE_SHARE = 0.425
# trajectory after start (Bilag 2 Tables 2-3, Bilag 3 Figur 2.1); tuned at scale 1, seed 42
PERSIST_3M = 0.87
P_RUN_BEFORE_26 = 0.63  # persistent runs: share ending before week 26 (weeks 13-23)
P_RUN_13_16 = 0.22  # ... of which (as a share of all persistent runs) ending in weeks 13-16
# ... in weeks 17-21 (the rest of P_RUN_BEFORE_26 ends in weeks 22-23): month 5's persistence
P_RUN_17_21 = 0.17
# week (after start) in which the run of those on benefits at start but back at work at 3 months ends, weeks
# 0-11: a run ending in week 3 or 8 is on benefits at month 1 or 2 (2 of weeks 2-4 / 7-9) without having been
# so since start, so those weeks are rarer (Bilag 2 Table 3: persistence 96.4 / 92.3 % at months 1 / 2)
RECOVERY_END_WEEK_PCT = (9.35, 9.35, 9.35, 3.0, 7.3, 7.3, 7.3, 7.3, 2.5, 8.7, 8.7, 8.7)
# first week of the new spell of those on benefits at 3 months but not at start (spells start in weeks
# LATE_SPELL_FIRST_WEEK-12; a spell starting in week 1-2 is on benefits at month 1: Bilag 2 Table 3, month 1)
LATE_SPELL_FIRST_WEEK = 3
P_EARLY_SWITCH = 0.09
P_LATE_SWITCH = 0.36
P_LATE_SICK = 0.65
P_LATE_SPELL = 0.07
# employment after start (registers/bfl.py): share of the analysed courses neither on benefits at 3 months
# nor with paid hours in bfl in the month of the window's last week, in percent (Kap. 3 note 2: "ca. 1 pct.
# af analysepopulationen"; the report's delanalyse, METHOD §8.8 `neither_excluded`)
NEITHER_BENEFITS_NOR_EMPLOYED_PCT = 1.0

# ---------------------------------------------------------------------- case-mix marginals (persons, plans)
# Bilag 3 Tabel 3.3 (linked plans) where it prints a figure; plausible values where the report is silent.
SHARE_WOMEN = 0.47  # Tabel 3.3: 47 % women
# age bands of Table 5.4 (18-25, 26-30, 31-40, 41-45, 46-50, 51-55, 56-60, 61-64), summing to Tabel 3.3's
# 18-30 13 %, 31-40 17 %, 41-50 29 %, 51-64 40 %
AGE_BAND_PCT = (5, 8, 17, 13, 16, 15, 16, 10)
AGE_BAND_LOWER = (18, 26, 31, 41, 46, 51, 56, 61)
# education levels of Table 5.4 (grundskole, gymnasial, erhvervsfaglig, KVU, MVU, LVU, øvrige): Tabel 3.3
EDUCATION_PCT = (16, 6, 42, 6, 21, 8, 1)
INCOME_PCT = (22, 38, 25, 15)  # < 200,000 / 200-300,000 / 300-400,000 / >= 400,000 DKK (not published)
ORIGIN_PCT = (88.5, 4, 7.5)  # Danish / western / non-western (not published)
SHARE_COHABITING = 0.70
SHARE_PSYCHIATRIC = 0.04
SHARE_COMORBIDITY = 0.08
# diagnosis groups (Table 5.2): (percent of plans aged 18-64, slope on the age score, operation rate).
# Tabel 3.3 prints: Artropatier 6 (= andre ledsygdomme + slidgigt andre), Bløddelsvæv 18 (= skulder + andre
# bløddelsvæv), Læsion af skulder/overarm 8, albue/underarm 4, knæ og underben 16, Ryg 15, Slidgigt hofte 4,
# Slidgigt knæ 8, Andre lidelser knæ 8 (= knæ og knæskal); the rest (13 %) is spread over the other groups.
# Age slope (joint.py, log odds per unit of the age score): wear and tear older, injuries younger. Operation
# rate: plausible (joint replacements, arthroscopies, fractures), as tilts of the 38 % operated.
DIAGNOSIS = {
    "Slidgigt, hofte": (4, 1.4, 0.85),
    "Slidgigt, knæ": (8, 1.4, 0.8),
    "Slidgigt, andre": (1.5, 1.2, 0.45),
    "Knæ og knæskal": (8, -0.3, 0.55),
    "Andre ledsygdomme": (4.5, 0.2, 0.25),
    "Ryg": (15, 0.0, 0.2),
    "Skulder": (10, 0.4, 0.4),
    "Andre bløddelsvæv": (8, 0.0, 0.15),
    "Osteopatier og kondropatier": (1, 0.5, 0.3),
    "Muskler, knogle, bindevæv - andre": (1, 0.0, 0.15),
    "Læsion, hoved/hals": (0.5, -0.6, 0.15),
    "Læsion, abdomen/lænd/bækken": (0.5, -0.6, 0.25),
    "Læsion, skulder/overarm": (8, -0.4, 0.45),
    "Læsion, albue/underarm": (4, -0.6, 0.45),
    "Læsion, håndled/hånd": (3.5, -0.6, 0.4),
    "Læsion, hofte/lår": (1.5, 0.6, 0.75),
    "Læsion, knæ/underben": (15.5, -0.6, 0.4),
    "Læsion, ankel/fod": (3, -0.6, 0.45),
    "Andre læsioner, forgiftninger og andet": (1.5, -0.5, 0.2),
    "Andre uspecificerede kontakter til sygehuset": (1, 0.0, 0.2),
    "Andre sygdomme": (0.5, 0.3, 0.15),
}
# industry (Table 5.4 regression groups), percent: Tabel 3.3 prints Fremstilling 11, Bygge og anlæg 7,
# Engros og detailhandel 13, Undervisning 10, Sundhed og social 26; the rest plausible
INDUSTRY_PCT = {
    "Landbrug, jagt, skov, fiskeri, råstof": 2,
    "Fremstillingsvirksomhed": 11,
    "El, gas, fjernvarme, vand, kloak, affald": 1,
    "Bygge og anlæg": 7,
    "Engros og detailhandel": 13,
    "Transport og gods": 5,
    "Hotel og restaurant": 3,
    "Information og kommunikation": 3,
    "Finans, bank, forsikring, ejendom": 3,
    "Lib., videnskab., tek, ydelser": 4,
    "Adm, tjenesteydelser": 5,
    "Offentlig forval., forsvar": 7,
    "Undervisning": 10,
    "Sundhed og social": 26,
    "Andre": 3,
}
# operated at the plan contact: Kap. 5 Figur 5.6 (33 % of the operated and 15 % of the others on benefits at
# 3 months, 21.9 % of all) -> (21.9 - 15) / (33 - 15) = 38 % operated
SHARE_OPERATED = 0.383
SHARE_FULL_TIME = 0.60
SHARE_PHYSIO = 0.22
HOSPITAL_DAYS_PCT = (62, 20, 13, 5)  # 1-3, 4-5, 6-10, > 10 contact days (not published)
SPECIALTY_PCT = (80, 5, 6, 9)
GP_CONTACTS_PCT = (45, 30, 20, 5)
BENEFIT_WEEKS_YEAR_PCT = (80, 15, 5)  # none, 1-25, 26-52 weeks in the year before (not published)
# 1-4, 5-8, > 8 weeks among those with any (Kap. 5 Figur 5.1: most of those on benefits at 3 months had 1-4)
BENEFIT_WEEKS_SUB_PCT = (42, 35, 23)

# ------------------------------------------------------- case-mix correlation (joint.py, log odds ratios)
# The report's Kap. 5 explains its crude differences by how the case-mix hangs together: the operated have
# large-joint diagnoses and heavier courses (more on sick leave before start); age goes with diagnosis (wear
# and tear), education and income; industry with sex and education; physical work with being off work. The
# tilts are plausible log odds ratios; together with POSITIVE_PROPENSITY they are tuned (scale 1, seed 42) so
# that the crude figures of Kap. 4-5 and Bilag 2 Tables 2-4 come within 2 points of the report.
# per education level: slope on the age score a = (age band - 3.5) / 3.5 (-1 youngest ... +1 oldest)
EDUCATION_AGE_SLOPE = (0.5, -1.2, 0.2, 0.0, 0.0, -0.4, 0.3)
EDUCATION_WOMAN = (-0.1, 0.1, -0.35, -0.2, 0.7, 0.0, 0.0)
# income: per education level a slope on the income score (-1.5, -0.5, 0.5, 1.5); women and the young earn
# less
INCOME_EDUCATION_SLOPE = (-0.45, -0.3, 0.0, 0.2, 0.3, 0.75, -0.3)
INCOME_WOMAN_SLOPE = -0.35
INCOME_AGE_SLOPE = 0.35
COMORBIDITY_AGE_SLOPE = 0.8
# industry given sex and education
INDUSTRY_WOMAN = {
    "Bygge og anlæg": -2.2,
    "Landbrug, jagt, skov, fiskeri, råstof": -0.8,
    "Fremstillingsvirksomhed": -0.7,
    "El, gas, fjernvarme, vand, kloak, affald": -1.0,
    "Transport og gods": -1.2,
    "Information og kommunikation": -0.6,
    "Sundhed og social": 1.3,
    "Undervisning": 0.5,
    "Offentlig forval., forsvar": 0.2,
}
INDUSTRY_EDUCATION = {  # education level -> industry -> tilt
    "grundskole": {
        "Fremstillingsvirksomhed": 0.4,
        "Transport og gods": 0.5,
        "Hotel og restaurant": 0.5,
        "Landbrug, jagt, skov, fiskeri, råstof": 0.4,
        "Finans, bank, forsikring, ejendom": -0.8,
        "Lib., videnskab., tek, ydelser": -0.8,
        "Undervisning": -0.8,
        "Information og kommunikation": -0.6,
    },
    "erhvervsfaglig": {
        "Bygge og anlæg": 1.1,
        "Fremstillingsvirksomhed": 0.3,
        "Finans, bank, forsikring, ejendom": -0.4,
        "Lib., videnskab., tek, ydelser": -0.5,
        "Undervisning": -0.6,
    },
    "MVU": {
        "Undervisning": 1.1,
        "Sundhed og social": 0.5,
        "Offentlig forval., forsvar": 0.4,
        "Bygge og anlæg": -1.0,
        "Fremstillingsvirksomhed": -0.4,
    },
    "LVU": {
        "Finans, bank, forsikring, ejendom": 1.0,
        "Lib., videnskab., tek, ydelser": 1.3,
        "Information og kommunikation": 1.0,
        "Offentlig forval., forsvar": 0.7,
        "Undervisning": 0.8,
        "Bygge og anlæg": -1.5,
        "Fremstillingsvirksomhed": -0.5,
        "Hotel og restaurant": -0.8,
    },
}
# hospital contact days given operation / acute admission (per band 1-3, 4-5, 6-10, > 10)
HOSPITAL_DAYS_OPERATED = (0.0, 0.5, 0.9, 1.2)
HOSPITAL_DAYS_ACUTE = (0.0, 0.2, 0.4, 0.6)
FULL_TIME_WOMAN = -0.8
# benefit weeks in the year before (none, 1-25, 26-52) per income level (low incomes more often)
BENEFIT_WEEKS_YEAR_INCOME = ((0.0, 0.4, 0.6), (0.0, 0.1, 0.2), (0.0, -0.1, -0.2), (0.0, -0.4, -0.6))
# Who has benefit weeks from 2 months before admission to rehab start (the strongest predictor, β ≈ 3): within
# each municipality the c_k courses with the highest propensity + logistic noise (outcome.py). Log odds.
POSITIVE_PROPENSITY = {
    "operation": 2.1,
    "age_50_plus": 0.35,
    "woman": 0.15,
    "joint_size": {"large": -0.15, "small": -0.5, "other": 0.35},
    "hospital_days": (0.0, 0.2, 0.4, 0.6),
    "benefit_weeks_year": (0.0, 0.4, 0.8),
    "acute": 0.4,
    "income": (0.3, 0.1, 0.0, -0.1),
    "industry": {
        "Bygge og anlæg": 1.1,
        "Finans, bank, forsikring, ejendom": -1.1,
        "Lib., videnskab., tek, ydelser": -1.1,
        "Information og kommunikation": -0.5,
        "Offentlig forval., forsvar": -0.3,
        "Undervisning": -0.3,
    },
}
