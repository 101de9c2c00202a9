"""The network-dip assessment (seed 001): a syndrome of signals rising together, not one item.

Per counting round (assessments.selectors.counting_rounds) every respondent's dip index is the
mean of their answers to the dip signals of the `network_dip` instrument (1 = not at all, 5 = very
much). The round's index is the mean over respondents with a 95 % t interval; the change of the
index and of every signal since the previous counting round carries a 95 % Welch interval. A change
counts only when its interval excludes zero. The existential questions are 001's outcome of the
other signals: reported beside the index, not inside it.

Status per round (the rule and its simulated false-alarm rate are in docs/results.md):

- *in een dip* (in_dip): the index rose (interval above zero) with at least DIP_MIN_SIGNALS signals
  rising each, or the index stands at DIP_LEVEL or higher and did not fall;
- *herstel* (recovery): after early signals or a dip, the index fell (interval below zero);
- *vroege signalen* (early_signals): the index rose, or at least EARLY_MIN_SIGNALS signals rose;
- *geen signalen* (no_signals): none of these.

The anonymity rule holds: a level or change is shown only over at least the network's anonymity
minimum of respondents in each round; below it the figure is suppressed, and never counts.
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.registry.models import Network

from ..instruments import Item, instrument_get, localized
from ..models import Answer, SurveyRound
from ..scoring import item_value
from ..selectors import counting_rounds

DIP_INSTRUMENT = "network_dip"
SIGNALS_DIMENSION = "signals"
OUTCOME_DIMENSION = "outcome"
# The index stands high from here on: on average the signals apply more than "somewhat" (1–5 scale).
DIP_LEVEL = 3.25
# A dip needs several signals rising together (a syndrome, 001); early signals need three.
DIP_MIN_SIGNALS = 4
EARLY_MIN_SIGNALS = 3
# The dashboard names this many driving signals, the largest changes first.
HEADLINE_SIGNALS = 3
# Two-sided 95 % intervals.
CONFIDENCE = 0.95


class DipStatus(models.TextChoices):
    NO_SIGNALS = "no_signals", gettext_lazy("no signals")
    EARLY_SIGNALS = "early_signals", gettext_lazy("early signals")
    IN_DIP = "in_dip", gettext_lazy("in a dip")
    RECOVERY = "recovery", gettext_lazy("recovery")


def t_quantile(df: float, confidence: float = CONFIDENCE) -> float:
    """Student's t quantile by the Cornish–Fisher expansion (within 0.15 of exact from df = 2, far closer above)."""
    z = statistics.NormalDist().inv_cdf(0.5 + confidence / 2)
    return (z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
            + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3))


@dataclass(frozen=True)
class Level:
    """A mean over respondents with its 95 % interval; numbers are None when suppressed."""

    n: int
    mean: float | None
    low: float | None
    high: float | None

    @property
    def suppressed(self) -> bool:
        return self.mean is None


@dataclass(frozen=True)
class Change:
    """The difference of two means with its 95 % Welch interval; None when either side is suppressed."""

    change: float | None
    low: float | None
    high: float | None

    @property
    def rising(self) -> bool:
        return self.low is not None and self.low > 0

    @property
    def falling(self) -> bool:
        return self.high is not None and self.high < 0


NO_CHANGE = Change(None, None, None)


def level(values: list[float], minimum: int) -> Level:
    """Mean and t interval; suppressed below the anonymity minimum (and below two answers)."""
    n = len(values)
    if n < max(minimum, 2):
        return Level(n, None, None, None)
    mean = statistics.fmean(values)
    half = t_quantile(n - 1) * statistics.stdev(values) / math.sqrt(n)
    return Level(n, mean, mean - half, mean + half)


def change(before: list[float], after: list[float], minimum: int) -> Change:
    """Welch's interval for after − before, only when both sides meet the anonymity minimum."""
    if min(len(before), len(after)) < max(minimum, 2):
        return NO_CHANGE
    diff = statistics.fmean(after) - statistics.fmean(before)
    a, b = statistics.variance(before) / len(before), statistics.variance(after) / len(after)
    if a + b == 0:
        return Change(diff, diff, diff)
    df = (a + b) ** 2 / (a ** 2 / (len(before) - 1) + b ** 2 / (len(after) - 1))
    half = t_quantile(df) * math.sqrt(a + b)
    return Change(diff, diff - half, diff + half)


@dataclass(frozen=True)
class SignalResult:
    key: str
    name: str
    level: Level
    change: Change


@dataclass(frozen=True)
class DipRound:
    """One counting round: the index, its change, every signal, the outcome and the status."""

    round: SurveyRound
    index: Level
    index_change: Change
    signals: tuple[SignalResult, ...]
    outcome: tuple[SignalResult, ...]
    status: DipStatus

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def drivers(self) -> tuple[SignalResult, ...]:
        """The signals that moved with the status: rising ones, or falling ones in recovery."""
        if self.status == DipStatus.RECOVERY:
            return tuple(s for s in self.signals if s.change.falling)
        moved = tuple(s for s in self.signals if s.change.rising)
        if moved or self.status != DipStatus.IN_DIP:
            return moved
        return tuple(s for s in self.signals if s.level.mean is not None and s.level.mean >= DIP_LEVEL)


@dataclass(frozen=True)
class DipAssessment:
    rounds: tuple[DipRound, ...]
    minimum: int
    url: str

    @property
    def latest(self) -> DipRound | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def headline(self) -> str:
        """The dashboard's one line: status, round and the signals that drive it."""
        latest = self.latest
        if latest is None:
            return ""
        text = _("Network dip, %(round)s: %(status)s") % {"round": latest.round.name, "status": latest.status_label}
        drivers = sorted(latest.drivers, key=lambda s: -abs(s.change.change or 0))
        names = ", ".join(f"“{s.name}”" for s in drivers[:HEADLINE_SIGNALS])
        if len(drivers) > HEADLINE_SIGNALS:
            names += " " + _("and %(count)d more") % {"count": len(drivers) - HEADLINE_SIGNALS}
        if latest.status == DipStatus.RECOVERY and names:
            text += " – " + _("falling: %(signals)s") % {"signals": names}
        elif names:
            text += " – " + _("driven by %(signals)s") % {"signals": names}
        return text + "."


def round_status(index: Level, index_change: Change, signals: tuple[SignalResult, ...],
            previous: DipStatus | None) -> DipStatus:
    if index.suppressed:
        return DipStatus.NO_SIGNALS
    rising = sum(1 for s in signals if s.change.rising)
    if index_change.falling and previous in (DipStatus.IN_DIP, DipStatus.EARLY_SIGNALS):
        return DipStatus.RECOVERY
    if (index_change.rising and rising >= DIP_MIN_SIGNALS) or (index.mean >= DIP_LEVEL
                                                                and not index_change.falling):
        return DipStatus.IN_DIP
    if index_change.rising or rising >= EARLY_MIN_SIGNALS:
        return DipStatus.EARLY_SIGNALS
    return DipStatus.NO_SIGNALS


@dataclass(frozen=True)
class RoundValues:
    """Per round: every respondent's dip index, and every item's answers (numbers on 1–5)."""

    index: list[float]
    items: dict[str, list[float]]


def _values(rounds: list[SurveyRound], signals: tuple[Item, ...], outcome: tuple[Item, ...]) -> dict[int, RoundValues]:
    """Per round: each respondent's index and each item's answers (one query)."""
    items = {item.key: item for item in signals + outcome}
    per: dict[int, dict[int, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    rows = (Answer.objects.filter(invitation__round__in=rounds, invitation__completed_at__isnull=False,
                                  instrument=DIP_INSTRUMENT, subject="", item__in=list(items))
            .values_list("invitation__round_id", "invitation_id", "item", "value"))
    for round_id, invitation_id, key, value in rows:
        number = item_value(items[key], value)
        if number is not None:
            per[round_id][invitation_id][key] = number
    result = {}
    signal_keys = {item.key for item in signals}
    for survey_round in rounds:
        respondents = per[survey_round.pk].values()
        index = [statistics.fmean(v for k, v in given.items() if k in signal_keys)
                 for given in respondents if signal_keys & given.keys()]
        result[survey_round.pk] = RoundValues(index, {key: [given[key] for given in respondents if key in given]
                                                       for key in items})
    return result


def signal_results(items: tuple[Item, ...], now: RoundValues, before: RoundValues | None,
                    minimum: int) -> tuple[SignalResult, ...]:
    return tuple(SignalResult(item.key, localized(item, "text").rstrip("."), level(now.items[item.key], minimum),
                              change(before.items[item.key], now.items[item.key], minimum) if before else NO_CHANGE)
                 for item in items)


def dip_rounds(*, network: Network, on: datetime.date | None = None) -> list[SurveyRound]:
    """The counting rounds (as of `on`, today by default) that asked the network-dip instrument."""
    return counting_rounds(network=network, instrument=DIP_INSTRUMENT, on=on)


def dip_assessment(*, network: Network, on: datetime.date | None = None) -> DipAssessment:
    """The dip status of every counting round that asked the network-dip instrument (two queries)."""
    return dip_of(network=network, rounds=dip_rounds(network=network, on=on))


def dip_of(*, network: Network, rounds: list[SurveyRound]) -> DipAssessment:
    """The dip status of exactly these rounds (see dip_rounds), oldest first (one query)."""
    instrument = instrument_get(DIP_INSTRUMENT)
    signals = instrument.dimension(SIGNALS_DIMENSION).items
    outcome = instrument.dimension(OUTCOME_DIMENSION).items
    values = _values(rounds, signals, outcome)
    minimum = network.anonymity_minimum
    result: list[DipRound] = []
    previous: RoundValues | None = None
    for survey_round in rounds:
        now = values[survey_round.pk]
        index = level(now.index, minimum)
        index_change = change(previous.index, now.index, minimum) if previous else NO_CHANGE
        signals_now = signal_results(signals, now, previous, minimum)
        status = round_status(index, index_change, signals_now, result[-1].status if result else None)
        outcome_results = signal_results(outcome, now, previous, minimum)
        result.append(DipRound(survey_round, index, index_change, signals_now, outcome_results, status))
        previous = now
    return DipAssessment(tuple(result), minimum, reverse("assessments:results_index",
                                                         kwargs={"network": network.slug}) + "#dip")
