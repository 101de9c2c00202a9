"""For any group memberships and "don't know" answers, no shown statistics combine to isolate anyone.

The checker here is deliberately naive and independent of assessments/results/disclosure.py: it rebuilds
each shown statistic's respondents from the generated data and tries every set of fewer than
the minimum respondents, asking whether some sum or difference of the shown statistics depends
on that set alone (the rank of the shown groups drops when the set's columns are left out).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from privacy_helpers import Survey, conditions

from netwerkregie.assessments.results import breakdown
from netwerkregie.assessments.results.disclosure import Cell, shown_cells

pytestmark = pytest.mark.django_db

TYPES = ("hospital", "gp", "welfare")
THEMES = ("Ouderen", "GGZ", "Jeugd")
LEVELS = ("strategic", "tactical", "operational")
DIMENSIONS = ("ambitie", "belangen")  # the dimensions "don't know" is generated for
_networks = itertools.count(1)


def rank(rows: list[list[Fraction | int]]) -> int:
    """Exact rank by Gaussian elimination over the rationals."""
    matrix = [[Fraction(x) for x in row] for row in rows if any(row)]
    rank_found, columns = 0, len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((i for i in range(rank_found, len(matrix)) if matrix[i][column]), None)
        if pivot is None:
            continue
        matrix[rank_found], matrix[pivot] = matrix[pivot], matrix[rank_found]
        for i in range(len(matrix)):
            if i != rank_found and matrix[i][column]:
                factor = matrix[i][column] / matrix[rank_found][column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank_found], strict=True)]
        rank_found += 1
    return rank_found


def isolated(groups: list[frozenset[int]], people: list[int], minimum: int) -> tuple[int, ...] | None:
    """A set of fewer than `minimum` people that some combination of the groups depends on alone."""
    if not groups:
        return None
    full = rank([[int(p in g) for p in people] for g in groups])
    for size in range(1, minimum):
        for subset in itertools.combinations(people, size):
            rest = [p for p in people if p not in subset]
            if rank([[int(p in g) for p in rest] for g in groups]) < full:
                return subset
    return None


def test_the_checker_finds_the_differencing_attack():
    """Theme T1 = everyone, T2 = all but one: T1 − T2 is that one person (issue 8, leak 3)."""
    everyone = frozenset(range(9))
    assert isolated([everyone, everyone - {8}], list(everyone), 3) == (8,)
    assert isolated([everyone, frozenset(range(4))], list(everyone), 3) is None


organisations = st.lists(st.tuples(st.sampled_from(TYPES), st.sets(st.sampled_from(THEMES))), min_size=1, max_size=4)
respondents = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(LEVELS), st.integers(1, 5),
                                 st.sets(st.sampled_from(DIMENSIONS))), min_size=0, max_size=9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orgs=organisations, people=respondents, minimum=st.integers(2, 4))
def test_no_shown_statistics_combine_to_isolate_fewer_than_the_minimum(make_network, orgs, people, minimum):
    network = make_network(f"eigenschap-{next(_networks)}", anonymity_minimum=minimum)
    survey = Survey(network)
    made = [survey.organisation(f"Org {i}", type_key, tuple(sorted(themes)))
            for i, (type_key, themes) in enumerate(orgs)]
    rnd = survey.round(["five_conditions"])
    members: dict[tuple[str, str], set[int]] = {}
    dont_know: dict[int, set[str]] = {}
    for org_index, level, score, unknown in people:
        org_index %= len(made)
        answers = {"five_conditions": conditions(score, dont_know=tuple(unknown))}
        invitation = survey.respond(rnd, made[org_index], answers, level=level)
        type_key, themes = orgs[org_index]
        dont_know[invitation.pk] = unknown
        for key in [("type", type_key), ("level", level), *(("theme", t) for t in themes), ("total", "")]:
            members.setdefault(key, set()).add(invitation.pk)
    result = breakdown.round_results(survey_round=rnd).instruments[0]
    everyone = sorted(dont_know)
    assert result.suppressed == (len(everyone) < minimum)
    if result.suppressed:
        return
    theme_names = {str(t.pk): t.name for t in network.themes.all()}
    for dim in DIMENSIONS:
        scored = {p for p in everyone if dim not in dont_know[p]}
        total = next(s for s in result.dimensions if s.key == dim)
        shown = [frozenset(members[("total", "")])] if not total.suppressed else []
        assert total.suppressed == (len(scored) < minimum)  # the total is never hidden to protect a group
        for kind, groups in result.groups.items():
            for group in groups:
                stat = next((s for s in group.dimensions if s.key == dim), None)
                if group.suppressed or stat.suppressed:
                    continue
                key = theme_names[group.key] if kind == "theme" else group.key
                shown.append(frozenset(members[(kind, key)]))
                assert stat.n == len(members[(kind, key)] & scored)
        for family in ([g & scored for g in shown], shown):  # means rest on the scored, counts on all
            assert all(len(g) >= minimum for g in family)
            for a, b in itertools.permutations(family, 2):
                assert len(a - b) == 0 or len(a - b) >= minimum
            assert isolated(family, everyone, minimum) is None, (dim, family)


@settings(max_examples=60, deadline=None)
@given(answered=st.lists(st.sets(st.sampled_from(LEVELS), min_size=1), min_size=1, max_size=8),
       groups=st.lists(st.sets(st.integers(0, 7)), max_size=4), minimum=st.integers(2, 4))
def test_per_level_weights_never_isolate_a_respondent(answered, groups, minimum):
    """Respondents answering about one to three levels: the overall and group means weigh each of a
    respondent's levels 1/k, a level's mean weighs it fully. Checked over every set of respondents."""
    people = range(len(answered))

    def averaged(members) -> dict:
        return {(p, level): Fraction(1, len(answered[p])) for p in members for level in answered[p]}

    cells = {"total": Cell("total", averaged(people), total=True)}
    cells |= {level: Cell(level, {(p, level): Fraction(1) for p in people if level in answered[p]})
              for level in LEVELS}
    cells |= {f"group {i}": Cell(f"group {i}", averaged(p for p in members if p < len(answered)))
              for i, members in enumerate(groups)}
    shown = [cells[key] for key in shown_cells([cells], minimum, order=list(cells))]
    variables = sorted({v for c in shown for v in c.weights})
    matrix = [[c.weights.get(v, 0) for v in variables] for c in shown]
    full = rank(matrix)
    for size in range(1, minimum):
        for subset in itertools.combinations(people, size):
            kept = [i for i, v in enumerate(variables) if v[0] not in subset]
            assert rank([[row[i] for i in kept] for row in matrix]) == full, (subset, [c.key for c in shown])
