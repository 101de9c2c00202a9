"""Stored round results: a closed round's aggregated results are computed once per data version.

A closed round's answers no longer change except through services that bump the network's data
version (assessments.services, retention, registry), so its results are stored per question – the
instruments shown, with or without free text, the language of the labels – and read back while the
version holds. A round still open is computed on every request: its answers arrive without a bump.
What a member may see is decided before (visibility.results_visible, texts_visible) exactly as for a fresh
computation, and suppression is part of the stored figures: stored and fresh results are the same.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from pydantic import TypeAdapter

from netwerkregie.registry.selectors import stored_result
from netwerkregie.registry.services import result_store

from ..instruments import instrument_get
from ..models import SurveyRound
from .breakdown import GroupResult, InstrumentResult, RoundResults, TextAnswer, round_results
from .stats import Stat

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


def _key(survey_round: SurveyRound, instruments: list[str] | None, with_texts: bool) -> str:
    shown = "*" if instruments is None else ",".join(instruments)
    return f"{survey_round.pk}|{shown}|{int(with_texts)}|{get_language() or ''}"


def stored_round_results(*, survey_round: SurveyRound, instruments: list[str] | None = None,
                         with_texts: bool = False) -> RoundResults:
    """breakdown.round_results, from the stored figures when the round has closed and nothing changed since.

    The caller checks first, as for breakdown.round_results, that the member may see the round
    (visibility.results_visible) and, `with_texts`, its free text (visibility.texts_visible).
    """
    if survey_round.closes_on >= timezone.localdate():
        return round_results(survey_round=survey_round, instruments=instruments, with_texts=with_texts)
    key = _key(survey_round, instruments, with_texts)
    lookup = stored_result(network=survey_round.network_id, kind=KIND, key=key)
    if lookup.current:
        return results_from_json(lookup.stored.data, survey_round=survey_round)
    data = round_results(survey_round=survey_round, instruments=instruments, with_texts=with_texts)
    result_store(network=survey_round.network_id, kind=KIND, key=key, version=lookup.version,
                 data=results_to_json(data))
    return data
