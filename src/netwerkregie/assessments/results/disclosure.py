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

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import combinations

Variable = tuple[int, Hashable]  # (respondent, subject answered about)

# Sets of atoms tried in rule 3 before falling back on the stricter test that no combination
# depends on small "atoms" at all (which is safe, only hides more).
COMBINATION_BUDGET = 2000


@dataclass(frozen=True)
class Cell:
    """One statistic over one group: the weight each variable has in it."""

    key: Hashable
    weights: Mapping[Variable, Fraction]
    total: bool = False  # the statistic over everyone: hidden only when nothing else helps

    @cached_property
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

    def position(key: Hashable) -> tuple[int, str]:
        return rank.get(key, len(rank)), str(key)

    # A fixed order throughout: the same data must always give the same cells, or two page loads
    # together could show more than either alone.
    keys = sorted({key for family in families for key in family}, key=position)
    shown = [key for key in keys
             if all(len(family[key].respondents) >= max(minimum, 1) for family in families if key in family)]
    while True:
        involved: list[Cell] = []
        for family in families:
            involved = _violation([family[key] for key in shown if key in family], minimum)
            if involved:
                break
        if not involved:
            return set(shown)
        victim = min(involved, key=lambda c: (c.total, len(c.respondents), position(c.key)))
        shown.remove(victim.key)


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
    than `minimum` respondents ("small") need trying, and of those only the ones outside the
    span of the large atoms: the others never lower the rank. A set that lowers the rank must
    take an atom from every basis of the atoms it leaves, which `_Search` searches along.
    """
    if len(cells) < 2 or minimum <= 1:
        return []
    atoms: dict[tuple[int, ...], set[int]] = defaultdict(set)
    for variable in sorted({v for cell in cells for v in cell.weights}, key=repr):
        atoms[_integral([cell.weights.get(variable, Fraction(0)) for cell in cells])].add(variable[0])
    large = _independent([column for column, people in atoms.items() if len(people) >= minimum])[1]
    small = [(column, frozenset(people), reduced) for column, people in atoms.items()
             if len(people) < minimum and any(reduced := _reduce(large, column))]
    if not small:
        return []
    vectors = [reduced for _column, _people, reduced in small]
    search = _Search(vectors, [people for _column, people, _reduced in small], minimum)
    try:
        picked = search.lowering(frozenset(), frozenset())
    except _TooMany:  # treat every small atom as isolated: safe, only hides more
        return _touching(cells, [column for column, _people, _reduced in small])
    if picked is None:
        return []
    inside = {small[i][0] for i in picked}
    return _combined(cells, [c for c in atoms if c not in inside], list(inside))


class _TooMany(Exception):
    pass


class _Search:
    """Depth-first search for atoms of fewer than `minimum` respondents whose removal lowers the rank."""

    def __init__(self, vectors: list[tuple[int, ...]], people: list[frozenset[int]], minimum: int) -> None:
        self.vectors, self.people, self.minimum = vectors, people, minimum
        self.rank = len(_independent(vectors)[0])
        self.seen: set[frozenset[int]] = set()

    def lowering(self, removed: frozenset[int], people: frozenset[int]) -> frozenset[int] | None:
        if removed in self.seen:
            return None
        self.seen.add(removed)
        if len(self.seen) > COMBINATION_BUDGET:
            raise _TooMany
        kept = _independent(self.vectors, (i for i in range(len(self.vectors)) if i not in removed), self.rank)[0]
        if len(kept) < self.rank:
            return removed
        for i in kept:
            more = people | self.people[i]
            if len(more) < self.minimum and (found := self.lowering(removed | {i}, more)) is not None:
                return found
        return None


def _independent(vectors: list[tuple[int, ...]], indices: Iterable[int] | None = None,
                 limit: int | None = None) -> tuple[list[int], Basis]:
    """The indices of a greedy basis among these vectors (all, or those at `indices`), stopping once
    `limit` are found, and that basis."""
    basis: Basis = {}
    chosen: list[int] = []
    for i in range(len(vectors)) if indices is None else indices:
        if len(chosen) == limit:
            break
        reduced = _reduce(basis, vectors[i])
        pivot = next((p for p, x in enumerate(reduced) if x), None)
        if pivot is not None:
            basis[pivot] = reduced
            chosen.append(i)
    return chosen, basis


def _integral(column: list[Fraction]) -> tuple[int, ...]:
    """The column scaled to coprime integers with a positive first entry: equal for proportional columns."""
    lead = next(w for w in column if w)
    scaled = [w / lead for w in column]
    denominator = math.lcm(*(w.denominator for w in scaled))
    integers = [int(w * denominator) for w in scaled]
    divisor = math.gcd(*integers)
    return tuple(x // divisor for x in integers)


def _touching(cells: list[Cell], columns: list[tuple[int, ...]]) -> list[Cell]:
    """The cells with weight on any of these atoms."""
    return [cell for i, cell in enumerate(cells) if any(column[i] for column in columns)]


def _combined(cells: list[Cell], outside: list[tuple[int, ...]], inside: list[tuple[int, ...]]) -> list[Cell]:
    """The cells of a combination that is zero on the `outside` atoms but not on the `inside` ones.

    Rows of [cells' weights on outside atoms | identity] are reduced; a row whose weights vanish
    carries in its identity part the coefficients of such a combination.
    """
    n = len(cells)
    rows = [[*(Fraction(column[i]) for column in outside), *(Fraction(int(i == j)) for j in range(n))]
            for i in range(n)]
    width = len(outside)
    done = 0
    for position in range(width):
        pivot = next((i for i in range(done, n) if rows[i][position]), None)
        if pivot is None:
            continue
        rows[done], rows[pivot] = rows[pivot], rows[done]
        for i in range(n):
            if i != done and rows[i][position]:
                factor = rows[i][position] / rows[done][position]
                rows[i] = [x - factor * y for x, y in zip(rows[i], rows[done], strict=True)]
        done += 1
    for row in rows[done:]:
        coefficients = row[width:]
        if any(sum(c * column[i] for i, c in enumerate(coefficients)) for column in inside):
            return [cell for cell, c in zip(cells, coefficients, strict=True) if c]
    return _touching(cells, inside)


Basis = dict[int, tuple[int, ...]]  # pivot position -> row, zero before its pivot


def _reduce(basis: Basis, vector: Iterable[int]) -> tuple[int, ...]:
    """The vector with the basis rows eliminated (exact: integers, scaled down by their gcd)."""
    vector = list(vector)
    for pivot in sorted(basis):
        if vector[pivot]:
            row = basis[pivot]
            vector = [row[pivot] * x - vector[pivot] * y for x, y in zip(vector, row, strict=True)]
            divisor = math.gcd(*vector)
            if divisor > 1:
                vector = [x // divisor for x in vector]
    return tuple(vector)


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
