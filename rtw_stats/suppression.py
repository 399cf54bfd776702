"""Cell suppression of the public marts (METHOD §7), as statistical agencies do it.

Every published count cell — and every count a reader can compute from published figures (a complement
such as "not on benefits" = persons − on benefits) — is a row of `cells`; `relations` says which cells
add up: in each relation the total cell equals the sum of its part cells.

* Primary suppression: a cell counting 1 … `max_persons` persons.
* Secondary (complementary) suppression, repeated until nothing changes: a relation is *open* when
  - exactly one of its cells is suppressed (it would follow from the others), or
  - its total is published and the suppressed parts add up to 1 … `max_persons` persons (the group of
    suppressed cells together would be a small count).
  In each open relation one more of its unsuppressed cells is suppressed, chosen by
  (cost, part before total, non-zero before zero, large enough to lift the suppressed sum above
  `max_persons` first, smallest count, cell id) — the "next-smallest" cell of the cheapest kind.

The cost of a cell says how much a reader loses when it is suppressed: 0 for a count nobody publishes
(a complement: suppressing it costs nothing), higher for the benchmark's denominators and national
figures. The result is deterministic (every tie is broken by cell id).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def suppress(
    cells: pd.DataFrame, relations: pd.DataFrame, max_persons: int, max_rounds: int = 1000
) -> pd.DataFrame:
    """Primary and secondary suppression of count cells.

    cells: cell_id, persons (count), cost (int); relations: relation_id, cell_id, is_total (bool).
    Returns cell_id, persons, is_primary, is_suppressed, suppression_round (0 = primary, k = added in
    round k of the secondary suppression, NULL = published), sorted by cell_id.
    """
    cells = (
        cells[["cell_id", "persons", "cost"]].sort_values("cell_id", kind="mergesort").reset_index(drop=True)
    )
    if cells["cell_id"].duplicated().any():
        raise ValueError("suppression: duplicate cell_id in the cells")
    relations = relations.reindex(columns=["relation_id", "cell_id", "is_total"])
    unknown = ~relations["cell_id"].isin(cells["cell_id"])
    if unknown.any():
        raise ValueError(
            f"suppression: {int(unknown.sum())} relation rows name a cell that is not in the cells "
            f"(e.g. relation {relations.loc[unknown, 'relation_id'].iloc[0]!r})"
        )
    index = pd.Series(np.arange(len(cells)), index=cells["cell_id"])
    members = pd.DataFrame(
        {
            "relation_id": relations["relation_id"].to_numpy(),
            "cell": index.loc[relations["cell_id"]].to_numpy(),
            "is_total": relations["is_total"].astype(bool).to_numpy(),
        }
    )
    persons = cells["persons"].to_numpy(dtype=np.int64)
    members["persons"] = persons[members["cell"]]
    members["cost"] = cells["cost"].to_numpy()[members["cell"]]
    members["cell_id"] = cells["cell_id"].to_numpy()[members["cell"]]

    primary = (persons >= 1) & (persons <= max_persons)
    suppressed = primary.copy()
    round_added = np.where(primary, 0, -1)

    for round_number in range(1, max_rounds + 1):
        members["is_suppressed"] = suppressed[members["cell"]]
        members["suppressed_part"] = np.where(
            members["is_suppressed"] & ~members["is_total"], members["persons"], 0
        )
        members["suppressed_total"] = members["is_suppressed"] & members["is_total"]
        state = members.groupby("relation_id", sort=True).agg(
            suppressed_n=("is_suppressed", "sum"),
            suppressed_sum=("suppressed_part", "sum"),
            total_suppressed=("suppressed_total", "any"),
            members_n=("cell", "size"),
        )
        state["open_n"] = state["members_n"] - state["suppressed_n"]
        is_open = (state["suppressed_n"] == 1) | (
            ~state["total_suppressed"]
            & (state["suppressed_sum"] >= 1)
            & (state["suppressed_sum"] <= max_persons)
        )
        is_open &= state["open_n"] > 0
        if not is_open.any():
            break
        candidates = members[
            members["relation_id"].isin(state.index[is_open]) & ~members["is_suppressed"]
        ].copy()
        candidates["relation_sum"] = state.loc[candidates["relation_id"], "suppressed_sum"].to_numpy()
        candidates["is_zero"] = candidates["persons"] == 0
        candidates["too_small"] = candidates["relation_sum"] + candidates["persons"] <= max_persons
        candidates = candidates.sort_values(
            ["relation_id", "cost", "is_total", "is_zero", "too_small", "persons", "cell_id"],
            kind="mergesort",
        )
        chosen = candidates.drop_duplicates("relation_id")["cell"].to_numpy()
        suppressed[chosen] = True
        round_added[chosen] = np.where(round_added[chosen] < 0, round_number, round_added[chosen])
    else:
        raise RuntimeError(f"suppression: no fixed point after {max_rounds} rounds")

    return pd.DataFrame(
        {
            "cell_id": cells["cell_id"],
            "persons": persons,
            "is_primary": primary,
            "is_suppressed": suppressed,
            "suppression_round": pd.array(np.where(round_added >= 0, round_added, None), dtype="Int64"),
        }
    )
