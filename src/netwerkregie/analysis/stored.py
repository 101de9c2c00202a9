"""Stored analyses: one per question, current while the network's data version and the day are unchanged.

selectors (structural warnings) and tasks (computing and queueing) both read and write them through
this module, which imports neither. An analysis is stored as the member asked it, after the survey
ties were disclosed as `survey_ties` lets them be seen: a stored figure is exactly the fresh one.

`figure` keeps the cheaper figures the selectors derive from the raw answers (a closed round's survey
edges, its figures, the structural findings) the same way: computed once per data version (and day),
read back while it holds. What they disclose is decided after reading, exactly as for a fresh one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry import services as registry_services

from .contract import SOURCES, NetworkAnalysis

KIND = "analysis"


@dataclass(frozen=True)
class Question:
    """What an analysis was asked for: the key under which its result is found again.

    `round_id` None is the round that counts today (assessments.counting_round). `round_open`:
    the chosen round still takes answers, so no figure of it is ever current (it is not part of the key).
    """

    network_id: int
    sources: tuple[str, ...] = SOURCES
    round_id: int | None = None
    directed: bool = False
    survey_ties: str | None = None  # as selectors.survey_ties_for: None (admins) means every tie
    round_open: bool = False

    @property
    def key(self) -> str:
        return f"{','.join(sorted(self.sources))}|{self.round_id or ''}|{int(self.directed)}|{self.survey_ties or ''}"


def question_asked(*, network_id: int, sources: Iterable[str], survey_round: SurveyRound | None, directed: bool,
                   survey_ties: str | None) -> Question:
    """The question of the page and the API alike; `survey_round` only when chosen (else the counting one)."""
    return Question(network_id=network_id, sources=tuple(sorted(sources)),
                    round_id=survey_round.pk if survey_round else None, directed=directed, survey_ties=survey_ties,
                    round_open=bool(survey_round and survey_round.closes_on >= timezone.localdate()))


@dataclass(frozen=True)
class StoredAnalysis:
    """The stored analysis of a question (None before the first) and whether it is of today's data.

    `version` is the network's data version now: a fresh computation is stored under it.
    """

    analysis: NetworkAnalysis | None
    computed_at: datetime.datetime | None
    current: bool
    version: int

    @property
    def stamp(self) -> str:
        """The data version and the day a fresh computation would be of."""
        return f"{self.version}|{timezone.localdate().isoformat()}"


def stored_analysis(question: Question) -> StoredAnalysis:
    """The question's stored analysis beside the network's data version: two queries."""
    lookup = registry_selectors.stored_result(network=question.network_id, kind=KIND, key=question.key, daily=True)
    stored = lookup.stored
    return StoredAnalysis(NetworkAnalysis.from_json(stored.data) if stored else None,
                          stored.computed_at if stored else None,
                          lookup.current and not question.round_open, lookup.version)


def analysis_store(question: Question, *, version: int, analysis: NetworkAnalysis) -> None:
    """Keep an analysis computed from the data at `version` (read before the computation started)."""
    registry_services.result_store(network=question.network_id, kind=KIND, key=question.key, version=version,
                                   data=analysis.to_json())
