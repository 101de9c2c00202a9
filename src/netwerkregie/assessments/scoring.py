"""Pure scoring functions; answers are a plain mapping item_key -> value so rounds can feed them.

Every rule comes from the instrument's data (``scoring`` in its YAML and each dimension's
``scoring`` method), so a new instrument needs no code. Answer values are what
``assessments.models.Answer.value`` holds: a number, ``DONT_KNOW``, True/False, a choice key,
a list of choice keys or free text. One mapping holds the answers about one subject (the
network, a theme, a level or another organisation); score each subject's mapping on its own.

Public API (stable; only add):

- ``item_value(item, value) -> float | None``: the number an answer adds to a mean (reverse
  items mirrored on the item's scale, choice scores looked up, don't know/missing -> None).
- ``dimension_means(instrument, answers) -> {dimension: mean | None}``: means of all numeric items.
- ``share_yes(instrument, answers, dimension=None) -> float | None``: share of yes (0..1).
- ``dimension_scores(instrument, answers) -> {dimension: score | None}``: each dimension by its
  method: ``mean``, ``share_yes`` (0..1) or ``distribution`` (None: read ``item_stats``).
- ``to_unit_interval(mean, low, high) -> float | None``: (mean - low) / (high - low).
- ``unit_scores(instrument, answers) -> {dimension: 0..1 | None}`` for ``scoring.unit_interval``.
- ``network_position(instrument, answers) -> {"x", "y", "quadrant"} | None`` for
  ``scoring.position``: x and y in -1..1 (x<0 informal, x>0 formal; y<0 ambition, y>0 action).
- ``score(instrument, answers) -> {"dimensions", "position"?, "unit"?}``: all of the above that apply.
- ``contingency_scores(answers) -> {"goal_consensus", "competency_need"}`` (0..1) and
  ``relation_scores(answers) -> {"trust", "value"}`` (1..4): shortcuts for governance advice
  and the relations map.
- Groups: ``group_stats(values) -> {"n", "mean", "median", "stdev", "distribution", "dont_know"}``,
  ``choice_distribution(values) -> {choice: count}``,
  ``group_scores(instrument, answer_sets) -> {dimension: group_stats}``,
  ``item_stats(instrument, answer_sets) -> {item: stats}``,
  ``position_spread(instrument, answer_sets) -> {"positions", "centre", "stdev", "quadrants"}``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping

from .instruments import DONT_KNOW, SCALES, Dimension, Instrument, Item, instrument_get

__all__ = ["DONT_KNOW", "choice_distribution", "contingency_scores", "dimension_means", "dimension_scores",
           "group_scores", "group_stats", "item_stats", "item_value", "network_position", "position_spread",
           "quadrant", "relation_scores", "score", "share_yes", "to_unit_interval", "unit_scores"]
QUADRANTS = {(-1, -1): "informal_ambition", (-1, 1): "informal_action",
             (1, -1): "formal_ambition", (1, 1): "formal_action"}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def item_value(item: Item, value: object) -> float | None:
    """The number an answer adds to a mean; None when it adds nothing (don't know, missing, text)."""
    if item.answer_type in SCALES:
        if not _is_number(value):
            return None
        low, high = SCALES[item.answer_type]
        return low + high - value if item.reverse else value
    if item.answer_type == "choice" and isinstance(value, str):
        for choice in item.choices:
            if choice.key == value:
                return choice.score
    return None


def _mean(dim: Dimension, answers: Mapping[str, object]) -> float | None:
    values = [v for it in dim.items if (v := item_value(it, answers.get(it.key))) is not None]
    return statistics.fmean(values) if values else None


def _share_yes(items: Iterable[Item], answers: Mapping[str, object]) -> float | None:
    given = [answers[it.key] for it in items if isinstance(answers.get(it.key), bool)]
    return sum(given) / len(given) if given else None


def dimension_means(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, float | None]:
    """Mean per dimension on the items' scale; reverse items mirrored, don't know/missing ignored."""
    return {dim.key: _mean(dim, answers) for dim in instrument.dimensions}


def share_yes(instrument: Instrument, answers: Mapping[str, object], dimension: str | None = None) -> float | None:
    """Share of answered yes/no items that were answered yes (0..1), for one dimension or all."""
    dims = [instrument.dimension(dimension)] if dimension else instrument.dimensions
    return _share_yes((it for d in dims for it in d.items), answers)


def dimension_scores(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, float | None]:
    """Each dimension scored by the method its data names; 'distribution' dimensions have no number."""
    result: dict[str, float | None] = {}
    for dim in instrument.dimensions:
        if dim.scoring == "share_yes":
            result[dim.key] = _share_yes(dim.items, answers)
        elif dim.scoring == "mean":
            result[dim.key] = _mean(dim, answers)
        else:
            result[dim.key] = None
    return result


def _dimension_scale(dim: Dimension) -> tuple[float, float]:
    """The common scale of a dimension's numeric items; mixing scales would make 0..1 meaningless."""
    scales = {it.scale for it in dim.items if it.scale}
    if len(scales) != 1:
        raise ValueError(f"dimension '{dim.key}' has no single scale: {sorted(scales)}")
    return scales.pop()


def to_unit_interval(mean: float | None, low: float, high: float) -> float | None:
    """Map a mean on low..high to 0..1, e.g. a Likert mean m to (m - 1) / 4."""
    return None if mean is None else (mean - low) / (high - low)


def unit_scores(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, float | None]:
    """The dimensions listed in ``scoring.unit_interval`` as 0..1, for advice that needs a fraction."""
    result = {}
    for key in instrument.scoring.get("unit_interval", []):
        dim = instrument.dimension(key)
        result[key] = to_unit_interval(_mean(dim, answers), *_dimension_scale(dim))
    return result


def _axis(instrument: Instrument, answers: Mapping[str, object], key: str) -> float | None:
    """A dimension mean mapped to -1..1 so the quadrant's centre is 0."""
    unit = to_unit_interval(_mean(instrument.dimension(key), answers), *_dimension_scale(instrument.dimension(key)))
    return None if unit is None else 2 * unit - 1


def quadrant(x: float, y: float) -> str | None:
    """The quadrant of a position; None on an axis, where the respondent is undecided."""
    if x == 0 or y == 0:
        return None
    return QUADRANTS[(1 if x > 0 else -1, 1 if y > 0 else -1)]


def network_position(instrument: Instrument, answers: Mapping[str, object]) -> dict | None:
    """A respondent's place in the network-nature quadrant, or None if either axis is unanswered."""
    axes = instrument.scoring.get("position")
    if not axes:
        return None
    x, y = _axis(instrument, answers, axes["x"]), _axis(instrument, answers, axes["y"])
    if x is None or y is None:
        return None
    return {"x": x, "y": y, "quadrant": quadrant(x, y)}


def score(instrument: Instrument, answers: Mapping[str, object]) -> dict:
    """Everything the instrument's scoring rule defines for one respondent and subject."""
    result: dict = {"dimensions": dimension_scores(instrument, answers)}
    if instrument.scoring.get("position"):
        result["position"] = network_position(instrument, answers)
    if instrument.scoring.get("unit_interval"):
        result["unit"] = unit_scores(instrument, answers)
    return result


def contingency_scores(answers: Mapping[str, object]) -> dict[str, float | None]:
    """Goal consensus and need for network-level competencies (0..1) for the governance-mode advice."""
    return unit_scores(instrument_get("governance_contingencies"), answers)


def relation_scores(answers: Mapping[str, object]) -> dict[str, float | None]:
    """Trust and value (1..4) of one relation, as the relational survey defines them."""
    means = dimension_means(instrument_get("relations"), answers)
    return {"trust": means["trust"], "value": means["value"]}


def group_stats(values: Iterable[object]) -> dict:
    """n, mean, median, standard deviation and distribution of the numeric answers of a group."""
    values = list(values)
    nums = [v for v in values if _is_number(v)]
    return {
        "n": len(nums),
        "mean": statistics.fmean(nums) if nums else None,
        "median": statistics.median(nums) if nums else None,
        "stdev": statistics.stdev(nums) if len(nums) > 1 else None,
        "distribution": dict(Counter(nums)),
        "dont_know": sum(1 for v in values if v == DONT_KNOW),
    }


def choice_distribution(values: Iterable[object]) -> dict[str, int]:
    """How often each choice was picked; a multi_choice answer (a list) counts each pick once."""
    counts: Counter[str] = Counter()
    for value in values:
        picks = value if isinstance(value, list | tuple) else [value]
        counts.update(str(p) for p in dict.fromkeys(picks) if isinstance(p, str) and p != DONT_KNOW)
    return dict(counts)


def group_scores(instrument: Instrument, answer_sets: Iterable[Mapping[str, object]]) -> dict[str, dict]:
    """group_stats per dimension over the respondents' own dimension scores."""
    scores = [dimension_scores(instrument, answers) for answers in answer_sets]
    return {dim.key: group_stats(s[dim.key] for s in scores) for dim in instrument.dimensions}


def item_stats(instrument: Instrument, answer_sets: Iterable[Mapping[str, object]]) -> dict[str, dict]:
    """Per item: group_stats of raw numbers for scale items, yes/no counts, or choice counts.

    Raw (not mirrored) values, so the distribution matches what respondents ticked.
    """
    answer_sets = list(answer_sets)
    result: dict[str, dict] = {}
    for item in instrument.items:
        values = [answers[item.key] for answers in answer_sets if item.key in answers]
        if item.answer_type in SCALES or item.answer_type == "number":
            result[item.key] = group_stats(values)
        elif item.answer_type == "yes_no":
            given = [v for v in values if isinstance(v, bool)]
            result[item.key] = {"n": len(given), "distribution": {"yes": sum(given), "no": len(given) - sum(given)},
                                "share_yes": sum(given) / len(given) if given else None}
        elif item.choices:
            counts = choice_distribution(values)
            result[item.key] = {"n": sum(1 for v in values if v not in (None, DONT_KNOW, [])),
                                "distribution": {c.key: counts.get(c.key, 0) for c in item.choices}}
        else:
            texts = [v for v in values if isinstance(v, str) and v.strip()]
            result[item.key] = {"n": len(texts), "texts": texts}
    return result


def position_spread(instrument: Instrument, answer_sets: Iterable[Mapping[str, object]]) -> dict:
    """Every respondent's quadrant position, their centre and spread: partners often disagree (§3)."""
    positions = [p for answers in answer_sets if (p := network_position(instrument, answers))]
    xs, ys = [p["x"] for p in positions], [p["y"] for p in positions]
    return {
        "positions": positions,
        "centre": {"x": statistics.fmean(xs), "y": statistics.fmean(ys)} if positions else None,
        "stdev": {"x": statistics.stdev(xs), "y": statistics.stdev(ys)} if len(positions) > 1 else None,
        "quadrants": dict(Counter(p["quadrant"] for p in positions)),
    }
