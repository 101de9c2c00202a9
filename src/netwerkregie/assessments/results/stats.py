"""One statistic over a group of respondents, each counted once, with the anonymity rule."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .. import scoring
from ..instruments import SCALES, Dimension, Instrument, Item, localized
from .loading import Respondent, Unit

# Width of the confidence band: mean ± Z_95 · sd / √n.
Z_95 = 1.96


def _visible(n: int, minimum: int) -> bool:
    """The anonymity rule: a group is shown only with at least `minimum` respondents."""
    return n >= max(minimum, 1)


def suppressed_label(minimum: int) -> str:
    return _("fewer than %(minimum)d respondents") % {"minimum": minimum}


def withheld_label(minimum: int) -> str:
    """For a group or statistic hidden by disclosure control: too small, or too close to another."""
    return _("not shown: fewer than %(minimum)d respondents, or it would give away a smaller group") % {
        "minimum": minimum}


@dataclass
class Stat:
    """One dimension over one group; numbers are None when suppressed."""

    key: str
    name: str
    method: str
    scale: tuple[float, float] | None
    n: int
    suppressed: bool
    mean: float | None = None
    median: float | None = None
    stdev: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    distribution: list[tuple[str, str, int]] = field(default_factory=list)
    dont_know: int = 0
    items: list[tuple[str, list[tuple[str, str, int]]]] = field(default_factory=list)

    @property
    def share_yes(self) -> float | None:
        return self.mean if self.method == "share_yes" else None


def _dimension_scale(dim: Dimension) -> tuple[float, float] | None:
    """The dimension's range, in floats: as a stored Stat reads it back, so stored and fresh charts match."""
    if dim.scoring == "share_yes":
        return (0.0, 1.0)
    scales = {it.scale for it in dim.items if it.scale}
    if len(scales) != 1:
        return None
    low, high = scales.pop()
    return (float(low), float(high))


def _answer_categories(items: Iterable[Item]) -> list[tuple[str, str]]:
    """The answer values a distribution counts, in a meaningful order, with their labels."""
    categories: dict[str, str] = {}
    for item in items:
        if item.answer_type in SCALES:
            low, high = SCALES[item.answer_type]
            categories.update({str(v): str(v) for v in range(low, high + 1)})
        elif item.answer_type == "yes_no":
            categories.update({"yes": _("yes"), "no": _("no")})
        for choice in item.choices:
            categories.setdefault(choice.key, localized(choice, "label"))
    if any(item.dont_know for item in items):
        categories[scoring.DONT_KNOW] = _("don't know")
    return list(categories.items())


def _answer_keys(item: Item, value: object) -> list[str]:
    """The category keys one answer adds to a distribution (reverse items mirrored)."""
    if value == scoring.DONT_KNOW:
        return [scoring.DONT_KNOW]
    if item.answer_type in SCALES:
        number = scoring.item_value(item, value)
        return [] if number is None else [str(round(number))]
    if item.answer_type == "yes_no" and isinstance(value, bool):
        return ["yes" if value else "no"]
    picks = value if isinstance(value, list) else [value]
    return [str(p) for p in dict.fromkeys(picks) if isinstance(p, str)]


def _stat(key: str, name: str, method: str, scale, items: tuple[Item, ...],
          selection: Selection, value_of: Callable[[Unit], float | None], minimum: int,
          disclosed: bool = True) -> Stat:
    """Aggregate one measure over respondents, each counted once (their subjects averaged).

    `disclosed` is the verdict of disclosure control over all cells published with this one.
    """
    selected = list(selection.values())
    values = []
    per_item: dict[str, Counter[str]] = {item.key: Counter() for item in items}
    for units in selected:
        own = [v for u in units if (v := value_of(u)) is not None]
        if own:
            values.append(statistics.fmean(own))
        for unit in units:
            for item in items:
                if item.key in unit.answers:
                    per_item[item.key].update(_answer_keys(item, unit.answers[item.key]))
    counts = sum(per_item.values(), Counter())
    dont_know = counts.get(scoring.DONT_KNOW, 0)
    responded = sum(1 for units in selected if any(it.key in u.answers for u in units for it in items))
    n = len(values) if method != "distribution" else responded
    stat = Stat(key=key, name=name, method=method, scale=scale, n=n,
                suppressed=not (disclosed and _visible(n, minimum)))
    if stat.suppressed:
        return stat
    stat.dont_know = dont_know
    stat.distribution = [(k, label, counts.get(k, 0)) for k, label in _answer_categories(items)]
    if method == "distribution":  # items of choices differ: keep each item's own distribution
        stat.items = [(localized(item, "text"), [(k, label, per_item[item.key].get(k, 0))
                                                 for k, label in _answer_categories([item])]) for item in items]
    if values:
        stats = scoring.group_stats(values)
        stat.mean, stat.median, stat.stdev = stats["mean"], stats["median"], stats["stdev"]
        if stat.stdev is not None:
            half = Z_95 * stat.stdev / math.sqrt(len(values))
            stat.ci_low, stat.ci_high = stat.mean - half, stat.mean + half
    return stat


def _dimension_stat(dim: Dimension, selected: Selection, minimum: int, *, disclosed: bool = True) -> Stat:
    return _stat(dim.key, localized(dim, "name"), dim.scoring, _dimension_scale(dim), dim.items, selected,
                 lambda u: u.scores.get(dim.key), minimum, disclosed)


def _network_units(instrument: Instrument, units: list[Unit]) -> list[Unit]:
    """The units about the network as a whole: per-theme instruments are also answered per theme."""
    return [u for u in units if u.theme_id is None] if instrument.per_theme else units


Selection = dict[int, list[Unit]]  # invitation id -> that respondent's units in the statistic


def _selection(instrument: Instrument, respondents: Iterable[Respondent],
               unit_filter: Callable[[Unit], bool] | None = None, *, network_only: bool = True) -> Selection:
    """Each respondent's units of the instrument that pass the filter; respondents without any dropped."""
    result = {}
    for respondent in respondents:
        units = respondent.units.get(instrument.key, [])
        if network_only:
            units = _network_units(instrument, units)
        if unit_filter is not None:
            units = [u for u in units if unit_filter(u)]
        if units:
            result[respondent.invitation_id] = units
    return result
