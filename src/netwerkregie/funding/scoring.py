"""The weighted total of an application, computed so anyone can redo it by hand from what is published.

For every criterion c with weight w_c, the mean score m_c over the assessors who submitted and
have no conflict with the application; then

    weighted total = Σ (w_c × m_c) / Σ w_c          (rounded to two decimals at the end)

Each assessor's own weighted total uses their scores instead of the means; the spread is the
highest minus the lowest of those. Applications are ranked by weighted total, highest first; equal
totals share a rank (1, 1, 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted(scores: Mapping[int, Decimal], weights: Mapping[int, Decimal]) -> Decimal | None:
    """Σ w·s / Σ w over the criteria that have a score; None without any."""
    scored = [pk for pk in weights if pk in scores]
    if not scored:
        return None
    return sum(weights[pk] * scores[pk] for pk in scored) / sum(weights[pk] for pk in scored)


def criterion_means(scores: Iterable[tuple[int, int]]) -> dict[int, Decimal]:
    """(criterion id, score) pairs to the exact mean score per criterion."""
    totals: dict[int, list[int]] = {}
    for criterion, score in scores:
        totals.setdefault(criterion, []).append(score)
    return {criterion: Decimal(sum(values)) / len(values) for criterion, values in totals.items()}


def rank(totals: Mapping[int, Decimal | None]) -> dict[int, int]:
    """Competition ranking of the rounded totals, highest first; no total means no rank."""
    ordered = sorted((total, key) for key, total in totals.items() if total is not None)
    ordered.reverse()
    ranks, previous, position = {}, None, 0
    for index, (total, key) in enumerate(ordered, start=1):
        if total != previous:
            position, previous = index, total
        ranks[key] = position
    return ranks
