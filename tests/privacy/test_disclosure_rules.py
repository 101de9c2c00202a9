"""The rules of results/disclosure.py on hand-made cells: each attack of issue 8, leak 3, in its barest form."""

from __future__ import annotations

import random
from fractions import Fraction

from netwerkregie.assessments.results.disclosure import Cell, binned_counts, shown_cells

ONE = Fraction(1)


def cell(key, people, *, total=False, weights=None) -> Cell:
    return Cell(key, weights or {(p, "network"): ONE for p in people}, total)


def test_a_group_one_respondent_short_of_the_total_is_hidden():
    everyone = range(9)
    cells = {c.key: c for c in (cell("total", everyone, total=True), cell("T1", everyone), cell("T2", range(8)))}
    assert shown_cells([cells], 3) == {"total", "T1"}


def test_the_rest_of_a_split_may_not_be_worked_out():
    """Total of 10, types of 4, 4 and 2: the third is hidden, so one of the others must go too."""
    cells = {c.key: c for c in (cell("total", range(10), total=True), cell("A", range(4)), cell("B", range(4, 8)),
                                cell("C", range(8, 10)))}
    shown = shown_cells([cells], 3, order=["total", "A", "B", "C"])
    assert "total" in shown and "C" not in shown and len(shown & {"A", "B"}) == 1


def test_overall_minus_levels_weighs_each_respondents_levels():
    """Respondent 0 answered about two levels: the overall mean counts each half, the level fully."""
    overall = {(0, "strategic"): Fraction(1, 2), (0, "tactical"): Fraction(1, 2), (1, "strategic"): ONE,
               (2, "strategic"): ONE}
    cells = {"total": cell("total", (), total=True, weights=overall),
             "strategic": cell("strategic", (), weights={(p, "strategic"): ONE for p in range(3)})}
    assert shown_cells([cells], 3) == {"total"}  # total − strategic = respondent 0's (tactical − strategic) / 2


def test_crossing_breakdowns_need_not_hide_anything():
    """Types and themes that cross leave no combination of fewer than three."""
    people = range(12)
    cells = {c.key: c for c in (cell("total", people, total=True), cell("type a", range(6)),
                                cell("type b", range(6, 12)), cell("theme", range(3, 9)))}
    assert shown_cells([cells], 3) == set(cells)


def test_the_result_does_not_depend_on_the_order_cells_come_in():
    rng = random.Random(8)
    people = range(20)
    groups = [cell(f"g{i}", [p for p in people if rng.random() < 0.5]) for i in range(8)]
    expected = None
    for _ in range(5):
        rng.shuffle(groups)
        cells = {c.key: c for c in [cell("total", people, total=True), *groups]}
        shown = shown_cells([cells], 3, order=["total", *sorted(c.key for c in groups)])
        assert expected is None or shown == expected
        expected = shown


def test_binned_counts_hide_small_bins_and_what_would_give_them_away():
    assert binned_counts({"a": 5, "b": 1, "c": 0}, 3) == {"a": None, "b": None, "c": 0}
    assert binned_counts({"a": 5, "b": 1, "c": 2, "d": 4}, 3) == {"a": 5, "b": None, "c": None, "d": 4}
