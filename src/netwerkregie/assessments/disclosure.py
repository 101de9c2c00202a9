"""Disclosure control of survey statistics: which cells may be shown without isolating anyone.

A *cell* is one statistic (a mean, a distribution) over one group of respondents: the whole
round, an organisation type, a level, a theme. Each cell is a weighted sum over *variables*, one
respondent's answers about one subject (the network, a level, a theme): a respondent answering
about three levels counts a third per level in a mean over respondents, but fully in the mean
of one level. Whoever sees a cell's mean and n knows that weighted sum; whoever sees several
cells of the same statistic can add and subtract them.

The rule, applied to every statistic of a breakdown together (docs/results.md):

1. primary: a cell is shown only with at least `minimum` respondents behind it;
2. differences: two shown cells of the same statistic differ by none or by at least `minimum`
   respondents, both ways (group minus group, total minus group, overlapping themes too);
3. combinations: no sum or difference of shown cells depends on the answers of fewer than
   `minimum` respondents only. Tested exactly with linear algebra (see `_combination`).

A cell breaking rule 2 or 3 is hidden (secondary suppression), the smallest group first and the
total last, until none does.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

Variable = tuple[int, Hashable]  # (respondent, subject answered about)

# Candidate sets of respondents tried in rule 3 before falling back on the stricter test that
# no combination depends on small "atoms" at all (which is safe, only hides more).
COMBINATION_BUDGET = 400


@dataclass(frozen=True)
class Cell:
    """One statistic over one group: the weight each variable has in it."""

    key: Hashable
    weights: Mapping[Variable, Fraction]
    total: bool = False  # the statistic over everyone: hidden only when nothing else helps

    @property
    def respondents(self) -> frozenset[int]:
        return frozenset(respondent for respondent, _subject in self.weights)


def shown_cells(families: Iterable[Mapping[Hashable, Cell]], minimum: int, *,
                order: Iterable[Hashable] = ()) -> set[Hashable]:
    """The keys of the cells that may be shown.

    `families` are the views of one statistic that are published together, by cell key (e.g.
    the respondents behind a mean and those behind its answer distribution); a key is shown
    only when it passes the rule in every family. `order` breaks ties between equally small
    groups, so the result does not depend on dictionary order.
    """
    families = [dict(family) for family in families]
    rank = {key: i for i, key in enumerate(order)}
    keys = {key for family in families for key in family}
    shown = {key for key in keys
             if all(len(family[key].respondents) >= max(minimum, 1) for family in families if key in family)}
    while True:
        involved: list[Cell] = []
        for family in families:
            involved = _violation([family[key] for key in shown if key in family], minimum)
            if involved:
                break
        if not involved:
            return shown
        victim = min(involved, key=lambda c: (c.total, len(c.respondents), rank.get(c.key, len(rank)), str(c.key)))
        shown.discard(victim.key)


def _violation(cells: list[Cell], minimum: int) -> list[Cell]:
    """Cells that together break rule 2 or 3; empty when the shown cells are safe.

    Pairs with the total come first: a group too close to the total has to go whatever else is
    hidden, and hiding it first often spares a group it would otherwise have taken along.
    """
    cells = sorted(cells, key=lambda c: not c.total)
    for a, b in combinations(cells, 2):
        for rest in (a.respondents - b.respondents, b.respondents - a.respondents):
            if 0 < len(rest) < minimum:
                return [a, b]
    return _combination(cells, minimum)


def _combination(cells: list[Cell], minimum: int) -> list[Cell]:
    """Rule 3: cells some combination of which depends on fewer than `minimum` respondents.

    Write the cells as rows of a matrix over the variables. A combination of rows that is zero
    outside a set U of variables exists exactly when dropping U's columns lowers the rank.
    Variables whose columns are proportional (an *atom*: answered by people in exactly the same
    cells, with the same weights) drop together or not at all, so only unions of atoms of fewer
    than `minimum` respondents need trying; if dropping all such atoms at once keeps the rank,
    no smaller set can lower it.
    """
    if len(cells) < 2 or minimum <= 1:
        return []
    atoms: dict[tuple[Fraction, ...], set[Variable]] = {}
    variables = {v for cell in cells for v in cell.weights}
    for variable in variables:
        column = [cell.weights.get(variable, Fraction(0)) for cell in cells]
        lead = next(w for w in column if w)
        atoms.setdefault(tuple(w / lead for w in column), set()).add(variable)
    small = [(column, frozenset(r for r, _s in members)) for column, members in atoms.items()
             if len({r for r, _s in members}) < minimum]
    if not small:
        return []
    large_basis = _basis(column for column, members in atoms.items()
                         if len({r for r, _s in members}) >= minimum)
    full = _extend(large_basis, (column for column, _people in small))
    if len(large_basis) == len(full):
        return []
    tried = 0
    for size in range(1, len(small) + 1):
        found_any = False
        for picked in combinations(range(len(small)), size):
            people = frozenset().union(*(small[i][1] for i in picked))
            if len(people) >= minimum:
                continue
            found_any = True
            tried += 1
            if tried > COMBINATION_BUDGET:  # too many to try: treat every small atom as isolated
                return _touching(cells, [column for column, _people in small])
            kept = (small[i][0] for i in range(len(small)) if i not in picked)
            if len(_extend(large_basis, kept)) < len(full):
                return _touching(cells, [small[i][0] for i in picked])
        if not found_any:
            break
    return []


def _touching(cells: list[Cell], columns: list[tuple[Fraction, ...]]) -> list[Cell]:
    """The cells with weight on any of these atoms."""
    return [cell for i, cell in enumerate(cells) if any(column[i] for column in columns)]


Basis = dict[int, list[Fraction]]  # pivot position -> reduced vector


def _basis(vectors: Iterable[Iterable[Fraction]]) -> Basis:
    return _extend({}, vectors)


def _extend(basis: Basis, vectors: Iterable[Iterable[Fraction]]) -> Basis:
    """The basis grown by the vectors that are independent of it (exact Gaussian elimination)."""
    result = {pivot: list(vector) for pivot, vector in basis.items()}
    for vector in vectors:
        vector = list(vector)
        for pivot, row in result.items():
            if vector[pivot]:
                factor = vector[pivot] / row[pivot]
                vector = [x - factor * y for x, y in zip(vector, row, strict=True)]
        pivot = next((i for i, x in enumerate(vector) if x), None)
        if pivot is not None:
            for other, row in result.items():
                if row[pivot]:
                    factor = row[pivot] / vector[pivot]
                    result[other] = [x - factor * y for x, y in zip(row, vector, strict=True)]
            result[pivot] = vector
    return result


def binned_counts(counts: Mapping[Hashable, int], minimum: int) -> dict[Hashable, int | None]:
    """Counts of respondents per bin, a bin of fewer than `minimum` given as None.

    When only one bin with respondents would be hidden, the total minus the others would give
    its count away, so the smallest shown bin is hidden with it.
    """
    result: dict[Hashable, int | None] = {key: (n if n == 0 or n >= minimum else None) for key, n in counts.items()}
    hidden = [key for key, n in result.items() if n is None]
    shown = sorted((key for key, n in result.items() if n), key=lambda key: (counts[key], str(key)))
    if len(hidden) == 1 and shown:
        result[shown[0]] = None
    return result
