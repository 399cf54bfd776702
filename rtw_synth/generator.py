# ruff: noqa: N806
# (upper-case A, S, M, L, R = admission week, start week, week matrix, lengths, records)
"""Generate the synthetic register extracts (see README.md for the mechanism)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm import tqdm

from . import __version__
from .design import cohort_counts, kept_cells, municipality_table
from .model import BANDED, OutcomeModel, grouped_bernoulli, sigmoid, solve_effects
from .seeds import load_seeds
from .writer import date_array, str_array, write_named, write_table

EPOCH = dt.date(1970, 1, 1)
WEEK0 = (dt.date(2013, 12, 30) - EPOCH).days  # Monday of ISO week 2014-W01
N_WEEKS = 261  # 2014-W01 ... 2018-W52 (2015 has 53 weeks)
YEARS = np.arange(2014, 2020)


def day(s: str) -> int:
    return (dt.date.fromisoformat(s) - EPOCH).days


def week_labels() -> list[str]:
    out = []
    for c in range(N_WEEKS):
        y, w, _ = (EPOCH + dt.timedelta(days=WEEK0 + 7 * c)).isocalendar()
        out.append(f"y_{y % 100:02d}{w:02d}")
    return out


def wcol(days: np.ndarray) -> np.ndarray:
    return (np.asarray(days) - WEEK0) // 7


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.asarray(days, dtype="datetime64[D]")
    y = d.astype("datetime64[Y]").astype(int) + 1970
    m = d.astype("datetime64[M]").astype(int) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(int) + 1
    return y, m, dd


def month_start(y: np.ndarray, m: np.ndarray) -> np.ndarray:
    return (
        ((np.asarray(y) - 1970) * 12 + np.asarray(m) - 1)
        .astype("datetime64[M]")
        .astype("datetime64[D]")
        .astype(int)
    )


def age_at(birth: np.ndarray, when: np.ndarray) -> np.ndarray:
    by, bm, bd = ymd(birth)
    wy, wm, wd = ymd(when)
    return wy - by - ((wm < bm) | ((wm == bm) & (wd < bd)))


def band(x: np.ndarray, lowers: list[float]) -> np.ndarray:
    """Index of the band (closed on the left) given the lower bounds of bands 1..k."""
    return np.searchsorted(np.asarray(lowers), x, side="right")


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
# plans linked to a course that pass §1.1-1.3 (Tables 3.2/3.3's population before the age restriction)
LINKED_AT_RISK = [COHORT, UNDET, DEATH, EMIG, AGE, Y2015, Y2018, REP_CLOSE, REP_VALID]
UNLINKED = [NOLINK, LATE, SINGLE, CUT]
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

K_CODES = np.array(["KNFB20", "KNGB20", "KNHJ60", "KNBH41", "KNGC11", "KNAG40", "KNFJ51", "KNDH32"])
OTHER_OPR = np.array(["ZZ0149", "ZZ4010", "BWAA62"])
GES_CODES = np.array(["BLNZ1", "BLNZ2", "BLNZ3", "BLNZ4", "BLNZ5"])


class Codes:
    """Code lists from the seeds, resolved once."""

    def __init__(self, seeds: dict[str, pd.DataFrame]):
        d = seeds["dream_benefit_codes"].sort_values("benefit_code").reset_index(drop=True)
        self.dream = d["benefit_code"].to_numpy()
        self.dream_index = {c: i + 1 for i, c in enumerate(self.dream)}  # 0 = no code
        cls = d["benefit_class"].map({"not_returned": 1, "undeterminable": 2, "exit": 3}).fillna(0)
        self.dream_class = np.concatenate([[0], cls.to_numpy(dtype=np.int8)]).astype(np.int8)
        self.dream_sick = np.concatenate([[False], d["is_sickness_benefit"].to_numpy()])
        mix = d["benefit_mix_group"].map({"sickness_benefit": 1, "unemployment_etc": 2, "other": 3})
        self.dream_mix = np.concatenate([[0], mix.fillna(0).to_numpy(dtype=np.int8)]).astype(np.int8)

        def pick(code: str, cls_name: str, sick: bool | None = None) -> int:
            if code in self.dream_index:
                return self.dream_index[code]
            sub = d[d["benefit_class"] == cls_name]
            if sick is not None:
                sub = sub[sub["is_sickness_benefit"] == sick]
            return self.dream_index[sub["benefit_code"].iloc[0]]

        self.SICK = pick("890", "not_returned", True)
        sick_partial = d[d["is_sickness_benefit"] & d["is_partial"]]["benefit_code"]
        self.PARTIAL = self.dream_index[sick_partial.iloc[0]] if len(sick_partial) else self.SICK
        self.UNEMP = pick("111", "not_returned", False)
        self.SUPP = pick("112", "not_returned", False)
        self.CASH = pick("130", "not_returned", False)
        self.LEDIG = pick("740", "not_returned", False)
        self.JOBAF = pick("785", "not_returned", False)
        self.RESS = pick("810", "not_returned", False)
        self.REVAL = pick("750", "not_returned", False)
        self.FLEX = pick("771", "not_returned", False)
        self.HOLIDAY = pick("121", "undeterminable")
        self.UNDET_OTHER = np.array(
            [pick(c, "undeterminable") for c in ("881", "412", "651", "783", "621", "521")]
        )
        self.PENSION = pick("998", "undeterminable")
        ex = d[d["benefit_class"] == "exit"]
        death = ex[ex["exit_event"] == "death"]["benefit_code"]
        emig = ex[ex["exit_event"] == "emigration"]["benefit_code"]
        self.DEATH = self.dream_index[death.iloc[0]] if len(death) else 0
        self.EMIG = self.dream_index[emig.iloc[0]] if len(emig) else 0

        # diagnoses: every 3-character category of each group that lies in exactly one range and is no
        # Charlson code (so plan contacts never create comorbidity)
        dg = seeds["diagnosis_groups"]
        charl = seeds["charlson_icd10"]["icd10_prefix"].to_numpy()
        self.charlson = charl
        cats = []
        for letter in "CDGLMQRSTZ":
            for n in range(100):
                cats.append(f"D{letter}{n:02d}")
        cats = np.array(cats)
        grp_of = np.full(len(cats), "", dtype=object)
        nhit = np.zeros(len(cats), dtype=int)
        for r in dg.itertuples():
            hit = (cats >= r.icd10_from) & (cats <= r.icd10_to)
            nhit += hit
            grp_of[hit] = r.diagnosis_group
        is_charl = np.array([any(p.startswith(c) or c.startswith(p[:4]) for p in charl) for c in cats])
        ok = (nhit == 1) & ~is_charl
        groups = dg.drop_duplicates("diagnosis_group").sort_values("group_order")["diagnosis_group"].tolist()
        self.diag_groups = groups
        self.diag_cats = [cats[ok & (grp_of == g)] for g in groups]
        admin = dg[dg["is_administrative"]]["diagnosis_group"]
        self.admin_group = groups.index(admin.iloc[0]) if len(admin) else None
        fallback = dg[dg["is_fallback"]]["diagnosis_group"]
        self.fallback_group = groups.index(fallback.iloc[0]) if len(fallback) else None
        f_cats = np.array([f"DF{n:02d}" for n in range(10, 99)])
        self.psych_diag = np.array(
            [c for c in f_cats if not any(p.startswith(c) or c.startswith(p[:4]) for p in charl)]
        )
        self.charlson_diag = np.array([p if len(p) >= 5 else p + "9" for p in charl if p[:2] != "DF"])
        # hospital specialties
        hs = seeds["hospital_specialties"]
        self.spec_by_group = {
            g: hs[(hs["regression_group"] == g) & ~hs["is_psychiatry"]]["c_spec"].to_numpy()
            for g in BANDED["specialty"]
        }
        self.psych_spec = hs[hs["is_psychiatry"]]["c_spec"].to_numpy()
        self.somatic_spec = hs[~hs["is_psychiatry"]]["c_spec"].to_numpy()
        # plans
        rp = seeds["rehab_plan_codes"]
        self.plan_general = rp[rp["plan_type"] == "general"]["sks_code"].to_numpy()
        self.plan_special = rp[rp["plan_type"] == "specialised"]["sks_code"].to_numpy()
        self.plan_special_rehab = rp[rp["plan_type"] == "specialised_rehabilitation"]["sks_code"].to_numpy()
        # sssy
        ss = seeds["sssy_services"]
        gp = ss[(ss["service_class"] == "gp_consultation") & (ss["service_code"] != "*")]
        self.gp_speciale = (gp["provider_specialty"] + gp["service_code"]).to_numpy()
        ph = ss[ss["service_class"] == "physio_ergo"]["provider_specialty"].to_numpy()
        self.physio_prov = ph
        gp_codes = set(gp["service_code"])
        other = ss[(ss["service_class"] == "other") & (ss["service_code"] == "*")]["provider_specialty"]
        self.other_speciale = np.array([p + "2101" for p in other if p + "2101" not in gp_codes])
        # education
        ed = seeds["education_levels"]
        self.edu_by_level = {
            lev: ed[ed["education_level"] == lev]["hfaudd"].to_numpy() for lev in BANDED["education"]
        }
        known = set(ed["hfaudd"])
        self.edu_other = np.array([c for c in ("9999", "9990", "9000") if c not in known] or ["9999"])
        # origin
        co = seeds["countries_of_origin"]
        co = co[co["opr_land"].str.strip().str.isdigit()]
        self.country = {
            g: co[co["origin_group"] == g]["opr_land"].astype(int).to_numpy() for g in BANDED["origin"]
        }
        dk = co[co["origin_group"] == "danish"]["opr_land"].astype(int)
        self.denmark = int(dk.iloc[0]) if len(dk) else 5100
        # industry
        db = seeds["db07_divisions"]
        self.div_by_group = {
            g: db[db["regression_group"] == g]["db07_division"].to_numpy()
            for g in db["regression_group"].unique()
        }
        self.all_divisions = db["db07_division"].to_numpy()


def choice_by(rng: np.random.Generator, pools: list[np.ndarray], idx: np.ndarray) -> np.ndarray:
    """For each element pick a random member of pools[idx]."""
    out = np.empty(len(idx), dtype=object)
    for g in np.unique(idx):
        sel = np.flatnonzero(idx == g)
        out[sel] = pools[g][rng.integers(0, len(pools[g]), size=len(sel))]
    return out


def rand_digits(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    v = rng.integers(0, 10**k, size=n)
    return np.char.zfill(v.astype(str), k).astype(object)


class Generator:
    def __init__(
        self,
        scale: float,
        seed: int,
        seeds_dir: Path | None = None,
        background_ratio: float = 1.0,
        progress: bool = True,
    ):
        self.scale = float(scale)
        self.seed = int(seed)
        self.background_ratio = float(background_ratio)
        self.progress = progress
        self.seeds = load_seeds(seeds_dir)
        self.codes = Codes(self.seeds)
        self.model = OutcomeModel(self.seeds)
        names = [
            "design",
            "plans",
            "casemix",
            "outcome",
            "dream",
            "lpr",
            "ges",
            "bfl",
            "persons",
            "sssy",
            "misc",
            "linkage",
        ]
        children = np.random.SeedSequence(self.seed).spawn(len(names))
        self.rng = {n: np.random.default_rng(c) for n, c in zip(names, children, strict=True)}
        self.tables: dict[str, pa.Table] = {}
        self.truth: dict[str, pa.Table] = {}

    # ------------------------------------------------------------------ plans
    def build_plans(self) -> None:
        r = self.rng["plans"]
        mun = municipality_table(self.seeds, self.rng["design"])
        self.mun = mun
        nk = len(mun)
        self.cohort_cells = cohort_counts(mun, self.scale)
        w = (mun["pop2016"] + mun["pop2017"]).to_numpy()
        pw = w / w.sum()
        cols: dict[str, list[np.ndarray]] = {k: [] for k in ("cat", "kom", "start", "disch", "linked")}

        def add(cat: int, kom: np.ndarray, start: np.ndarray, disch: np.ndarray, linked: int) -> None:
            n = len(kom)
            cols["cat"].append(np.full(n, cat))
            cols["kom"].append(kom.astype(np.int64))
            cols["start"].append(start.astype(np.int64))
            cols["disch"].append(disch.astype(np.int64))
            cols["linked"].append(np.full(n, linked))

        def delay(n: int, hi: int = 55) -> np.ndarray:
            return np.minimum(np.round(r.gamma(2.0, 5.0, size=n)).astype(int), hi)

        # cohort courses, per municipality-year
        kom_c = np.repeat(
            np.tile(np.arange(nk), 2), np.concatenate([self.cohort_cells[:, 0], self.cohort_cells[:, 1]])
        )
        yr_c = np.repeat(
            np.repeat([2016, 2017], nk), np.concatenate([self.cohort_cells[:, 0], self.cohort_cells[:, 1]])
        )
        st = np.where(yr_c == 2016, day("2016-01-01"), day("2017-01-01")) + r.integers(
            0, 365, size=len(kom_c)
        )
        add(COHORT, kom_c, st, st - delay(len(st)), 1)
        s = self.scale
        for cat, n1 in NATIONAL.items():
            n = round(n1 * s)
            kom = r.choice(nk, size=n, p=pw)
            if cat == Y2015:
                st = day("2015-11-08") + r.integers(0, 54, size=n)
                dl = np.minimum(delay(n), st - day("2015-11-01"))
            elif cat == Y2018:
                st = day("2018-01-02") + r.integers(0, 20, size=n)
                dl = st - (day("2017-12-01") + r.integers(0, 31, size=n))
            else:
                st = day("2016-01-01") + r.integers(0, 731, size=n)
                dl = delay(n)
            add(cat, kom, st, st - dl, 1)
        # not linked to a course, per municipality linkage rate. The rate is Tables 3.2/3.3's: among general
        # MSK plans passing §1.1-1.3 (employed, no benefits before) of persons aged 18-64 at discharge. The
        # linked plans at risk are the categories failing no earlier rule than §1.4 (not NOJOB/HOURS/BEN79;
        # CUT is itself not linked), weighted by their expected share of working age at discharge; the
        # unlinked plans get LINKED_OUT_SHARE outside 18-64 on top, and build_persons makes the working-age
        # count of each municipality exact once the ages of the linked plans are drawn (_fit_unlinked_ages)
        cat_deep = np.concatenate(cols["cat"])
        kom_deep = np.concatenate(cols["kom"])
        w_age = np.select(
            [cat_deep == AGE, np.isin(cat_deep, [Y2015, Y2018])], [AGE_WORKING_SHARE, 1 - YEAR_OUT_SHARE], 1.0
        )
        at_risk = np.isin(cat_deep, LINKED_AT_RISK)
        linked_k = np.bincount(kom_deep[at_risk], weights=w_age[at_risk], minlength=nk)
        rate = mun["linkage_rate"].to_numpy()
        n_nl = np.ceil(linked_k * (1 - rate) / rate / (1 - LINKED_OUT_SHARE)).astype(int)
        kom_nl = np.repeat(np.arange(nk), n_nl)
        sub = r.choice(3, size=len(kom_nl), p=[0.72, 0.16, 0.12])
        dis = day("2015-11-01") + r.integers(0, 791, size=len(kom_nl))
        add(NOLINK, kom_nl[sub == 0], dis[sub == 0] + 14, dis[sub == 0], 0)
        dl = 65 + r.integers(0, 60, size=(sub == 1).sum())
        add(LATE, kom_nl[sub == 1], dis[sub == 1] + dl, dis[sub == 1], 1)
        st = day("2016-01-01") + r.integers(0, 731, size=(sub == 2).sum())
        add(SINGLE, kom_nl[sub == 2], st, st - delay(len(st)), 1)
        for k in cols:
            cols[k] = [np.concatenate(cols[k])]
        deep = {k: v[0] for k, v in cols.items()}
        # shallow plans: specialised MSK and non-MSK (general + specialised)
        g = mun["general_share"].to_numpy()
        gen_k = np.bincount(deep["kom"], minlength=nk)
        n_spec = np.round(gen_k * (1 - g) / g).astype(int)
        n_msk = gen_k + n_spec
        n_non = np.round(n_msk.sum() * 40 / 60 * pw).astype(int)
        kom_s = np.concatenate([np.repeat(np.arange(nk), n_spec), np.repeat(np.arange(nk), n_non)])
        cat_s = np.concatenate([np.full(n_spec.sum(), SPEC_MSK), np.full(n_non.sum(), NONMSK)])
        dis_s = day("2015-11-01") + r.integers(0, 791, size=len(kom_s))
        linked_s = (r.random(len(kom_s)) < 0.7).astype(int)
        self.plans = {
            "cat": np.concatenate([deep["cat"], cat_s]),
            "kom": np.concatenate([deep["kom"], kom_s]),
            "start": np.concatenate([deep["start"], dis_s + delay(len(dis_s))]),
            "disch": np.concatenate([deep["disch"], dis_s]),
            "linked": np.concatenate([deep["linked"], linked_s]),
        }
        n = len(self.plans["cat"])
        p = self.plans
        p["deep"] = np.isin(p["cat"], DEEP_CATS)
        p["msk"] = p["cat"] != NONMSK
        # plan type: non-MSK split by the municipality's general share
        spec = (p["cat"] == SPEC_MSK) | ((p["cat"] == NONMSK) & (r.random(n) > g[p["kom"]]))
        p["ptype"] = np.where(spec, np.where(r.random(n) < 0.05, 2, 1), 0)
        p["person"] = np.arange(n)
        p["seq"] = np.zeros(n, dtype=int)
        self._add_repeats()

    def _add_repeats(self) -> None:
        """Persons entering twice (>= 10 months apart), too-close repeats, and cut courses."""
        r = self.rng["plans"]
        p = self.plans
        n_valid = round(N_REPEAT_VALID * self.scale)
        coh = np.flatnonzero(p["cat"] == COHORT)
        y = ymd(p["start"][coh])[0]
        first = coh[y == 2016]
        second = coh[y == 2017]
        # pair within municipality-years that are analysed in both years (quota by largest remainder
        # in proportion to the smaller year): a 2016 course moved to January, a 2017 course to December
        keep = kept_cells(self.mun, self.cohort_cells, self.scale)
        both = keep.all(axis=1)
        cap = np.where(both, np.maximum(self.cohort_cells.min(axis=1) - 1, 0), 0).astype(float)
        quota = np.zeros(len(self.mun), dtype=int)
        if cap.sum() > 0 and n_valid > 0:
            want = np.minimum(cap, n_valid * cap / cap.sum())
            quota = np.floor(want).astype(int)
            rem = n_valid - quota.sum()
            order = np.argsort(-(want - quota), kind="stable")
            for k in order:
                if rem <= 0:
                    break
                if quota[k] < cap[k]:
                    quota[k] += 1
                    rem -= 1
        pairs_a, pairs_b = [], []
        fk, sk = p["kom"][first], p["kom"][second]
        for k in np.flatnonzero(quota):
            a = first[fk == k]
            b = second[sk == k]
            m = min(len(a), len(b), quota[k])
            pairs_a.append(a[:m])
            pairs_b.append(b[:m])
        if pairs_a:
            a = np.concatenate(pairs_a)
            b = np.concatenate(pairs_b)
            p["start"][a] = day("2016-01-04") + r.integers(0, 24, size=len(a))
            p["disch"][a] = p["start"][a] - r.integers(1, 10, size=len(a))
            p["start"][b] = day("2017-12-02") + r.integers(0, 26, size=len(b))
            p["disch"][b] = p["start"][b] - r.integers(1, 10, size=len(b))
            p["person"][b] = p["person"][a]
            p["seq"][b] = 1
            p["cat"][b] = REP_VALID
        # too-close repeats: second plan 4-7 months after a 2016 cohort course's discharge
        pool = np.flatnonzero((p["cat"] == COHORT) & (p["start"] < day("2016-07-01")))
        n_close = min(round(N_REPEAT_CLOSE * self.scale), len(pool))
        base = r.choice(pool, size=n_close, replace=False)
        base.sort()
        dis2 = p["disch"][base] + 120 + r.integers(0, 90, size=n_close)
        new = {
            "cat": np.full(n_close, REP_CLOSE),
            "kom": p["kom"][base],
            "disch": dis2,
            "start": dis2 + 3 + r.integers(0, 20, size=n_close),
            "linked": np.ones(n_close, dtype=int),
            "deep": np.ones(n_close, dtype=bool),
            "msk": np.ones(n_close, dtype=bool),
            "ptype": np.zeros(n_close, dtype=int),
            "person": p["person"][base],
            "seq": np.ones(n_close, dtype=int),
        }
        # cut courses: a specialised MSK plan discharged 7-20 days after the single first service
        cut = np.flatnonzero(p["cat"] == CUT)
        dis3 = p["start"][cut] + 7 + r.integers(0, 14, size=len(cut))
        new3 = {
            "cat": np.full(len(cut), CUT_SPEC),
            "kom": p["kom"][cut],
            "disch": dis3,
            "start": dis3 + 2 + r.integers(0, 8, size=len(cut)),
            "linked": np.ones(len(cut), dtype=int),
            "deep": np.zeros(len(cut), dtype=bool),
            "msk": np.ones(len(cut), dtype=bool),
            "ptype": np.ones(len(cut), dtype=int),
            "person": p["person"][cut],
            "seq": np.ones(len(cut), dtype=int),
        }
        for k in p:
            p[k] = np.concatenate([p[k], new[k], new3[k]])

    # ------------------------------------------------------------------ GES (municipal services)
    def build_ges(self) -> None:
        """Services per course: 2-4 calendar months from the first service, 3-4 services per person-month
        (so a_m never swings by itself); single-service courses; late starts; then defects and anchors."""
        r = self.rng["ges"]
        p = self.plans
        nk = len(self.mun)
        linked = np.flatnonzero(p["linked"] == 1)
        cat = p["cat"][linked]
        single = np.isin(cat, [SINGLE, CUT])
        nm = np.where(single, 1, r.integers(2, 5, size=len(linked)))
        # services reported by another municipality for 3 % of courses
        kom_g = p["kom"][linked].copy()
        other = r.random(len(linked)) < 0.03
        kom_g[other] = r.integers(0, nk, size=other.sum())
        rows_plan, rows_day, rows_kom = [], [], []
        sy, sm, _ = ymd(p["start"][linked])
        for j in range(4):
            act = nm > j
            idx = np.flatnonzero(act)
            mm = sm[idx] - 1 + j
            y = sy[idx] + mm // 12
            m = mm % 12 + 1
            m0 = month_start(y, m)
            m1 = month_start(y + (m == 12), m % 12 + 1)
            lo = np.where(j == 0, p["start"][linked][idx], m0)
            c = np.where(single[idx], 1, r.integers(3, 5, size=len(idx)))
            rep = np.repeat(np.arange(len(idx)), c)
            first = np.r_[0, np.cumsum(c)[:-1]]
            k_in = np.arange(len(rep)) - np.repeat(first, c)
            d = lo[rep] + (r.random(len(rep)) * (m1[rep] - lo[rep])).astype(int)
            d = np.where((j == 0) & (k_in == 0), lo[rep], d)
            rows_plan.append(linked[idx][rep])
            rows_day.append(d)
            rows_kom.append(kom_g[idx][rep])
        plan_i = np.concatenate(rows_plan)
        d = np.concatenate(rows_day)
        kom = np.concatenate(rows_kom)
        # anchors: in every municipality-month of 2016-2017 the services per person (a_m) lie in [3, 4], so a
        # year without a designed defect has 12 months and no swing at any scale: anchor plans (non-MSK, age
        # 75, one month of 2-8 services) fill empty months and pull a_m into the band
        y, m, _ = ymd(d)
        inwin = (y >= 2016) & (y <= 2017)
        cell = (kom * 24 + (y - 2016) * 12 + (m - 1))[inwin]
        svc = np.bincount(cell, minlength=nk * 24)
        pc = np.unique(np.stack([cell, p["person"][plan_i[inwin]]], axis=1), axis=0)
        per = np.bincount(pc[:, 0], minlength=nk * 24)
        a_cell, a_k = [], []
        for ci in range(nk * 24):
            sv, pp = int(svc[ci]), int(per[ci])
            if pp > 0 and 3 * pp <= sv <= 4 * pp:
                continue
            na = 1
            while True:
                need = int(np.floor(3.5 * (pp + na) - sv + 0.5))
                if 2 * na <= need <= 8 * na:
                    break
                na += 1
            ks = np.full(na, need // na)
            ks[: need % na] += 1
            a_cell.append(np.full(na, ci))
            a_k.append(ks)
        if a_cell:
            a_cell = np.concatenate(a_cell)
            a_k = np.concatenate(a_k)
            na = len(a_cell)
            nk_a = a_cell // 24
            ym = a_cell % 24
            m0 = month_start(2016 + ym // 12, ym % 12 + 1)
            step = 3
            a_start = m0 + (r.random(na) * (28 - step * (a_k - 1))).astype(int)
            pid0 = len(p["cat"])
            new = {
                "cat": np.full(na, ANCHOR),
                "kom": nk_a,
                "disch": a_start - 5,
                "start": a_start,
                "linked": np.ones(na, dtype=int),
                "deep": np.zeros(na, dtype=bool),
                "msk": np.zeros(na, dtype=bool),
                "ptype": np.zeros(na, dtype=int),
                "person": pid0 + np.arange(na),
                "seq": np.zeros(na, dtype=int),
            }
            for k in p:
                p[k] = np.concatenate([p[k], new[k]])
            rep = np.repeat(np.arange(na), a_k)
            first = np.r_[0, np.cumsum(a_k)[:-1]]
            off = np.arange(len(rep)) - np.repeat(first, a_k)
            plan_i = np.concatenate([plan_i, pid0 + rep])
            d = np.concatenate([d, a_start[rep] + step * off])
            kom = np.concatenate([kom, nk_a[rep]])
        code = GES_CODES[r.integers(0, 3, size=len(d))]
        gap_kom = self._kom_by_name("Slagelse")
        # defects of Table 3.1: a missing month (Slagelse 2016: reported under Ringsted) or swings
        y, m, _ = ymd(d)
        defects = []
        for k in range(nk):
            for yy in (2016, 2017):
                if not self.mun.loc[k, f"quality_fail{yy}"]:
                    continue
                if k == gap_kom and yy == 2016:
                    sel = (kom == k) & (y == yy) & (m == 6)
                    kom[sel] = self._kom_by_name("Ringsted")
                    defects.append((k, yy, "missing_month", 6))
                else:
                    mon = int(r.integers(3, 10))
                    # every service of the month reported three times (other codes): a_m triples, two swings
                    sel = np.flatnonzero((kom == k) & (y == yy) & (m == mon))
                    sel2 = np.concatenate([sel, sel])
                    plan_i = np.concatenate([plan_i, plan_i[sel2]])
                    d = np.concatenate([d, d[sel2]])
                    kom = np.concatenate([kom, kom[sel2]])
                    extra = np.concatenate([np.full(len(sel), 3), np.full(len(sel), 4)])
                    code = np.concatenate([code, GES_CODES[extra]])
                    y = np.concatenate([y, y[sel2]])
                    m = np.concatenate([m, m[sel2]])
                    defects.append((k, yy, "swing", mon))
        self.defects = defects
        self.ges = {"plan": plan_i, "day": d, "kom": kom, "code": code}

    def _kom_by_name(self, name: str) -> int:
        hit = np.flatnonzero(self.mun["kom_navn"].to_numpy() == name)
        return int(hit[0]) if len(hit) else 0

    # ------------------------------------------------------------------ persons and case-mix
    def _fit_unlinked_ages(self, birth: np.ndarray) -> np.ndarray:
        """Ages of the persons whose (first) plan is not linked to a course, dated at discharge: per
        municipality exactly round(L·(1 - rate) / rate) of them are aged 18-64 at discharge, L = the linked
        plans passing §1.1-1.3 of persons aged 18-64 at discharge (the population of Tables 3.2/3.3); the
        rest are 65-90 (5 %: 15-17). Too few unlinked plans (tiny scales) leave the rate a little high."""
        r = self.rng["linkage"]
        p = self.plans
        nk = len(self.mun)
        pid = p["pid"]
        a_dis = age_at(birth[pid], p["disch"])
        working = (a_dis >= 18) & (a_dis <= 64)
        linked = np.isin(p["cat"], LINKED_AT_RISK) & working
        n_linked = np.bincount(p["kom"][linked], minlength=nk)
        rate = self.mun["linkage_rate"].to_numpy()
        n_in = np.round(n_linked * (1 - rate) / rate).astype(int)
        ul = np.flatnonzero(np.isin(p["cat"], UNLINKED))  # each the first plan of its own person
        ul = ul[r.permutation(len(ul))]
        ul = ul[np.argsort(p["kom"][ul], kind="stable")]
        k = p["kom"][ul]
        rank = np.arange(len(ul)) - np.searchsorted(k, k)
        inside = rank < n_in[k]
        m = len(ul)
        age_bands = [(18, 25), (26, 30), (31, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, 64)]
        band_i = r.choice(8, size=m, p=np.array([5, 8, 17, 13, 16, 15, 16, 10]) / 100)
        lo = np.array([b[0] for b in age_bands])[band_i]
        hi = np.array([b[1] for b in age_bands])[band_i]
        age_in = lo + (r.random(m) * (hi - lo + 1)).astype(int)
        age_out = np.where(r.random(m) < 0.05, r.integers(15, 18, size=m), r.integers(65, 91, size=m))
        age = np.where(inside, age_in, age_out)
        # dated at discharge, >= 11 days from a birthday: the age at discharge is exact
        b = p["disch"][ul] - np.round((age + 0.03 + 0.94 * r.random(m)) * 365.25).astype(int)
        _, bm, bd = ymd(b)
        birth = birth.copy()
        birth[pid[ul]] = b + ((bm == 2) & (bd == 29))
        return birth

    def build_persons(self) -> None:
        r = self.rng["casemix"]
        p = self.plans
        uniq, inv = np.unique(p["person"], return_inverse=True)
        p["pid"] = inv
        n_plan_persons = len(uniq)
        n_bg = round(n_plan_persons * self.background_ratio)
        n_pers = n_plan_persons + n_bg
        first = np.full(n_pers, -1)
        seq0 = np.flatnonzero(p["seq"] == 0)
        first[p["pid"][seq0]] = seq0
        deep_p = np.zeros(n_pers, dtype=bool)
        deep_p[p["pid"][seq0]] = p["deep"][seq0]
        ref_day = np.where(first >= 0, p["start"][np.maximum(first, 0)], day("2016-07-01"))
        cat_first = np.where(first >= 0, p["cat"][np.maximum(first, 0)], -1)
        # age: working ages by Table 3.3 bands; ages outside 18-64 by category (METHOD order: plans failing
        # an earlier rule than §1.6 may have any age; "a little more than half" of MSK plan persons are of
        # working age, Bilag 3 §1)
        age_bands = [(18, 25), (26, 30), (31, 40), (41, 45), (46, 50), (51, 55), (56, 60), (61, 64)]
        band_i = r.choice(8, size=n_pers, p=np.array([5, 8, 17, 13, 16, 15, 16, 10]) / 100)
        lo = np.array([b[0] for b in age_bands])[band_i]
        hi = np.array([b[1] for b in age_bands])[band_i]
        age = lo + (r.random(n_pers) * (hi - lo + 1)).astype(int)
        rep_person = np.zeros(n_pers, dtype=bool)
        rep_person[p["pid"][np.isin(p["cat"], [REP_VALID, REP_CLOSE])]] = True
        age = np.where(rep_person, np.minimum(age, 62), age)
        share_out = np.zeros(n_pers)
        for cats, sh in (
            ((NOJOB,), 0.70),
            ((HOURS,), 0.12),
            ((BEN79,), 0.10),
            ((Y2015, Y2018), YEAR_OUT_SHARE),
            ((SPEC_MSK,), 0.47),
            ((NONMSK,), 0.65),
        ):
            share_out[np.isin(cat_first, cats)] = sh
        out = (r.random(n_pers) < share_out) & ~rep_person
        employed_cat = np.isin(cat_first, [HOURS, BEN79, Y2015, Y2018])
        old_age = np.where(employed_cat, r.integers(65, 73, size=n_pers), r.integers(65, 91, size=n_pers))
        young = r.random(n_pers) < np.where(np.isin(cat_first, [SPEC_MSK, NONMSK]), 0.02, 0.05)
        age = np.where(out, np.where(young, r.integers(15, 18, size=n_pers), old_age), age)
        # boundary: employed plans aged 65 (birthday on the start date) or 17 (18th birthday just after)
        u = r.random(n_pers)
        older = r.integers(66, 73, size=n_pers)
        age_cat = np.where(
            u < 0.25,
            65,
            np.where(u < 0.4, 17, np.where(u < 0.85, older, r.integers(15, 17, size=n_pers))),
        )
        age = np.where(cat_first == AGE, age_cat, age)
        age = np.where(cat_first == ANCHOR, 75, age)
        age = np.where(first < 0, r.integers(0, 91, size=n_pers), age)
        frac = 0.03 + 0.94 * r.random(n_pers)
        birth = ref_day - np.round((age + frac) * 365.25).astype(int)
        # exact birthdays around the boundary (the age rule applies at rehab start, day 0)
        ry, rm, rd = ymd(ref_day)
        not_leap = ~((rm == 2) & (rd == 29))

        def born(years_before: np.ndarray | int, shift: np.ndarray | int) -> np.ndarray:
            return month_start(ry - years_before, rm) + rd - 1 + shift

        ub = r.random(n_pers)
        coh1 = (cat_first == COHORT) & ~rep_person & not_leap
        on_day = (cat_first == AGE) & (age == 65) & not_leap
        birth = np.where(on_day, born(65, 0), birth)
        just_after = (cat_first == AGE) & (age == 17) & not_leap
        birth = np.where(just_after, born(18, r.integers(1, 4, size=n_pers)), birth)
        b18 = coh1 & (ub < 0.004)
        birth = np.where(b18, born(18, 0), birth)
        b64 = coh1 & (ub > 0.996)
        birth = np.where(b64, born(65, r.integers(1, 4, size=n_pers)), birth)
        _, bm, bd = ymd(birth)
        birth = birth + ((bm == 2) & (bd == 29))  # no leap-day birthdays
        birth = self._fit_unlinked_ages(birth)
        self.persons = {
            "birth": birth,
            "woman": r.random(n_pers) < 0.47,
            # BEF codes persons under 18 on 1 January as children
            "cohab": (r.random(n_pers) < 0.70) & (age_at(birth, ref_day) >= 19),
            "origin": r.choice(3, size=n_pers, p=[0.885, 0.04, 0.075]),
            "income": r.choice(4, size=n_pers, p=[0.22, 0.38, 0.25, 0.15]),
            "education": r.choice(7, size=n_pers, p=[0.16, 0.06, 0.42, 0.06, 0.21, 0.08, 0.01]),
            "psych": r.random(n_pers) < 0.04,
            "comorb": r.random(n_pers) < 0.08,
            "deep": deep_p,
            "first": first,
            "kom": np.where(first >= 0, p["kom"][np.maximum(first, 0)], -1),
            "ref_day": ref_day,
        }
        bg = first < 0
        w = (self.mun["pop2016"]).to_numpy()
        self.persons["kom"][bg] = r.choice(len(self.mun), size=bg.sum(), p=w / w.sum())
        self.persons["mover"] = (r.random(n_pers) < 0.05) & (first >= 0)
        self.persons["move_from"] = r.integers(0, len(self.mun), size=n_pers)
        self.n_pers = n_pers
        self.n_plan_persons = n_plan_persons

    def draw_casemix(self) -> None:
        r = self.rng["casemix"]
        p = self.plans
        c = self.codes
        n = len(p["cat"])
        grp_p = np.array([4, 8, 2, 8, 6, 15, 10, 8, 1, 1.5, 0.5, 0.7, 8, 4, 5, 2, 16, 4, 2, 2, 1.5])
        diag = r.choice(21, size=n, p=grp_p / grp_p.sum())
        p["diag_group"] = diag
        msk_letter = np.array(
            [any(str(x)[:2] in ("DM", "DS", "DT") for x in c.diag_cats[g][:1]) for g in range(21)]
        )
        p["dz_admin"] = msk_letter[diag] & (r.random(n) < 0.05)
        opg = np.isin(diag, [0, 1, 2, 3, 6, 12, 13, 14, 15, 16, 17])
        p["operation"] = r.random(n) < np.where(opg, 0.45, 0.2)
        p["acute"] = r.random(n) < np.where((diag >= 10) & (diag <= 18), 0.65, 0.12)
        p["physio"] = r.random(n) < 0.22
        p["hdays_band"] = r.choice(4, size=n, p=[0.62, 0.2, 0.13, 0.05])
        p["full_time"] = r.random(n) < 0.6
        ind_p = {
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
        levels = self.model.industry_levels
        pr = np.array([ind_p.get(lv, 1) for lv in levels], dtype=float)
        p["industry"] = r.choice(len(levels), size=n, p=pr / pr.sum())
        p["specialty"] = r.choice(4, size=n, p=[0.8, 0.05, 0.06, 0.09])
        p["gp_band"] = r.choice(4, size=n, p=[0.45, 0.3, 0.2, 0.05])
        p["bwyear_band"] = r.choice(3, size=n, p=[0.8, 0.15, 0.05])
        # stay and visits -> hospital contact days
        tot_lo = np.array([1, 4, 6, 11])[p["hdays_band"]]
        tot_hi = np.array([3, 5, 10, 16])[p["hdays_band"]]
        total = tot_lo + (r.random(n) * (tot_hi - tot_lo + 1)).astype(int)
        inpatient = (r.random(n) < 0.75) | (p["hdays_band"] == 3)
        stay = np.where(inpatient, np.minimum(total, r.integers(1, 4, size=n)), 1)
        stay = np.where(p["hdays_band"] == 3, r.integers(4, 11, size=n), stay)
        stay = np.where(p["deep"], stay, np.where(inpatient, r.integers(1, 6, size=n), 1))
        p["inpatient"] = inpatient
        p["adm"] = p["disch"] - (stay - 1)
        p["visits"] = np.where(p["deep"], np.maximum(total - stay, 0), 0)
        p["hdays"] = stay + p["visits"]
        # benefit weeks before start (window adm-9 ... start): the sub-band if positive; whether positive is
        # decided in draw_outcome (per municipality, calibrated to Bilag 2 Table 1's expected share)
        dweeks = wcol(p["start"]) - wcol(p["adm"])
        sub = r.choice(3, size=n, p=[0.42, 0.35, 0.23]) + 1
        p["bw_sub"] = np.where((sub == 3) & (dweeks < 1), 2, sub)
        p["bw_band"] = np.zeros(n, dtype=int)
        p["dweeks"] = dweeks

    # ------------------------------------------------------------------ covariates, outcome, DREAM
    def derive_covariates(self) -> None:
        p = self.plans
        pe = self.persons
        pid = p["pid"]
        mun = self.mun
        age = age_at(pe["birth"][pid], p["start"])
        p["age"] = age
        p["age_band"] = np.clip(band(age, [26, 31, 41, 46, 51, 56, 61]), 0, 7)
        sy, _, _ = ymd(p["start"])
        p["start_year"] = sy
        dens = np.where(
            sy >= 2017, mun["density2017"].to_numpy()[p["kom"]], mun["density2016"].to_numpy()[p["kom"]]
        )
        p["density_band"] = np.where(dens <= 100, 0, np.where(dens <= 500, 1, np.where(dens <= 1000, 2, 3)))
        # general-plan share as the warehouse measures it: all plans discharged in the year by the
        # residence (BEF, 1 January) of that year; the course takes its start year's share
        nk = len(mun)
        dy = ymd(p["disch"])[0]
        rk = self.residence(pid, dy)
        cell = rk * 3 + np.clip(dy - 2015, 0, 2)
        inr = (dy >= 2015) & (dy <= 2017)
        tot = np.bincount(cell[inr], minlength=nk * 3)
        gen = np.bincount(cell[inr], weights=(p["ptype"][inr] == 0).astype(float), minlength=nk * 3)
        sc = self.residence(pid, sy) * 3 + np.clip(sy - 2015, 0, 2)
        t, g = tot[sc], gen[sc]
        p["genshare_band"] = np.where(
            t == 0, 0, (100 * g >= 85 * t).astype(int) + (100 * g >= 90 * t) + (100 * g >= 95 * t)
        )
        _, mm, _ = ymd(p["start"] + 91)
        p["meas_month"] = mm - 1

    def residence(self, pid: np.ndarray, year: np.ndarray) -> np.ndarray:
        """Residence municipality (index) of persons in a year's BEF row (movers: before the start year)."""
        pe = self.persons
        start_y = ymd(pe["ref_day"][pid])[0]
        return np.where(pe["mover"][pid] & (year < start_y), pe["move_from"][pid], pe["kom"][pid])

    def x_matrix(self, idx: np.ndarray) -> dict[str, np.ndarray]:
        p = self.plans
        pe = self.persons
        pid = p["pid"][idx]
        return {
            "diagnosis_group": p["diag_group"][idx],
            "physio_contact": p["physio"][idx].astype(int),
            "operation": p["operation"][idx].astype(int),
            "hospital_days": p["hdays_band"][idx],
            "acute": p["acute"][idx].astype(int),
            "full_time": p["full_time"][idx].astype(int),
            "sex_woman": pe["woman"][pid].astype(int),
            "age_group": p["age_band"][idx],
            "cohabiting": pe["cohab"][pid].astype(int),
            "origin": pe["origin"][pid],
            "income": pe["income"][pid],
            "education": pe["education"][pid],
            "industry": p["industry"][idx],
            "specialty": p["specialty"][idx],
            "general_plan_share": p["genshare_band"][idx],
            "density": p["density_band"][idx],
            "gp_contacts": p["gp_band"][idx],
            "psychiatric": pe["psych"][pid].astype(int),
            "comorbidity": pe["comorb"][pid].astype(int),
            "benefit_weeks_before_start": p["bw_band"][idx],
            "benefit_weeks_year_before": p["bwyear_band"][idx],
            "measurement_month": p["meas_month"][idx],
            "start_year": (p["start_year"][idx] >= 2017).astype(int),
        }

    def draw_outcome(self) -> None:
        """Benefit weeks before start (per municipality so that the case-mix-only expected share matches
        Bilag 2 Table 1), municipality effects (actual - expected = Table 1's indicator), then the outcome."""
        r = self.rng["outcome"]
        p = self.plans
        mun = self.mun
        nk = len(mun)
        n = len(p["cat"])
        paint = p["deep"] & (p["cat"] != REP_CLOSE)
        self.paint_idx = np.flatnonzero(paint)
        self.truth_idx = np.flatnonzero(p["deep"])  # painted plans + too-close repeats
        idx = self.paint_idx
        m = len(idx)
        kom = p["kom"][idx]
        keep = kept_cells(mun, self.cohort_cells, self.scale)
        sy = p["start_year"][idx]
        in_years = (sy >= 2016) & (sy <= 2017)
        ev = np.isin(p["cat"][idx], [COHORT, REP_VALID]) & in_years & keep[kom, np.clip(sy - 2016, 0, 1)]
        self.expected_mask = np.zeros(n, dtype=bool)
        self.expected_mask[idx] = ev
        eta0 = self.model.linear_predictor(self.x_matrix(idx))
        b_bw = self.model.beta["benefit_weeks_before_start"][p["bw_sub"][idx]]
        t1 = (mun["t1_expected"].to_numpy() / 100)[kom]
        has_t = ev & np.isfinite(t1)
        # positives among the intended cohort: a random order per municipality, the first c_k are positive,
        # c_k chosen so that the municipality's mean case-mix probability is closest to its published
        # expected share
        e_i = np.flatnonzero(has_t)
        order = np.lexsort((r.random(len(e_i)), kom[e_i]))
        e_i = e_i[order]
        ke = kom[e_i]
        starts = np.r_[0, np.flatnonzero(np.diff(ke)) + 1]
        sizes = np.diff(np.r_[starts, len(e_i)])

        def choose(a: float) -> np.ndarray:
            base = sigmoid(a + eta0[e_i])
            gain = sigmoid(a + eta0[e_i] + b_bw[e_i]) - base
            pos = np.zeros(len(e_i), dtype=bool)
            for s0, sz in zip(starts, sizes, strict=True):
                need = t1[e_i[s0]] * sz - base[s0 : s0 + sz].sum()
                cum = np.r_[0.0, np.cumsum(gain[s0 : s0 + sz])]
                c = int(np.argmin(np.abs(cum - need)))
                pos[s0 : s0 + c] = True
            return pos

        lo, hi = -8.0, 2.0
        for _ in range(30):
            a = (lo + hi) / 2
            if choose(a).mean() > POSITIVE_SHARE:
                lo = a
            else:
                hi = a
        a = (lo + hi) / 2
        pos_e = choose(a)
        pos = np.zeros(m, dtype=bool)
        pos[e_i] = pos_e
        # everybody else: the municipality's positive rate (Table 1) or tilted by Table 2's start share
        rate = np.bincount(ke, pos_e, minlength=nk) / np.maximum(np.bincount(ke, minlength=nk), 1)
        tilt = np.clip(POSITIVE_SHARE * mun["t2_start"].to_numpy() / 39.2, 0.15, 0.8)
        rate = np.where(np.bincount(ke, minlength=nk) > 0, rate, tilt)
        rest = ~has_t
        pos[rest] = r.random(rest.sum()) < rate[kom[rest]]
        p["bw_band"][idx] = np.where(pos, p["bw_sub"][idx], 0)
        eta = eta0 + np.where(pos, b_bw, 0.0)
        ind = mun["t1_indicator"].fillna(0).to_numpy() / 100
        has = mun["in_table1"].to_numpy()
        u = solve_effects(a + eta[ev], kom[ev], nk, ind, has, self.rng["design"])
        self.intercept, self.kom_effect = a, u
        prob = np.full(n, np.nan)
        prob[idx] = sigmoid(a + eta + u[kom])
        p["prob"] = prob
        y3 = np.zeros(n, dtype=bool)
        # intended cohort: systematic sampling per municipality (each P = p_i, municipality totals = sum p_i)
        y3[idx[ev]] = grouped_bernoulli(prob[idx[ev]], kom[ev], r)
        y3[idx[~ev]] = r.random((~ev).sum()) < prob[idx[~ev]]
        p["y3"] = y3

    def paint_dream(self) -> None:
        r = self.rng["dream"]
        c = self.codes
        p = self.plans
        idx = self.paint_idx
        m = len(idx)
        M = np.zeros((self.n_pers, N_WEEKS), dtype=np.int16)
        self.M = M
        row = p["pid"][idx]
        A = wcol(p["adm"][idx])
        S = wcol(p["start"][idx])
        d = S - A
        bw = p["bw_band"][idx]
        y3 = p["y3"][idx]
        cap = np.full(m, 60)
        rep_first = np.isin(p["pid"][idx], p["pid"][p["cat"] == REP_VALID]) & (p["seq"][idx] == 0)
        cap[rep_first] = 30

        def put(rows: np.ndarray, c0: np.ndarray, c1: np.ndarray, code) -> None:
            c0 = np.maximum(np.asarray(c0), 0)
            c1 = np.minimum(np.asarray(c1), N_WEEKS - 1)
            length = np.maximum(c1 - c0 + 1, 0)
            rep = np.repeat(np.arange(len(rows)), length)
            first = np.r_[0, np.cumsum(length)[:-1]]
            off = np.arange(len(rep)) - np.repeat(first, length)
            code = np.broadcast_to(np.asarray(code, dtype=np.int16), (len(rows),))
            M[rows[rep], c0[rep] + off] = code[rep]

        mixcodes = np.array([c.UNEMP, c.CASH, c.LEDIG, c.RESS, c.FLEX], dtype=np.int16)
        # 1. the year up to 2 months before admission (weeks A-61 ... A-10): spells end by A-12
        yb = p["bwyear_band"][idx]
        L = np.where(yb == 1, r.integers(1, 26, size=m), r.integers(26, 51, size=m))
        s0 = A - 61 + (r.random(m) * (61 - 12 - L + 1)).astype(int)
        code = np.where(L <= 4, c.UNEMP, np.where(r.random(m) < 0.5, c.SICK, c.UNEMP))
        sel = yb > 0
        put(row[sel], s0[sel], s0[sel] + L[sel] - 1, code[sel])
        # 2. benefit weeks before start
        nlo = np.array([0, 1, 5, 9])[bw]
        nhi = np.array([0, 4, 8, 16])[bw]
        nhi = np.minimum(nhi, d + 8)
        nb = nlo + (r.random(m) * (nhi - nlo + 1)).astype(int)
        nb = np.where(bw == 0, 0, np.maximum(nb, nlo))
        # on benefits at start: forced when the weeks do not fit before start; otherwise 98.5 % of those
        # with the outcome and a per-municipality rate q_k of the others, solved so that the intended
        # cohort's share at start matches Bilag 2 Table 2 (systematic sampling per municipality)
        forced = (bw > 0) & (nb > d + 6)
        kom = p["kom"][idx]
        nk = len(self.mun)
        ev = self.expected_mask[idx]
        free = (bw > 0) & ~forced
        t2 = self.mun["t2_start"].to_numpy() / 100
        cnt = np.bincount(kom[ev], minlength=nk)
        fixed_on = np.bincount(kom[ev], (forced + (free & y3) * 0.985)[ev], minlength=nk)
        n_free = np.bincount(kom[ev], (free & ~y3)[ev], minlength=nk)
        q = np.clip((t2 * cnt - fixed_on) / np.maximum(n_free, 1), 0.05, 1.0)
        q = np.where(n_free > 0, q, 0.86)
        p_on = np.where(free, np.where(y3, 0.985, q[kom]), 0.0)
        o0 = np.zeros(m, dtype=bool)
        o0[ev] = grouped_bernoulli(p_on[ev], kom[ev], r)
        o0[~ev] = r.random((~ev).sum()) < p_on[~ev]
        o0 = o0 | forced
        # off at start but benefit weeks in the window: an unemployment run ending before start
        sel = (bw > 0) & ~o0
        gap = (r.random(m) * np.maximum(d + 6 - nb + 1, 1)).astype(int)
        put(row[sel], (S - nb - gap)[sel], (S - 1 - gap)[sel], c.UNEMP)
        # on at start: a run ending after start
        iso = o0 & (nb >= 2) & (S - nb + 2 >= A - 6) & (r.random(m) < 0.05)
        sick = r.random(m) < 0.95
        run_code = np.where(sick, c.SICK, mixcodes[r.integers(0, 5, size=m)])
        # persistence since start (Bilag 2 Table 3: 87 % at 3 months): the share of the outcome group whose
        # run lasts through week 13, solved on the intended cohort
        on3 = ev & y3
        pi = min(1.0, PERSIST_3M * on3.sum() / max((on3 & o0).sum(), 1))
        persistent = r.random(m) < pi
        # month 6 per municipality: the 6-to-3-month ratio of Bilag 2 Table 2 scales the long runs and the
        # new spells after month 3
        t2m = self.mun[["t2_m3", "t2_m6"]].to_numpy()
        f6 = np.where(np.isfinite(t2m).all(axis=1), (t2m[:, 1] / t2m[:, 0]) / (12.7 / 21.9), 1.0)
        f6 = np.clip(f6, 0.4, 1.8)[kom]
        short = np.clip(P_RUN_BEFORE_26 * 1.0, 0.05, 0.95)
        p26 = np.clip((1 - short) * f6, 0.05, 0.9)
        k1, k2 = 0.26 / short * (1 - p26), 0.444 / short * (1 - p26)
        u = r.random(m)
        e_pers = np.where(
            u < k1,
            r.integers(13, 17, size=m),
            np.where(
                u < k2,
                r.integers(17, 22, size=m),
                np.where(u < 1 - p26, r.integers(22, 24, size=m), r.integers(26, 46, size=m)),
            ),
        )
        u2 = r.random(m)
        e_rec = np.where(
            u2 < 0.374,
            r.integers(0, 4, size=m),
            np.where(u2 < 0.74, r.integers(4, 9, size=m), r.integers(9, 12, size=m)),
        )
        e = np.where(y3, np.where(persistent, e_pers, 12), e_rec)
        e = np.where(sick, np.maximum(e, 5 - nb + iso), e)
        e = np.minimum(e, cap)
        start_run = np.where(iso, S - nb + 2, S - nb + 1)
        put(row[o0], start_run[o0], (S + e)[o0], run_code[o0])
        put(row[iso], (A - 9)[iso], (A - 9)[iso], c.UNEMP)
        # code changes inside sickness runs (Bilag 3 Figur 2.1): some change to another benefit in weeks
        # 6-10 (unemployment etc. or other), jobafklaring/unemployment after ~22 weeks, partial sickness at
        # the end of some runs
        other_codes = np.array([c.JOBAF, c.RESS, c.REVAL], dtype=np.int16)
        unemp_codes = np.array([c.UNEMP, c.CASH], dtype=np.int16)
        early = o0 & sick & (e >= 13) & (r.random(m) < P_EARLY_SWITCH)
        ew = 6 + r.integers(0, 5, size=m)
        ecode = np.where(
            r.random(m) < 0.8, other_codes[r.integers(0, 3, size=m)], unemp_codes[r.integers(0, 2, size=m)]
        )
        put(row[early], (S + ew)[early], (S + e)[early], ecode[early])
        sw = o0 & sick & ~early & (e > 22) & (r.random(m) < P_LATE_SWITCH)
        swp = 22 + r.integers(0, 4, size=m)
        put(row[sw], (S + swp)[sw], (S + e)[sw], np.where(r.random(sw.sum()) < 0.7, c.JOBAF, c.UNEMP))
        part = o0 & sick & ~sw & ~early & (e >= 3) & (r.random(m) < 0.3)
        put(row[part], (S + e - 1)[part], (S + e)[part], c.PARTIAL)
        # 3. later spells
        late_code = np.where(r.random(m) < P_LATE_SICK, c.SICK, mixcodes[r.integers(0, 5, size=m)])
        b = r.integers(1, 10, size=m)
        f = np.maximum(12, b + 4) + r.geometric(0.12, size=m) - 1
        f = np.minimum(f, cap)
        sel = y3 & ~o0
        put(row[sel], (S + b)[sel], (S + f)[sel], late_code[sel])
        late2 = ~y3 & (r.random(m) < P_LATE_SPELL * f6)
        b2 = np.maximum(r.integers(15, 27, size=m), np.where(o0, e + 3, 0))
        put(
            row[late2],
            (S + b2)[late2],
            np.minimum(S + b2 + r.integers(4, 16, size=m), S + cap)[late2],
            late_code[late2],
        )
        # 4. edge cases that the warehouse must clean or exclude
        cat = p["cat"][idx]
        short_a = (r.random(m) < 0.04) & ((bw == 0) | (start_run >= A - 6)) & ~iso & (yb == 0)
        put(row[short_a], (A - 9)[short_a], (A - 8)[short_a], c.SICK)
        short_b = ~y3 & ~late2 & (~o0 | (e <= 6)) & (r.random(m) < 0.03)
        put(row[short_b], (S + 11)[short_b], (S + 12)[short_b], c.SICK)
        hol6 = ~y3 & ~late2 & (~o0 | (e <= 15)) & ~short_b & (r.random(m) < 0.01)
        put(row[hol6], (S + 25)[hol6], (S + 25)[hol6], c.HOLIDAY)
        sel = cat == BEN79
        k = r.integers(2, 4, size=m)
        put(row[sel], (A - 7 - k + 1)[sel], (A - 7)[sel], c.UNEMP)
        sel = np.flatnonzero(cat == UNDET)
        nh = min(round(N_HOLIDAY * self.scale), len(sel))
        ucode = c.UNDET_OTHER[r.integers(0, len(c.UNDET_OTHER), size=len(sel))]
        ucode[:nh] = c.HOLIDAY
        wk = 11 + r.integers(0, 3, size=len(sel))
        put(row[sel], S[sel] + wk, S[sel] + wk + np.where(ucode == c.HOLIDAY, 0, 5), ucode)
        # 5. deaths and emigrations inside the window
        exit_day = p["start"][idx] + 7 * r.integers(3, 26, size=m)
        for cat_x, xcode in ((DEATH, c.DEATH), (EMIG, c.EMIG)):
            sel = cat == cat_x
            put(row[sel], wcol(exit_day[sel]) + 1, np.full(sel.sum(), N_WEEKS - 1), xcode)
        p["exit_day"] = np.full(len(p["cat"]), -1)
        p["exit_day"][idx] = np.where(np.isin(cat, [DEATH, EMIG]), exit_day, -1)
        # 6. everybody else: pensioners, some spells
        pe = self.persons
        others = np.flatnonzero(~pe["deep"])
        age16 = age_at(pe["birth"][others], np.full(len(others), day("2016-01-01")))
        pens = others[age16 >= 67]
        M[pens, :] = c.PENSION
        # retired persons whose (MSK) plan fails on employment: state pension in the weeks without a code
        fd = pe["first"] >= 0
        retired = np.flatnonzero(fd & pe["deep"])
        retired = retired[
            (p["cat"][pe["first"][retired]] == NOJOB)
            & (age_at(pe["birth"][retired], pe["ref_day"][retired]) >= 66)
        ]
        sub = M[retired]
        sub[sub == 0] = c.PENSION
        M[retired] = sub
        wa = others[(age16 >= 18) & (age16 < 65) & (r.random(len(others)) < 0.2)]
        L = r.integers(5, 40, size=len(wa))
        s0 = r.integers(0, N_WEEKS - 5, size=len(wa))
        put(wa, s0, s0 + L, np.concatenate([[c.SICK, c.SICK], mixcodes])[r.integers(0, 7, size=len(wa))])

    def derive_from_dream(self) -> None:
        """Re-derive the DREAM-based quantities by METHOD §2-3 (the truth the warehouse must reproduce)."""
        c = self.codes
        p = self.plans
        idx = self.truth_idx
        rows_u, inv = np.unique(p["pid"][idx], return_inverse=True)
        sub = self.M[rows_u]
        cls = c.dream_class[sub]
        sick = c.dream_sick[sub]
        cs = np.cumsum(sick, axis=1, dtype=np.int32)
        reset = np.maximum.accumulate(np.where(~sick, cs, 0), axis=1)
        fwd = cs - reset
        rs = sick[:, ::-1]
        cs2 = np.cumsum(rs, axis=1, dtype=np.int32)
        bwd = (cs2 - np.maximum.accumulate(np.where(~rs, cs2, 0), axis=1))[:, ::-1]
        runlen = fwd + bwd - 1
        cls = np.where(sick & (runlen <= 4), 0, cls).astype(np.int8)
        del cs, reset, fwd, cs2, bwd, runlen
        nr = cls == 1
        A = wcol(p["adm"][idx])
        S = wcol(p["start"][idx])

        def window(lo: np.ndarray, hi: np.ndarray, mat: np.ndarray) -> np.ndarray:
            cum = np.concatenate(
                [np.zeros((mat.shape[0], 1), dtype=np.int32), np.cumsum(mat, axis=1, dtype=np.int32)], axis=1
            )
            lo = np.clip(lo, 0, N_WEEKS)
            hi = np.clip(hi + 1, 0, N_WEEKS)
            return cum[inv, hi] - cum[inv, lo]

        n = len(p["cat"])
        out = {}
        out["weeks_7_9"] = window(A - 9, A - 7, (cls == 1) | (cls == 2))  # any benefit (METHOD §1.3)
        out["bw_before"] = window(A - 9, S, nr)
        out["bw_year"] = window(A - 61, A - 10, nr)
        und = cls == 2
        ends = {0: 0, 1: 4, 2: 9, 3: 13, 4: 17, 5: 22, 6: 26}
        for mth, w in ends.items():
            lo = S if mth == 0 else S + w - 2
            k = window(lo, S + w, nr)
            on = k >= 1 if mth == 0 else k >= 2
            ex = window(lo, S + w, und) > 0
            since = window(S, S + w, nr) == (w + 1)
            out[f"on_{mth}"] = on
            out[f"excl_{mth}"] = ex
            out[f"pers_{mth}"] = on & since
        # benefit mix at month m: the code of the last week of m's window with a not_returned benefit
        rows = p["pid"][idx]
        for mth, w in ((0, 0), (3, 13), (6, 26)):
            mix = np.zeros(len(idx), dtype=np.int8)
            for k in range(0 if mth == 0 else 2, -1, -1):
                col = np.clip(S + w - k, 0, N_WEEKS - 1)
                hit = nr[inv, col]
                mix = np.where(hit, c.dream_mix[self.M[rows, col]], mix)
            out[f"mix_{mth}"] = mix
        self.derived = {}
        for k, v in out.items():
            full = np.zeros(n, dtype=v.dtype)
            full[idx] = v
            self.derived[k] = full
        p["bw_band_derived"] = np.where(
            self.derived["bw_before"] == 0, 0, band(self.derived["bw_before"], [1, 5, 9])
        )
        p["bwyear_band_derived"] = band(self.derived["bw_year"], [1, 26])

    # ------------------------------------------------------------------ registers
    def pnr(self, pid: np.ndarray) -> np.ndarray:
        return np.char.add("P", np.char.zfill(np.asarray(pid).astype(str), 9)).astype(object)

    def reg_bef_ind_udda(self) -> None:
        r = self.rng["persons"]
        c = self.codes
        pe = self.persons
        n = self.n_pers
        kom_codes = self.mun["kom"].to_numpy()
        ny = len(YEARS)
        pid = np.repeat(np.arange(n), ny)
        yr = np.tile(YEARS, n)
        start_y = ymd(pe["ref_day"])[0]
        kom = pe["kom"][pid]
        moved = pe["mover"][pid] & (yr < start_y[pid])
        kom = np.where(moved, pe["move_from"][pid], kom)
        # alive, born and resident on 1 January
        exit_day = np.full(n, day("2099-01-01"))
        p = self.plans
        xs = np.flatnonzero(p["exit_day"] >= 0)
        exit_day[p["pid"][xs]] = p["exit_day"][xs]
        bgx = np.flatnonzero(r.random(n) < 0.004)
        bgx = bgx[pe["first"][bgx] < 0]  # background persons only: plan persons keep their BEF rows
        exit_day[bgx] = day("2016-01-01") + r.integers(0, 1460, size=len(bgx))
        self.exit_day = exit_day
        self.exit_is_death = np.ones(n, dtype=bool)
        emig = p["pid"][xs][p["cat"][xs] == EMIG]
        self.exit_is_death[emig] = False
        jan1 = month_start(yr, np.ones_like(yr))
        keep = (pe["birth"][pid] <= jan1) & (exit_day[pid] > jan1)
        pid, yr, kom = pid[keep], yr[keep], kom[keep]
        cohab = pe["cohab"][pid]
        kind = r.integers(0, 3, size=n)[pid]
        fam_c = np.where(yr >= 2016, np.array([1, 3, 7])[kind], np.array([1, 3, 4])[kind])
        fam_s = np.where(yr >= 2016, 9, 5)
        fam = np.where(cohab, fam_c, fam_s)
        fam = np.where(
            age_at(pe["birth"][pid], month_start(yr, np.ones_like(yr))) < 18, np.where(yr >= 2016, 10, 5), fam
        )
        org = pe["origin"][pid]
        ie = np.where(org == 0, 1, np.where(r.random(n)[pid] < 0.7, 2, 3))
        land = np.full(n, c.denmark)
        for g, name in ((1, "western"), (2, "non_western")):
            sel = pe["origin"] == g
            pool = c.country[name]
            land[sel] = pool[r.integers(0, len(pool), size=sel.sum())]
        self.tables["bef"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid)),
                "aar": pa.array(yr.astype(np.int32)),
                "koen": pa.array(np.where(pe["woman"][pid], 2, 1).astype(np.int32)),
                "foed_dag": date_array(pe["birth"][pid]),
                "kom": pa.array(kom_codes[kom].astype(np.int32)),
                "familie_type": pa.array(fam.astype(np.int32)),
                "ie_type": pa.array(ie.astype(np.int32)),
                "opr_land": pa.array(land[pid].astype(np.int32)),
            }
        )
        # income: band kept every year (a margin of 2,000 DKK from the band limits)
        pid = np.repeat(np.arange(n), 5)
        yr = np.tile(np.arange(2014, 2019), n)
        lo = np.array([-20000, 202000, 302000, 402000])[pe["income"][pid]]
        hi = np.array([198000, 298000, 398000, 900000])[pe["income"][pid]]
        inc = np.round(lo + r.random(len(pid)) * (hi - lo), 0)
        self.tables["ind"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid)),
                "aar": pa.array(yr.astype(np.int32)),
                "dispon_13": pa.array(inc.astype(np.float64)),
            }
        )
        # education: highest completed, constant; 'øvrige' = a code not in the seed or no row
        levels = BANDED["education"]
        pools = [c.edu_by_level[lv] if lv != "øvrige" else c.edu_other for lv in levels]
        code = choice_by(r, pools, pe["education"])
        pid = np.repeat(np.arange(n), 4)
        yr = np.tile(np.arange(2015, 2019), n)
        self.tables["udda"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid)),
                "aar": pa.array(yr.astype(np.int32)),
                "hfaudd": str_array(code[pid]),
            }
        )

    def reg_bfl(self) -> None:
        r = self.rng["bfl"]
        c = self.codes
        p = self.plans
        pe = self.persons
        idx = np.flatnonzero(p["deep"])
        m = len(idx)
        ay, am, _ = ymd(p["adm"][idx])
        key_m = ay * 12 + am - 1 - 2
        ft = p["full_time"][idx]
        hours = np.where(ft, np.round(160 + r.random(m) * 25, 1), np.round(80 + r.random(m) * 79, 1))
        hours = np.where(ft & (r.random(m) < 0.05), 160.0, hours)
        hours = np.where(~ft & (r.random(m) < 0.05), 80.0, hours)
        cat = p["cat"][idx]
        hours = np.where(cat == HOURS, np.round(20 + r.random(m) * 59, 1), hours)
        two = (r.random(m) < 0.08) & (hours < 160) & (hours > 60)
        h1 = np.where(two, np.round(hours * 0.62, 1), hours)
        h2 = np.where(two, np.round(hours - h1, 1), 0.0)
        levels = self.model.industry_levels
        pools = [c.div_by_group.get(lv, c.all_divisions) for lv in levels]
        div1 = choice_by(r, pools, p["industry"][idx])
        div2 = c.all_divisions[r.integers(0, len(c.all_divisions), size=m)]
        tail1 = rand_digits(r, m, 4)
        tail2 = rand_digits(r, m, 4)
        wp1 = np.char.add("W", np.char.zfill(p["pid"][idx].astype(str), 9)).astype(object)
        wp2 = np.char.add("V", np.char.zfill(p["pid"][idx].astype(str), 9)).astype(object)
        employed = cat != NOJOB
        recs = []
        for off, prio in ((0, 0), (-1, 1), (1, 1), (2, 1)):
            mm = key_m + off
            noise = np.where(off == 0, 0.0, np.round((r.random(m) - 0.5) * 10, 1))
            recs.append(
                (
                    idx[employed],
                    mm[employed],
                    wp1[employed],
                    np.maximum(h1 + noise, 1.0)[employed],
                    np.char.add(div1.astype(str), tail1.astype(str))[employed],
                    np.full(employed.sum(), prio),
                )
            )
            s2 = employed & (two | (cat == HOURS) & (r.random(m) < 0.3))
            hh2 = np.where(two, h2, np.round(5 + r.random(m) * 10, 1))
            hh2 = np.where(cat == HOURS, np.minimum(hh2, np.maximum(79.0 - h1, 0.5)), hh2)
            if off == 0:
                key_total = h1 + np.where(s2, hh2, 0.0)
            recs.append(
                (
                    idx[s2],
                    mm[s2],
                    wp2[s2],
                    hh2[s2],
                    np.char.add(div2.astype(str), tail2.astype(str))[s2],
                    np.full(s2.sum(), prio),
                )
            )
        # employed persons without a deep plan: three months a year
        others = np.flatnonzero(~pe["deep"])
        a16 = age_at(pe["birth"][others], np.full(len(others), day("2016-06-01")))
        emp = others[(a16 >= 18) & (a16 < 65) & (r.random(len(others)) < 0.65)]
        for mm0 in (2016 * 12 + 2, 2016 * 12 + 8, 2017 * 12 + 2, 2017 * 12 + 8):
            k = len(emp)
            recs.append(
                (
                    None,
                    np.full(k, mm0),
                    np.char.add("W", np.char.zfill(emp.astype(str), 9)).astype(object),
                    np.round(40 + r.random(k) * 140, 1),
                    np.char.add(
                        c.all_divisions[r.integers(0, len(c.all_divisions), size=k)].astype(str),
                        rand_digits(r, k, 4).astype(str),
                    ),
                    np.full(k, 2),
                    emp,
                )
            )
        pid_l, mm_l, wp_l, h_l, br_l, pr_l = [], [], [], [], [], []
        for rec in recs:
            if rec[0] is None:
                pid_l.append(rec[6])
            else:
                pid_l.append(p["pid"][rec[0]])
            mm_l.append(rec[1])
            wp_l.append(rec[2])
            h_l.append(rec[3])
            br_l.append(np.asarray(rec[4], dtype=object))
            pr_l.append(rec[5])
        pid = np.concatenate(pid_l)
        mm = np.concatenate(mm_l)
        wp = np.concatenate(wp_l)
        h = np.concatenate(h_l)
        br = np.concatenate(br_l)
        pr = np.concatenate(pr_l)
        # unique key (pnr, aar, mdr, workplace): the key month of a plan wins
        order = np.lexsort((pr, wp.astype(str), mm, pid))
        pid, mm, wp, h, br = pid[order], mm[order], wp[order], h[order], br[order]
        dup = np.r_[False, (pid[1:] == pid[:-1]) & (mm[1:] == mm[:-1]) & (wp[1:] == wp[:-1])]
        keep = ~dup
        pid, mm, wp, h, br = pid[keep], mm[keep], wp[keep], h[keep], br[keep]
        self.tables["bfl"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid)),
                "aar": pa.array((mm // 12).astype(np.int32)),
                "mdr": pa.array((mm % 12 + 1).astype(np.int32)),
                "ajo_arbnr_senr": str_array(wp),
                "ajo_loentimer": pa.array(h.astype(np.float64)),
                "ajo_branche07": str_array(br),
            }
        )
        p["hours_key"] = np.zeros(len(p["cat"]))
        p["hours_key"][idx] = np.where(employed, key_total, 0)

    def reg_lpr(self) -> None:
        r = self.rng["lpr"]
        c = self.codes
        p = self.plans
        pe = self.persons
        n = len(p["cat"])
        # plan contacts
        diag_code = choice_by(r, c.diag_cats, p["diag_group"])
        diag_code = np.char.add(diag_code.astype(str), rand_digits(r, n, 1).astype(str)).astype(object)
        non_msk = np.array(["DI639", "DI619", "DG359", "DC509", "DJ189", "DI214"], dtype=object)
        non_mdc = np.array(["01", "05", "01", "09", "04", "05"], dtype=object)
        j = r.integers(0, len(non_msk), size=n)
        is_non = ~p["msk"]
        adiag = np.where(is_non, non_msk[j], diag_code)
        mdc = np.where(is_non, non_mdc[j], "08")
        zcodes = c.diag_cats[c.admin_group] if c.admin_group is not None else np.array(["DZ50"])
        zdiag = np.char.add(zcodes[r.integers(0, len(zcodes), size=n)].astype(str), "9").astype(object)
        adiag = np.where(p["dz_admin"] & p["msk"], zdiag, adiag)
        spec_groups = BANDED["specialty"]
        spec = choice_by(r, [c.spec_by_group[g] for g in spec_groups], p["specialty"])
        plan_code = np.where(
            p["ptype"] == 0,
            c.plan_general[0],
            np.where(
                p["ptype"] == 1,
                c.plan_special[0],
                (c.plan_special_rehab if len(c.plan_special_rehab) else c.plan_special)[0],
            ),
        )
        recs = {
            "pid": [p["pid"]],
            "adm": [p["adm"]],
            "dis": [p["disch"]],
            "pattype": [np.where(p["inpatient"], "0", "2").astype(object)],
            "indm": [np.where(p["acute"], "1", "2").astype(object)],
            "spec": [spec],
            "adiag": [adiag],
            "mdc": [mdc],
        }
        diag_rows = [(np.arange(n), adiag, "A")]
        # the MSK secondary diagnosis of administrative action diagnoses
        dz = np.flatnonzero(p["dz_admin"] & p["msk"])
        diag_rows.append((dz, diag_code[dz], "B"))
        # other contacts: visits before admission (hospital contact days), psychiatric and Charlson history
        extra_pid, extra_day, extra_spec, extra_diag, extra_mdc = [], [], [], [], []
        deep = np.flatnonzero(p["deep"] & (p["visits"] > 0))
        k = p["visits"][deep]
        rep = np.repeat(deep, k)
        first = np.r_[0, np.cumsum(k)[:-1]]
        off = np.arange(len(rep)) - np.repeat(first, k)
        # distinct days 7..45 before admission
        perm = np.argsort(r.random((len(deep), 39)), axis=1)[:, :16]
        days_before = 7 + perm[np.repeat(np.arange(len(deep)), k), off]
        extra_pid.append(p["pid"][rep])
        extra_day.append(p["adm"][rep] - days_before)
        extra_spec.append(spec[rep])
        extra_diag.append(diag_code[rep])
        extra_mdc.append(np.full(len(rep), "08", dtype=object))
        first_deep = np.flatnonzero(pe["deep"])
        ps = first_deep[pe["psych"][first_deep]]
        extra_pid.append(ps)
        extra_day.append(day("2013-03-01") + r.integers(0, 600, size=len(ps)))
        extra_spec.append(c.psych_spec[r.integers(0, len(c.psych_spec), size=len(ps))])
        extra_diag.append(
            np.char.add(c.psych_diag[r.integers(0, len(c.psych_diag), size=len(ps))].astype(str), "9").astype(
                object
            )
        )
        extra_mdc.append(np.full(len(ps), "19", dtype=object))
        old = first_deep[~pe["psych"][first_deep] & (r.random(len(first_deep)) < 0.01)]
        extra_pid.append(old)
        extra_day.append(day("2009-03-01") + r.integers(0, 200, size=len(old)))
        extra_spec.append(c.psych_spec[r.integers(0, len(c.psych_spec), size=len(old))])
        extra_diag.append(
            np.char.add(
                c.psych_diag[r.integers(0, len(c.psych_diag), size=len(old))].astype(str), "9"
            ).astype(object)
        )
        extra_mdc.append(np.full(len(old), "19", dtype=object))
        cm = first_deep[pe["comorb"][first_deep]]
        extra_pid.append(cm)
        extra_day.append(day("2013-03-01") + r.integers(0, 600, size=len(cm)))
        extra_spec.append(np.full(len(cm), "01", dtype=object))
        extra_diag.append(c.charlson_diag[r.integers(0, len(c.charlson_diag), size=len(cm))].astype(object))
        extra_mdc.append(np.full(len(cm), "05", dtype=object))
        bg = np.flatnonzero(~pe["deep"] & (r.random(self.n_pers) < 0.1))
        extra_pid.append(bg)
        extra_day.append(day("2014-01-01") + r.integers(0, 1800, size=len(bg)))
        extra_spec.append(c.somatic_spec[r.integers(0, len(c.somatic_spec), size=len(bg))])
        extra_diag.append(non_msk[r.integers(0, len(non_msk), size=len(bg))])
        extra_mdc.append(non_mdc[r.integers(0, len(non_mdc), size=len(bg))])
        ne = sum(len(x) for x in extra_pid)
        recs["pid"].append(np.concatenate(extra_pid))
        ed = np.concatenate(extra_day)
        recs["adm"].append(ed)
        recs["dis"].append(ed)
        recs["pattype"].append(np.full(ne, "2", dtype=object))
        recs["indm"].append(np.full(ne, "2", dtype=object))
        recs["spec"].append(np.concatenate(extra_spec))
        ediag = np.concatenate(extra_diag)
        recs["adiag"].append(ediag)
        recs["mdc"].append(np.concatenate(extra_mdc))
        diag_rows.append((n + np.arange(ne), ediag, "A"))
        R = {k: np.concatenate(v) for k, v in recs.items()}
        nrec = len(R["pid"])
        recnum = np.char.add("R", np.char.zfill(np.arange(1, nrec + 1).astype(str), 10)).astype(object)
        p["recnum"] = recnum[:n]
        self.tables["lpr_adm"] = pa.table(
            {
                "pnr": str_array(self.pnr(R["pid"])),
                "recnum": str_array(recnum),
                "d_inddto": date_array(R["adm"]),
                "d_uddto": date_array(R["dis"]),
                "c_pattype": str_array(R["pattype"]),
                "c_indm": str_array(R["indm"]),
                "c_spec": str_array(R["spec"]),
                "c_adiag": str_array(R["adiag"]),
                "c_mdc": str_array(R["mdc"]),
            }
        )
        di = np.concatenate([x[0] for x in diag_rows])
        dc = np.concatenate([np.asarray(x[1], dtype=object) for x in diag_rows])
        dt_ = np.concatenate([np.full(len(x[0]), x[2], dtype=object) for x in diag_rows])
        order = np.lexsort((dt_.astype(str), di))
        self.tables["lpr_diag"] = pa.table(
            {
                "recnum": str_array(recnum[di[order]]),
                "c_diag": str_array(dc[order]),
                "c_diagtype": str_array(dt_[order]),
            }
        )
        self.tables["lpr_sksube"] = pa.table(
            {"recnum": str_array(recnum[:n]), "c_opr": str_array(plan_code), "d_odto": date_array(p["disch"])}
        )
        op = np.flatnonzero(p["operation"])
        oth = np.flatnonzero(~p["operation"] & (r.random(n) < 0.1))
        oi = np.concatenate([op, oth])
        oc = np.concatenate(
            [
                K_CODES[r.integers(0, len(K_CODES), size=len(op))],
                OTHER_OPR[r.integers(0, len(OTHER_OPR), size=len(oth))],
            ]
        )
        od = np.concatenate([p["adm"][op], p["adm"][oth]])
        order = np.argsort(oi, kind="stable")
        self.tables["lpr_sksopr"] = pa.table(
            {
                "recnum": str_array(recnum[oi[order]]),
                "c_opr": str_array(oc[order]),
                "d_odto": date_array(od[order]),
            }
        )

    def reg_ges(self) -> None:
        g = self.ges
        p = self.plans
        kom_codes = self.mun["kom"].to_numpy()
        pid = p["pid"][g["plan"]]
        order = np.lexsort((g["code"].astype(str), g["day"], pid))
        self.tables["ges"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid[order])),
                "kom": pa.array(kom_codes[g["kom"][order]].astype(np.int32)),
                "d_ydelse": date_array(g["day"][order]),
                "c_ydelse": str_array(g["code"][order]),
            }
        )

    def reg_sssy(self) -> None:
        r = self.rng["sssy"]
        c = self.codes
        p = self.plans
        idx = np.flatnonzero(p["deep"])
        m = len(idx)
        A = wcol(p["adm"][idx])
        S = wcol(p["start"][idx])
        lo = np.array([0, 3, 6, 11])[p["gp_band"][idx]]
        hi = np.array([2, 5, 10, 16])[p["gp_band"][idx]]
        tot = lo + (r.random(m) * (hi - lo + 1)).astype(int)
        nrow = (tot + 1) // 2
        rep = np.repeat(np.arange(m), nrow)
        first = np.r_[0, np.cumsum(nrow)[:-1]]
        off = np.arange(len(rep)) - np.repeat(first, nrow)
        yd = np.where((off == nrow[rep] - 1) & (tot[rep] % 2 == 1), 1, 2)
        # weeks A-24..A-2, inside the 26 weeks before admission; a person's two plans (repeats) keep their
        # contacts out of each other's window (first plan: before the next admission - 26 weeks; later plan:
        # from the previous admission week on)
        pid_d = p["pid"][idx]
        o = np.lexsort((A, pid_d))
        same = pid_d[o][1:] == pid_d[o][:-1]
        w_lo, w_hi = A - 24, A - 2
        nxt = np.full(m, 1 << 30)
        nxt[o[:-1][same]] = A[o[1:][same]]
        prv = np.full(m, -(1 << 30))
        prv[o[1:][same]] = A[o[:-1][same]]
        w_hi = np.minimum(w_hi, nxt - 27)
        w_lo = np.maximum(w_lo, prv)
        wk = w_lo[rep] + (r.integers(0, 23, size=len(rep)) * (w_hi - w_lo + 1)[rep]) // 23
        sp = c.gp_speciale[r.integers(0, len(c.gp_speciale), size=len(rep))]
        pid_l, wk_l, sp_l, yd_l = [p["pid"][idx][rep]], [wk], [sp], [yd]
        ph = np.flatnonzero(p["physio"][idx])
        k = r.integers(1, 5, size=len(ph))
        rep = np.repeat(ph, k)
        pid_l.append(p["pid"][idx][rep])
        wk_l.append(S[rep] + 1 + r.integers(0, 12, size=len(rep)))
        prov = c.physio_prov[r.integers(0, len(c.physio_prov), size=len(rep))]
        sp_l.append(np.char.add(prov.astype(str), rand_digits(r, len(rep), 4).astype(str)).astype(object))
        yd_l.append(np.ones(len(rep), dtype=int))
        # other services and contacts of everybody else
        pe = self.persons
        oth = np.flatnonzero(~pe["deep"] & (r.random(self.n_pers) < 0.3))
        pid_l.append(oth)
        wk_l.append(r.integers(0, N_WEEKS, size=len(oth)))
        sp_l.append(np.where(r.random(len(oth)) < 0.7, c.gp_speciale[0], c.other_speciale[0]).astype(object))
        yd_l.append(r.integers(1, 3, size=len(oth)))
        deep_o = np.flatnonzero(pe["deep"] & (r.random(self.n_pers) < 0.2))
        pid_l.append(deep_o)
        wk_l.append(wcol(pe["ref_day"][deep_o]) - 45 + r.integers(0, 8, size=len(deep_o)))
        sp_l.append(np.full(len(deep_o), c.other_speciale[0], dtype=object))
        yd_l.append(np.ones(len(deep_o), dtype=int))
        pid = np.concatenate(pid_l)
        wk = np.clip(np.concatenate(wk_l), 0, N_WEEKS - 1)
        labels = np.array([s[2:] for s in week_labels()], dtype=object)
        sp = np.concatenate(sp_l)
        yd = np.concatenate(yd_l)
        order = np.lexsort((sp.astype(str), wk, pid))
        self.tables["sssy"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid[order])),
                "honuge": str_array(labels[wk[order]]),
                "speciale": str_array(sp[order]),
                "ydlant": pa.array(yd[order].astype(np.int32)),
            }
        )

    def reg_dod_vnds(self) -> None:
        r = self.rng["misc"]
        pe = self.persons
        ex = np.flatnonzero(self.exit_day < day("2099-01-01"))
        death = ex[self.exit_is_death[ex]]
        emig = ex[~self.exit_is_death[ex]]
        self.tables["dod"] = pa.table(
            {"pnr": str_array(self.pnr(death)), "doddato": date_array(self.exit_day[death])}
        )
        imm = np.flatnonzero((pe["origin"] > 0) & (r.random(self.n_pers) < 0.6))
        arr = np.maximum(pe["birth"][imm] + 1, day("1990-01-01") + r.integers(0, 8000, size=len(imm)))
        arr = np.minimum(arr, day("2013-12-31"))
        pid = np.concatenate([imm, emig])
        dd = np.concatenate([arr, self.exit_day[emig]])
        code = np.concatenate([np.full(len(imm), "I", dtype=object), np.full(len(emig), "U", dtype=object)])
        order = np.lexsort((code.astype(str), dd, pid))
        self.tables["vnds"] = pa.table(
            {
                "pnr": str_array(self.pnr(pid[order])),
                "haend_dato": date_array(dd[order]),
                "indud_kode": str_array(code[order]),
            }
        )
        # exits in DREAM for the persons without a painted course (deaths of pensioners etc.)
        c = self.codes
        for who, code_i in ((death, c.DEATH), (emig, c.EMIG)):
            col = wcol(self.exit_day[who]) + 1
            ok = col < N_WEEKS
            rows = who[ok]
            sub = self.M[rows]
            after = np.arange(N_WEEKS)[None, :] >= col[ok][:, None]
            sub[after & (sub == 0)] = code_i
            self.M[rows] = sub

    def reg_dream(self) -> None:
        c = self.codes
        M = self.M
        has = np.flatnonzero((M != 0).any(axis=1))
        labels = week_labels()
        dictionary = pa.array(np.concatenate([[""], c.dream]).astype(object), type=pa.string())
        cols = {"pnr": str_array(self.pnr(has))}
        sub = M[has]
        for j, lab in enumerate(labels):
            v = sub[:, j]
            cols[lab] = dictionary.take(pa.array(v.astype(np.int32), mask=v == 0))
        self.tables["dream"] = pa.table(cols)

    # ------------------------------------------------------------------ truth and output
    def build_truth(self) -> None:
        p = self.plans
        dv = self.derived
        idx = self.truth_idx
        mun = self.mun
        kom_codes = mun["kom"].to_numpy()
        coef = self.model.coefficient_table(self.intercept)
        self.truth["coefficients"] = pa.Table.from_pandas(coef, preserve_index=False)
        self.truth["municipality_effects"] = pa.table(
            {
                "kom_kode": pa.array(kom_codes.astype(np.int32)),
                "kom_navn": str_array(mun["kom_navn"].to_numpy()),
                "effect": pa.array(self.kom_effect.astype(np.float64)),
                "linkage_rate": pa.array(mun["linkage_rate"].to_numpy(dtype=np.float64)),
                "general_plan_share": pa.array(mun["general_share"].to_numpy(dtype=np.float64)),
                "cohort_2016": pa.array(self.cohort_cells[:, 0].astype(np.int32)),
                "cohort_2017": pa.array(self.cohort_cells[:, 1].astype(np.int32)),
                "quality_fail_2016": pa.array(mun["quality_fail2016"].to_numpy(dtype=bool)),
                "quality_fail_2017": pa.array(mun["quality_fail2017"].to_numpy(dtype=bool)),
            }
        )
        cat = p["cat"][idx]
        q = np.stack([mun["quality_fail2016"].to_numpy(), mun["quality_fail2017"].to_numpy()], axis=1)
        sy = p["start_year"][idx]
        yi = np.clip(sy - 2016, 0, 1)
        qfail = q[p["kom"][idx], yi]
        # the designed reason = the first rule of METHOD §1 the plan fails, in METHOD's order (rules 3 and 9
        # as the written DREAM gives them); expected in cohort = passes 1-9 and its municipality-year passes
        # §5 with the intended counts (thresholds scaled, design.thresholds)
        age_ok = (p["age"][idx] >= 18) & (p["age"][idx] <= 64)
        names = np.array(CAT_NAMES, dtype=object)
        steps = [
            (np.isin(cat, [NOJOB, HOURS]), names[cat]),
            (dv["weeks_7_9"][idx] > 1, "benefits_2_of_weeks_7_9"),
            (np.isin(cat, [NOLINK, LATE, SINGLE, CUT]), names[cat]),
            (np.isin(cat, [Y2015, Y2018]), names[cat]),
            (~age_ok, "age_outside_18_64"),
            (np.isin(cat, [DEATH, EMIG]), names[cat]),
            (cat == REP_CLOSE, "repeat_too_close"),
            (dv["excl_3"][idx], "undeterminable_benefit_3m"),
        ]
        reason = np.full(len(idx), "", dtype=object)
        done = np.zeros(len(idx), dtype=bool)
        for fail, why in steps:
            hit = fail & ~done
            reason = np.where(hit, why, reason)
            done |= hit
        expected = ~done & self.expected_mask[idx]
        in_cohort_rules = ~done & np.isin(cat, [COHORT, REP_VALID])
        reason = np.where(in_cohort_rules & qfail, "municipality_quality_sds", reason)
        reason = np.where(in_cohort_rules & ~qfail & ~expected, "municipality_small_numbers", reason)
        prob = p["prob"][idx]
        drawn = np.where(np.isfinite(prob), p["y3"][idx], dv["on_3"][idx])
        # the probability from the bands as written (differs from the drawn one only where extra benefit
        # weeks were painted after the draw: the benefit weeks 7-9 exclusions)
        xd = self.x_matrix(idx)
        xd["benefit_weeks_before_start"] = p["bw_band_derived"][idx]
        xd["benefit_weeks_year_before"] = p["bwyear_band_derived"][idx]
        lp = self.intercept + self.model.linear_predictor(xd) + self.kom_effect[p["kom"][idx]]
        prob = np.where(np.isfinite(prob), sigmoid(lp), np.nan)
        x = self.x_matrix(idx)
        # benefit-week bands as written in DREAM (equal to the drawn ones for every painted course)
        x["benefit_weeks_before_start"] = p["bw_band_derived"][idx]
        x["benefit_weeks_year_before"] = p["bwyear_band_derived"][idx]
        cols = {
            "pnr": str_array(self.pnr(p["pid"][idx])),
            "recnum": str_array(p["recnum"][idx]),
            "kom_kode": pa.array(kom_codes[p["kom"][idx]].astype(np.int32)),
            "admission_date": date_array(p["adm"][idx]),
            "discharge_date": date_array(p["disch"][idx]),
            "rehab_start": date_array(p["start"][idx]),
            "start_year": pa.array(sy.astype(np.int32)),
            "age": pa.array(p["age"][idx].astype(np.int32)),
        }
        for var, v in x.items():
            levels = self.model.levels[var]
            cols[var] = str_array(np.asarray(levels, dtype=object)[v])
        cols.update(
            {
                "hospital_contact_days": pa.array(p["hdays"][idx].astype(np.int32)),
                "paid_hours_key_month": pa.array(p["hours_key"][idx].astype(np.float64)),
                "benefit_weeks_before_start_n": pa.array(dv["bw_before"][idx].astype(np.int32)),
                "benefit_weeks_year_before_n": pa.array(dv["bw_year"][idx].astype(np.int32)),
                "benefit_weeks_7_9": pa.array(dv["weeks_7_9"][idx].astype(np.int32)),
                "true_linear_predictor": pa.array(np.log(prob / (1 - prob)), mask=~np.isfinite(prob)),
                "true_probability_3m": pa.array(prob, mask=~np.isfinite(prob)),
                "on_benefits_3m": pa.array(drawn),
            }
        )
        for mth in range(7):
            cols[f"derived_on_benefits_m{mth}"] = pa.array(dv[f"on_{mth}"][idx])
            cols[f"derived_excluded_m{mth}"] = pa.array(dv[f"excl_{mth}"][idx])
            cols[f"derived_on_since_start_m{mth}"] = pa.array(dv[f"pers_{mth}"][idx])
        mixname = np.array(["", "sickness_benefit", "unemployment_etc", "other"], dtype=object)
        cols["benefit_mix_m0"] = str_array(mixname[dv["mix_0"][idx]])
        cols["benefit_mix_m3"] = str_array(mixname[dv["mix_3"][idx]])
        cols["benefit_mix_m6"] = str_array(mixname[dv["mix_6"][idx]])
        cols["is_expected_in_cohort"] = pa.array(expected)
        cols["designed_exclusion_reason"] = str_array(reason)
        cols["course_number"] = pa.array((p["seq"][idx] + 1).astype(np.int32))
        self.truth["courses"] = pa.table(cols)
        # plans of every kind (incl. non-MSK, specialised, not linked)
        self.truth["plans"] = pa.table(
            {
                "pnr": str_array(self.pnr(p["pid"])),
                "recnum": str_array(p["recnum"]),
                "admission_date": date_array(p["adm"]),
                "discharge_date": date_array(p["disch"]),
                "age_at_start": pa.array(p["age"].astype(np.int32)),
                "kom_kode": pa.array(kom_codes[p["kom"]].astype(np.int32)),
                "category": str_array(np.array(CAT_NAMES, dtype=object)[p["cat"]]),
                "plan_type": str_array(
                    np.array(["general", "specialised", "specialised_rehabilitation"], dtype=object)[
                        p["ptype"]
                    ]
                ),
                "is_msk": pa.array(p["msk"]),
                "linked": pa.array(p["linked"] == 1),
            }
        )
        # GES quality per municipality-year, as METHOD §5.1-2 judges it
        g = self.ges
        y, m, _ = ymd(g["day"])
        rows = []
        nk = len(mun)
        for yy in (2016, 2017):
            sel = y == yy
            cell = g["kom"][sel] * 12 + (m[sel] - 1)
            svc = np.bincount(cell, minlength=nk * 12).reshape(nk, 12)
            pp = np.unique(np.stack([cell, p["pid"][g["plan"][sel]]], axis=1), axis=0)
            per = np.bincount(pp[:, 0], minlength=nk * 12).reshape(nk, 12)
            a = np.where(per > 0, svc / np.maximum(per, 1), np.nan)
            ratio = a[:, 1:] / a[:, :-1]
            swings = np.nansum((ratio > 1.4) | (ratio < 0.6), axis=1)
            months = (svc > 0).sum(axis=1)
            for k in range(nk):
                rows.append((int(kom_codes[k]), yy, int(months[k]), int(swings[k])))
        gq = pd.DataFrame(rows, columns=["kom_kode", "year", "months_with_services", "swings"])
        gq["passes_quality"] = (gq["months_with_services"] == 12) & (gq["swings"] <= 1)
        self.truth["ges_quality"] = pa.Table.from_pandas(gq, preserve_index=False)

    def run(self, out: Path) -> dict[str, int]:
        steps = [
            ("plans", self.build_plans),
            ("ges", self.build_ges),
            ("persons", self.build_persons),
            ("case-mix", self.draw_casemix),
            ("covariates", self.derive_covariates),
            ("outcome", self.draw_outcome),
            ("dream", self.paint_dream),
            ("lpr", self.reg_lpr),
            ("population", self.reg_bef_ind_udda),
            ("dod/vnds", self.reg_dod_vnds),
            ("derive", self.derive_from_dream),
            ("bfl", self.reg_bfl),
            ("ges", self.reg_ges),
            ("sssy", self.reg_sssy),
            ("dream table", self.reg_dream),
            ("truth", self.build_truth),
        ]
        bar = tqdm(steps, desc="rtw_synth", disable=not self.progress, unit="step")
        for name, fn in bar:
            bar.set_postfix_str(name)
            fn()
        out = Path(out)
        tmp = out.parent / (out.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        counts = {}
        for name in (
            "bef",
            "dream",
            "lpr_adm",
            "lpr_diag",
            "lpr_sksopr",
            "lpr_sksube",
            "ges",
            "bfl",
            "ind",
            "udda",
            "sssy",
            "dod",
            "vnds",
        ):
            counts[name] = write_table(self.tables[name], tmp / name)
        for name, t in self.truth.items():
            write_named(t, tmp / "_truth" / f"{name}.parquet")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
        lines = [
            f"generator=rtw_synth {__version__}",
            f"seed={self.seed}",
            f"scale={self.scale}",
            f"background_ratio={self.background_ratio}",
        ] + [f"rows.{k}={v}" for k, v in counts.items()]
        (out / "_SUCCESS").write_text("\n".join(lines) + "\n")
        return counts


def generate(
    scale: float,
    seed: int,
    out: Path,
    seeds_dir: Path | None = None,
    background_ratio: float = 1.0,
    progress: bool = True,
) -> dict[str, int]:
    return Generator(scale, seed, seeds_dir, background_ratio, progress).run(out)
