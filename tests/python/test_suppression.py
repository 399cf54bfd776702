"""rtw_stats.suppression (METHOD §7): primary and secondary cell suppression on hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from rtw_stats.suppression import suppress


def table(
    cells: dict[str, int], relations: dict[str, tuple[str, list[str]]], costs: dict[str, int] | None = None
):
    """cells: id -> persons; relations: id -> (total, parts); costs default to 1."""
    costs = costs or {}
    cell_frame = pd.DataFrame(
        {"cell_id": list(cells), "persons": list(cells.values()), "cost": [costs.get(c, 1) for c in cells]}
    )
    rows = []
    for relation_id, (total, parts) in relations.items():
        rows.append({"relation_id": relation_id, "cell_id": total, "is_total": True})
        rows += [{"relation_id": relation_id, "cell_id": p, "is_total": False} for p in parts]
    return cell_frame, pd.DataFrame(rows)


def suppressed_ids(result: pd.DataFrame) -> set[str]:
    return set(result.loc[result["is_suppressed"], "cell_id"])


def test_primary_is_1_to_max_persons_zero_and_larger_published():
    cells, relations = table({"zero": 0, "one": 1, "five": 5, "six": 6}, {})
    result = suppress(cells, relations, max_persons=5)
    assert suppressed_ids(result) == {"one", "five"}
    assert set(result.loc[result["is_primary"], "cell_id"]) == {"one", "five"}
    assert result.set_index("cell_id").loc["one", "suppression_round"] == 0


def test_one_suppressed_part_takes_the_next_smallest_part_not_the_total():
    cells, relations = table(
        {"total": 60, "a": 3, "b": 20, "c": 12, "d": 25}, {"r": ("total", ["a", "b", "c", "d"])}
    )
    result = suppress(cells, relations, max_persons=5)
    assert suppressed_ids(result) == {"a", "c"}
    assert result.set_index("cell_id").loc["c", "suppression_round"] == 1


def test_complement_too_small_to_protect_is_skipped():
    # a = 3 and b = 2 suppressed would only show "a + b = 5 persons": c (lifting the sum above 5) is added.
    cells, relations = table(
        {"total": 40, "a": 3, "b": 2, "c": 7, "d": 28}, {"r": ("total", ["a", "b", "c", "d"])}
    )
    result = suppress(cells, relations, max_persons=5)
    # b is primary itself (2); a + b = 5 is a small sum, so c is added.
    assert suppressed_ids(result) == {"a", "b", "c"}


def test_two_primaries_whose_sum_is_small_get_a_third_cell():
    cells, relations = table(
        {"total": 50, "a": 1, "b": 2, "c": 9, "d": 38}, {"r": ("total", ["a", "b", "c", "d"])}
    )
    assert suppressed_ids(suppress(cells, relations, max_persons=5)) == {"a", "b", "c"}


def test_zero_part_is_not_used_when_a_non_zero_one_exists():
    cells, relations = table({"total": 30, "a": 4, "z": 0, "b": 26}, {"r": ("total", ["a", "z", "b"])})
    assert suppressed_ids(suppress(cells, relations, max_persons=5)) == {"a", "b"}


def test_total_suppressed_alone_takes_a_part():
    # Total and its one non-zero part are both small (primary): two suppressed cells, nothing more to do.
    cells, relations = table({"total": 4, "a": 4, "b": 0}, {"r": ("total", ["a", "b"])})
    assert suppressed_ids(suppress(cells, relations, max_persons=5)) == {"total", "a"}


def test_single_part_relation_suppresses_the_total():
    cells, relations = table({"same_a": 3, "same_b": 3}, {"identity": ("same_a", ["same_b"])})
    assert suppressed_ids(suppress(cells, relations, max_persons=5)) == {"same_a", "same_b"}


def test_free_cell_first_then_cheapest_part_across_relations():
    # Two municipalities x (group, other) with margins: group_1 = 3 (primary). The free complement other_1 is
    # taken first, then the national relation of `other` takes other_2 (free) and municipality 2's relation
    # takes group_2 (cost 1) rather than its total (cost 3): the 2 x 2 rectangle of the hypercube method.
    cells, relations = table(
        {
            "total_1": 40, "group_1": 3, "other_1": 37,
            "total_2": 50, "group_2": 20, "other_2": 30,
            "total_3": 90, "group_3": 60, "other_3": 30,
            "total_n": 180, "group_n": 83, "other_n": 97,
        },
        {
            "m1": ("total_1", ["group_1", "other_1"]),
            "m2": ("total_2", ["group_2", "other_2"]),
            "m3": ("total_3", ["group_3", "other_3"]),
            "national": ("total_n", ["group_n", "other_n"]),
            "n_total": ("total_n", ["total_1", "total_2", "total_3"]),
            "n_group": ("group_n", ["group_1", "group_2", "group_3"]),
            "n_other": ("other_n", ["other_1", "other_2", "other_3"]),
        },
        costs={"other_1": 0, "other_2": 0, "other_3": 0, "other_n": 0,
               "total_1": 3, "total_2": 3, "total_3": 3, "total_n": 4, "group_n": 4},
    )  # fmt: skip
    result = suppress(cells, relations, max_persons=5)
    assert suppressed_ids(result) == {"group_1", "other_1", "group_2", "other_2"}


def test_fixed_point_no_relation_left_with_one_suppressed_cell():
    cells, relations = table(
        {"t": 100, "a": 2, "b": 40, "c": 58, "b1": 10, "b2": 30},
        {"r": ("t", ["a", "b", "c"]), "rb": ("b", ["b1", "b2"])},
    )
    result = suppress(cells, relations, max_persons=5)
    hidden = suppressed_ids(result)
    for _, members in relations.groupby("relation_id"):
        assert len(set(members["cell_id"]) & hidden) != 1
    assert hidden == {"a", "b", "b1"}


def test_relation_naming_an_unknown_cell_is_an_error():
    cells, relations = table({"t": 10}, {"r": ("t", ["missing"])})
    with pytest.raises(ValueError, match="not in the cells"):
        suppress(cells.iloc[:1], relations, max_persons=5)


def test_two_cohort_periods_are_suppressed_apart():
    """Cells of two cohort periods with the same area and measure, relations within each period only (as
    int_publication_cell_relations writes them): a small cell of one period makes its own period suppress a
    complement and leaves the other period's cells, even the same-named ones, published."""
    cells, relations = table(
        {
            "2016-2017|national": 40,
            "2016-2017|101": 3,
            "2016-2017|147": 37,
            "2018-2019|national": 40,
            "2018-2019|101": 30,
            "2018-2019|147": 10,
        },
        {
            "area|2016-2017": ("2016-2017|national", ["2016-2017|101", "2016-2017|147"]),
            "area|2018-2019": ("2018-2019|national", ["2018-2019|101", "2018-2019|147"]),
        },
        costs={"2016-2017|national": 4, "2018-2019|national": 4},
    )
    result = suppress(cells, relations, max_persons=5)
    assert suppressed_ids(result) == {"2016-2017|101", "2016-2017|147"}
