"""Code lists from the seeds, resolved once, and helpers that pick codes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import BANDED

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
        joint = dg.drop_duplicates("diagnosis_group").set_index("diagnosis_group")["joint_size"]
        self.joint_size = np.array([joint.get(g, "other") for g in groups])
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
