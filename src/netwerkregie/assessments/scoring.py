"""Pure scoring functions; answers are a plain mapping item_key -> value so rounds can feed them."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping

from .instruments import Instrument

DONT_KNOW = "dont_know"


def dimension_means(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, float | None]:
    """Mean per dimension on the instrument's scale; reverse items mirrored, don't know/missing ignored."""
    low, high = instrument.scoring.get("scale", [1, 5])
    result: dict[str, float | None] = {}
    for dim in instrument.dimensions:
        values = []
        for item in dim.items:
            value = answers.get(item.key)
            if value is None or value == DONT_KNOW or isinstance(value, bool):
                continue
            values.append(low + high - value if item.reverse else value)
        result[dim.key] = statistics.fmean(values) if values else None
    return result


def group_stats(values: Iterable[object]) -> dict:
    """n, mean, median, standard deviation and distribution of the numeric answers of a group."""
    nums = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return {
        "n": len(nums),
        "mean": statistics.fmean(nums) if nums else None,
        "median": statistics.median(nums) if nums else None,
        "stdev": statistics.stdev(nums) if len(nums) > 1 else None,
        "distribution": dict(Counter(nums)),
    }


def share_yes(instrument: Instrument, answers: Mapping[str, object]) -> float | None:
    """Share of answered yes/no items that were answered yes (0..1)."""
    given = [answers[it.key] for d in instrument.dimensions for it in d.items
             if isinstance(answers.get(it.key), bool)]
    return sum(given) / len(given) if given else None
