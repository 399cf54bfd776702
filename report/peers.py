"""Peers to learn from: for each municipality, the most similar municipalities that do better.

Similar = close in expected share (the case-mix: who the municipality gets) and in size (log of persons), each
measured in standard deviations across the analysed municipalities. Doing better = a lower indicator at the
headline month than the municipality itself *and* below 0 (fewer on benefits than their own case-mix
predicts).
The peers' indicators at months 2 and 6 are shown beside, so a reader can see whether the lead holds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

N_PEERS = 3


def find_peers(table1: pd.DataFrame, n_peers: int = N_PEERS) -> pd.DataFrame:
    """One row per (municipality, peer): municipality_code, peer_code, peer_rank (1 = most similar), distance.

    ``table1`` is indexed by municipality code with persons, expected_pct and indicator_pp at the headline
    month
    (Bilag 2 Tabel 1). Municipalities with a suppressed share take no part.
    """
    head = table1.dropna(subset=["indicator_pp", "expected_pct", "persons"])
    head = head[head["persons"] > 0]
    if head.empty:
        return pd.DataFrame(columns=["municipality_code", "peer_code", "peer_rank", "distance"])
    expected = head["expected_pct"].astype(float)
    size = np.log(head["persons"].astype(float))
    sd_expected = float(expected.std(ddof=0)) or 1.0
    sd_size = float(size.std(ddof=0)) or 1.0
    rows = []
    for code, row in head.iterrows():
        better = head[(head["indicator_pp"] < row["indicator_pp"]) & (head["indicator_pp"] < 0)]
        better = better.drop(index=code, errors="ignore")
        if better.empty:
            continue
        dist = np.sqrt(
            ((better["expected_pct"].astype(float) - float(row["expected_pct"])) / sd_expected) ** 2
            + ((np.log(better["persons"].astype(float)) - np.log(float(row["persons"]))) / sd_size) ** 2
        )
        for rank, (peer, d) in enumerate(dist.sort_values(kind="stable").head(n_peers).items(), start=1):
            rows.append(
                {"municipality_code": code, "peer_code": peer, "peer_rank": rank, "distance": float(d)}
            )
    return pd.DataFrame(rows, columns=["municipality_code", "peer_code", "peer_rank", "distance"])
