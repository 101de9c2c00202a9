"""Stored survey figures: a closed round's figures are computed once per data version and read back.

A closed round's answers no longer change except through services that bump the network's data
version (assessments.services, retention, registry), so figures over closed rounds are stored – a
round's results per question (the instruments shown, with or without free text), the trend of an
instrument over the rounds chosen, the comparison of two rounds, a round's quadrants and the dip
assessment of the counting rounds – each under a key of the rounds, choices and language of the
labels, and read back while the version holds. A figure over a round still open is computed on every
request: its answers arrive without a bump. What a member may see is decided before
(visibility.results_visible, visible_rounds, texts_visible) exactly as for a fresh computation, and
suppression is part of the stored figures: stored and fresh figures are the same.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.translation import get_language
from pydantic import TypeAdapter

from netwerkregie.registry.models import Network
from netwerkregie.registry.services import stored_figure

from ..instruments import instrument_get
from ..models import SurveyRound
from . import dip, quadrant, trends
from .breakdown import GroupResult, InstrumentResult, RoundResults, TextAnswer, round_results
from .stats import Stat

Figure = TypeVar("Figure")


def _stored(*, network_id: int, kind: str, key: str, rounds: list[SurveyRound], compute: Callable[[], Figure],
            dump: Callable[[Figure], Any], load: Callable[[Any], Figure]) -> Figure:
    """The figure over `rounds`, stored once every round has closed (the answers of an open round
    arrive without a version bump), under a key with the language of its labels."""
    today = timezone.localdate()
    return stored_figure(network=network_id, kind=kind, key=f"{key}|{get_language() or ''}", compute=compute,
                         dump=dump, load=load, keep=all(r.closes_on < today for r in rounds))


def _pks(rounds: list[SurveyRound]) -> str:
    return ",".join(str(r.pk) for r in rounds)


KIND = "round_results"
_STATS = TypeAdapter(list[Stat])
_GROUPS = TypeAdapter(dict[str, list[GroupResult]])
_TEXTS = TypeAdapter(list[TextAnswer])


def results_to_json(data: RoundResults) -> dict[str, Any]:
    """The results without the round itself (found again by the key) and instruments by key."""
    return {"minimum": data.minimum, "invited": data.invited, "respondents": data.respondents,
            "texts_shown": data.texts_shown,
            "instruments": [{"instrument": r.instrument.key, "n": r.n, "suppressed": r.suppressed,
                             "dimensions": _STATS.dump_python(r.dimensions, mode="json"),
                             "groups": _GROUPS.dump_python(r.groups, mode="json"),
                             "texts": _TEXTS.dump_python(r.texts, mode="json")} for r in data.instruments]}


def results_from_json(data: dict[str, Any], *, survey_round: SurveyRound) -> RoundResults:
    return RoundResults(
        round=survey_round, minimum=data["minimum"], invited=data["invited"], respondents=data["respondents"],
        texts_shown=data["texts_shown"],
        instruments=[InstrumentResult(instrument_get(r["instrument"]), r["n"], r["suppressed"],
                                      _STATS.validate_python(r["dimensions"]), _GROUPS.validate_python(r["groups"]),
                                      _TEXTS.validate_python(r["texts"])) for r in data["instruments"]])


def stored_round_results(*, survey_round: SurveyRound, instruments: list[str] | None = None,
                         with_texts: bool = False) -> RoundResults:
    """breakdown.round_results, from the stored figures when the round has closed and nothing changed since.

    The caller checks first, as for breakdown.round_results, that the member may see the round
    (visibility.results_visible) and, `with_texts`, its free text (visibility.texts_visible).
    """
    shown = "*" if instruments is None else ",".join(instruments)
    return _stored(network_id=survey_round.network_id, kind=KIND, key=f"{survey_round.pk}|{shown}|{int(with_texts)}",
                   rounds=[survey_round], dump=results_to_json,
                   compute=lambda: round_results(survey_round=survey_round, instruments=instruments,
                                                 with_texts=with_texts),
                   load=lambda data: results_from_json(data, survey_round=survey_round))


TREND_KIND = "results_trend"
COMPARISON_KIND = "results_comparison"
QUADRANT_KIND = "results_quadrant"
DIP_KIND = "dip_assessment"
_STAT = TypeAdapter(Stat)
_BINS = TypeAdapter(list[quadrant.Bin])
_SIGNALS = TypeAdapter(tuple[dip.SignalResult, ...])
_LEVEL = TypeAdapter(dip.Level)
_CHANGE = TypeAdapter(dip.Change)


def stored_trend(*, network: Network, instrument_key: str, rounds: list[SurveyRound] | None = None) -> trends.Trend:
    """trends.trend, from the store while current; `rounds` as there (the rounds the member may see)."""
    chosen = trends.trend_rounds(network=network, instrument_key=instrument_key, rounds=rounds)
    by_pk = {r.pk: r for r in chosen}

    def dump(trend: trends.Trend) -> dict[str, Any]:
        return {"series": [{"key": s.key, "name": s.name, "scale": s.scale,
                            "points": [[p.round.pk, _STAT.dump_python(p.stat, mode="json")] for p in s.points]}
                           for s in trend.series]}

    def load(data: dict[str, Any]) -> trends.Trend:
        series = [trends.TrendSeries(s["key"], s["name"], tuple(s["scale"]) if s["scale"] else None,
                                     [trends.TrendPoint(by_pk[pk], _STAT.validate_python(stat))
                                      for pk, stat in s["points"]]) for s in data["series"]]
        return trends.Trend(instrument_get(instrument_key), chosen, series, network.anonymity_minimum)

    return _stored(network_id=network.pk, kind=TREND_KIND, key=f"{instrument_key}|{_pks(chosen)}", rounds=chosen,
                   compute=lambda: trends.trend_of(rounds=chosen, instrument_key=instrument_key,
                                                   minimum=network.anonymity_minimum), dump=dump, load=load)


def stored_comparison(*, before: SurveyRound, after: SurveyRound) -> trends.Comparison:
    """trends.round_comparison, from the store while current."""

    def dump(comparison: trends.Comparison) -> list[dict[str, Any]]:
        return [{"instrument": d.instrument.key, "key": d.key, "name": d.name, "threshold": d.threshold,
                 "before": _STAT.dump_python(d.before, mode="json"), "after": _STAT.dump_python(d.after, mode="json")}
                for d in comparison.differences]

    def load(data: list[dict[str, Any]]) -> trends.Comparison:
        return trends.Comparison(before, after, [
            trends.Difference(instrument_get(d["instrument"]), d["key"], d["name"], _STAT.validate_python(d["before"]),
                              _STAT.validate_python(d["after"]), d["threshold"]) for d in data],
            before.network.anonymity_minimum)

    return _stored(network_id=before.network_id, kind=COMPARISON_KIND, key=_pks([before, after]),
                   rounds=[before, after], compute=lambda: trends.round_comparison(before=before, after=after),
                   dump=dump, load=load)


def stored_quadrants(*, survey_round: SurveyRound) -> list[quadrant.Quadrant]:
    """quadrant.quadrants, from the store while current."""

    def dump(quadrants: list[quadrant.Quadrant]) -> list[dict[str, Any]]:
        return [{"theme": q.theme_id, "label": q.label, "n": q.n, "suppressed": q.suppressed,
                 "bins": _BINS.dump_python(q.bins, mode="json"), "centre": q.centre, "stdev": q.stdev,
                 "quadrants": list(q.quadrants.items())} for q in quadrants]

    def load(data: list[dict[str, Any]]) -> list[quadrant.Quadrant]:
        return [quadrant.Quadrant(survey_round, q["theme"], q["label"], q["n"], q["suppressed"],
                                  _BINS.validate_python(q["bins"]), q["centre"], q["stdev"],
                                  dict(q["quadrants"])) for q in data]

    return _stored(network_id=survey_round.network_id, kind=QUADRANT_KIND, key=str(survey_round.pk),
                   rounds=[survey_round], compute=lambda: quadrant.quadrants(survey_round=survey_round),
                   dump=dump, load=load)


def stored_dip(*, network: Network, on: datetime.date | None = None) -> dip.DipAssessment:
    """dip.dip_assessment, from the store while current: the key is the counting rounds as of `on`."""
    rounds = dip.dip_rounds(network=network, on=on)
    by_pk = {r.pk: r for r in rounds}

    def dump(assessment: dip.DipAssessment) -> dict[str, Any]:
        return {"url": assessment.url, "rounds": [
            {"round": r.round.pk, "index": _LEVEL.dump_python(r.index, mode="json"),
             "index_change": _CHANGE.dump_python(r.index_change, mode="json"),
             "signals": _SIGNALS.dump_python(r.signals, mode="json"),
             "outcome": _SIGNALS.dump_python(r.outcome, mode="json"), "status": r.status.value}
            for r in assessment.rounds]}

    def load(data: dict[str, Any]) -> dip.DipAssessment:
        return dip.DipAssessment(tuple(
            dip.DipRound(by_pk[r["round"]], _LEVEL.validate_python(r["index"]),
                         _CHANGE.validate_python(r["index_change"]), _SIGNALS.validate_python(r["signals"]),
                         _SIGNALS.validate_python(r["outcome"]), dip.DipStatus(r["status"]))
            for r in data["rounds"]), network.anonymity_minimum, data["url"])

    return _stored(network_id=network.pk, kind=DIP_KIND, key=_pks(rounds), rounds=rounds,
                   compute=lambda: dip.dip_of(network=network, rounds=rounds), dump=dump, load=load)
