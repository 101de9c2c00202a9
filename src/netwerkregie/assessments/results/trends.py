"""Trends over the network-wide rounds and comparisons of two rounds.

Thresholds of round comparisons are module constants, documented in docs/results.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy

from netwerkregie.registry.models import (
    Network,
)

from ..instruments import Better, Instrument, instrument_get, localized
from ..models import SurveyRound
from .loading import Respondent, _load
from .stats import Stat, _dimension_scale, _dimension_stat, _selection

# The trend page opens on the five conditions when a round asked them.
CONDITIONS_INSTRUMENT = "five_conditions"


# A difference between two rounds is flagged from this share of the scale's range on:
# 0.5 point on 1–5, 0.375 on 1–4, 12.5 percentage points of "share yes".
CHANGE_SHARE_OF_RANGE = 0.125


def _network_rounds(network: Network) -> list[SurveyRound]:
    """Rounds about the whole network (not one theme or coalition), oldest first."""
    qs = SurveyRound.objects.filter(network=network, theme__isnull=True, coalition__isnull=True)
    return list(qs.select_related("network").order_by("opens_on", "closes_on", "pk"))


@dataclass
class TrendPoint:
    round: SurveyRound
    stat: Stat


@dataclass
class TrendSeries:
    key: str
    name: str
    scale: tuple[float, float] | None
    points: list[TrendPoint]


@dataclass
class Trend:
    instrument: Instrument
    rounds: list[SurveyRound]
    series: list[TrendSeries]
    minimum: int


def _overall(instrument: Instrument, respondents: list[Respondent], minimum: int) -> list[Stat]:
    selected = _selection(instrument, respondents)
    return [_dimension_stat(d, selected, minimum) for d in instrument.dimensions]


def trend_rounds(*, network: Network, instrument_key: str,
                 rounds: Iterable[SurveyRound] | None = None) -> list[SurveyRound]:
    """The network-wide rounds that asked the instrument, oldest first; `rounds` limits them to these
    (the rounds whose results the member may see)."""
    allowed = None if rounds is None else {r.pk for r in rounds}
    return [r for r in _network_rounds(network)
            if instrument_key in r.instruments and (allowed is None or r.pk in allowed)]


def trend_of(*, rounds: list[SurveyRound], instrument_key: str, minimum: int) -> Trend:
    """Each dimension's mean with its confidence band over exactly these rounds (see trend_rounds)."""
    instrument = instrument_get(instrument_key)
    data = _load(rounds, [instrument_key])
    series = {d.key: TrendSeries(d.key, localized(d, "name"), _dimension_scale(d), [])
              for d in instrument.dimensions if d.scoring != "distribution"}
    for survey_round in rounds:
        for stat in _overall(instrument, data.respondents[survey_round.pk], minimum):
            if stat.key in series:
                series[stat.key].points.append(TrendPoint(survey_round, stat))
    return Trend(instrument, rounds, list(series.values()), minimum)


def trend(*, network: Network, instrument_key: str, rounds: Iterable[SurveyRound] | None = None) -> Trend:
    """Each dimension's mean with its confidence band over the network-wide rounds that asked it.

    `rounds` limits the trend to these (the rounds whose results the member may see).
    """
    return trend_of(rounds=trend_rounds(network=network, instrument_key=instrument_key, rounds=rounds),
                    instrument_key=instrument_key, minimum=network.anonymity_minimum)


def change_threshold(scale: tuple[float, float] | None) -> float | None:
    """The difference that counts as a real change on this scale (see CHANGE_SHARE_OF_RANGE)."""
    if not scale:
        return None
    return CHANGE_SHARE_OF_RANGE * (scale[1] - scale[0])


class Verdict(models.TextChoices):
    """A change between two rounds read by its dimension's direction (instruments.Better)."""

    BETTER = "better", gettext_lazy("better")
    WORSE = "worse", gettext_lazy("worse")
    SAME = "same", gettext_lazy("unchanged")
    NEITHER = "neither", gettext_lazy("changed, neither better nor worse")


@dataclass
class Difference:
    instrument: Instrument
    key: str
    name: str
    before: Stat
    after: Stat
    threshold: float | None

    @property
    def instrument_name(self) -> str:
        return localized(self.instrument, "name")

    @property
    def suppressed(self) -> bool:
        return self.before.suppressed or self.after.suppressed or self.before.mean is None \
            or self.after.mean is None

    @property
    def change(self) -> float | None:
        return None if self.suppressed else self.after.mean - self.before.mean

    @property
    def flagged(self) -> bool:
        return self.change is not None and self.threshold is not None and abs(self.change) >= self.threshold - 1e-9

    @property
    def better(self) -> str:
        return self.instrument.dimension(self.key).better

    @property
    def verdict(self) -> Verdict | None:
        """Whether the change is for the better by the dimension's direction; None when suppressed."""
        change = self.change
        if change is None:
            return None
        if abs(change) < 1e-9:
            return Verdict.SAME
        if self.better == Better.NEITHER:
            return Verdict.NEITHER
        return Verdict.BETTER if (change > 0) == (self.better == Better.HIGHER) else Verdict.WORSE


@dataclass
class Comparison:
    before: SurveyRound
    after: SurveyRound
    differences: list[Difference]
    minimum: int


def round_comparison(*, before: SurveyRound, after: SurveyRound) -> Comparison:
    """Per dimension of every instrument both rounds asked: both means and the difference."""
    minimum = before.network.anonymity_minimum
    data = _load([before, after])
    differences = []
    for key in [k for k in before.instruments if k in after.instruments]:
        try:
            instrument = instrument_get(key)
        except KeyError:
            continue
        old = _overall(instrument, data.respondents[before.pk], minimum)
        new = _overall(instrument, data.respondents[after.pk], minimum)
        for dim, a, b in zip(instrument.dimensions, old, new, strict=True):
            if dim.scoring != "distribution":
                differences.append(Difference(instrument, dim.key, localized(dim, "name"), a, b,
                                              change_threshold(_dimension_scale(dim))))
    return Comparison(before, after, differences, minimum)


def trend_instrument(*, asked: list[str], chosen: str | None) -> str:
    """The instrument the trend page shows: the chosen one, by default the five conditions when a
    round asked them, else the first asked; "" when no round asked any. Another key is a 404."""
    if chosen:
        if chosen not in asked:
            raise Http404
        return chosen
    return CONDITIONS_INSTRUMENT if CONDITIONS_INSTRUMENT in asked else (asked or [""])[0]


def compared_rounds(*, rounds: list[SurveyRound], before_id: int | None,
                    after_id: int | None) -> tuple[SurveyRound | None, SurveyRound | None]:
    """The two rounds the compare page sets side by side: the chosen ones, by default the last two.

    `rounds` are the rounds the member may see, newest first; an id not among them is a 404.
    """
    by_id = {r.pk: r for r in rounds}
    if (before_id is not None and before_id not in by_id) or (after_id is not None and after_id not in by_id):
        raise Http404
    if before_id is None and after_id is None and len(rounds) >= 2:
        return rounds[1], rounds[0]
    return by_id.get(before_id), by_id.get(after_id)
