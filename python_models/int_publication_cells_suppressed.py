"""METHOD §7: primary and secondary (complementary) suppression of every count cell of the public marts.

Input: the cells (int_publication_cells) and their additive relations (int_publication_cell_relations), both
contracted, unit-tested SQL models. The rule is rtw_stats.suppression.suppress (tested with hand-made tables
in tests/python/test_suppression.py). Output: one row per cell with its flags; the public marts publish a
count or a share only when none of its cells is suppressed. Holds unsuppressed counts: not public.
"""

from rtw_stats.suppression import suppress


def model(dbt, session):
    dbt.config(materialized="table")
    cells = dbt.ref("int_publication_cells").df()
    relations = dbt.ref("int_publication_cell_relations").df()
    flags = suppress(cells, relations, max_persons=int(dbt.config.get("max_persons")))
    keys = cells.drop(columns=["persons"]).set_index("cell_id")
    return flags.join(keys, on="cell_id")
