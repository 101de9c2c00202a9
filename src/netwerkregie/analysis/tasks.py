"""The one rule for serving an analysis: the stored one when current, else computed inline or in the background.

Up to selectors.INLINE_MAX organisations an out-of-date analysis is computed while the user waits
and stored; above it `analyse_network` runs in the background worker (django-tasks, database
backend) and stores its result (stored.py), while the page and the API show that it is being
computed, with the previous figure marked out of date. The task result table only tells its status.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from netwerkregie.registry.models import Network
from netwerkregie.registry.selectors import data_version

from . import selectors
from .contract import NetworkAnalysis
from .stored import Question, StoredAnalysis, analysis_store, stored_analysis

WAITING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def _compute(network: Network, question: Question, *, parallel: bool = False) -> NetworkAnalysis:
    return selectors.network_analysis(network=network, sources=question.sources, survey_round=question.round_id,
                            directed=question.directed, survey_ties=question.survey_ties, parallel=parallel)


@task()
def analyse_network(*, network_id: int, key: str, stamp: str, sources: list[str], round_id: int | None,
                    directed: bool, survey_ties: str | None = None) -> int:
    """Compute and store the analysis; `key` and `stamp` (data version and day asked for) let pages find
    this run. Returns the data version the stored analysis was computed from."""
    network = Network.objects.get(pk=network_id)
    question = Question(network_id=network_id, sources=tuple(sources), round_id=round_id, directed=directed,
                        survey_ties=survey_ties)
    version = data_version(network=network_id)  # before reading: a change meanwhile leaves it out of date
    analysis_store(question, version=version, analysis=_compute(network, question, parallel=True))
    return version


def enqueue_analysis(question: Question, *, stamp: str | None = None) -> str:
    """Start the analysis in the background; returns the task result's id."""
    stamp = stamp or stored_analysis(question).stamp
    result = analyse_network.enqueue(network_id=question.network_id, key=question.key, stamp=stamp,
                                     sources=list(question.sources), round_id=question.round_id,
                                     directed=question.directed, survey_ties=question.survey_ties)
    return str(result.id)


def background_run(question: Question, *, stamp: str) -> DBTaskResult | None:
    """The newest background run of this question for this data version and day, whatever its status."""
    return (DBTaskResult.objects.filter(task_path=analyse_network.module_path,
                                        args_kwargs__kwargs__network_id=question.network_id,
                                        args_kwargs__kwargs__key=question.key,
                                        args_kwargs__kwargs__stamp=stamp)
            .order_by("-enqueued_at").first())


@dataclass(frozen=True)
class AnalysisState:
    """What a page or the API can show of a question now.

    `analysis` is current, or (in the background case) the previous one, out of date since
    `computed_at`, or None before the first; `run` is the background run for today's data.
    """

    analysis: NetworkAnalysis | None
    current: bool
    computed_at: datetime.datetime | None
    background: bool
    run: DBTaskResult | None = None

    @property
    def pending(self) -> bool:
        return self.run is not None and self.run.status in WAITING

    @property
    def failed(self) -> bool:
        return self.run is not None and self.run.status == TaskResultStatus.FAILED


def analysis_state(*, network: Network, question: Question, size: int) -> AnalysisState:
    """The stored analysis when current; else a fresh one (up to INLINE_MAX organisations, stored unless
    its round is still open) or the background run for today's data, queued once."""
    stored: StoredAnalysis = stored_analysis(question)
    background = size > selectors.INLINE_MAX
    if stored.current:
        return AnalysisState(stored.analysis, True, stored.computed_at, background)
    if not background:
        return AnalysisState(_computed(network, question, stored), True, timezone.now(), False)
    run = background_run(question, stamp=stored.stamp)
    if run is None:
        enqueue_analysis(question, stamp=stored.stamp)
        run = background_run(question, stamp=stored.stamp)
    return AnalysisState(stored.analysis, False, stored.computed_at, True, run)


def _computed(network: Network, question: Question, stored: StoredAnalysis) -> NetworkAnalysis:
    """Computed now and stored, unless its round is still open."""
    analysis = _compute(network, question)
    if not question.round_open:
        analysis_store(question, version=stored.version, analysis=analysis)
    return analysis


def analysis_now(*, network: Network, question: Question) -> NetworkAnalysis:
    """The stored analysis when current, else computed here whatever the size: for work that itself runs
    in the background (board reports), so the worker does not redo what a page already had computed."""
    stored = stored_analysis(question)
    return stored.analysis if stored.current else _computed(network, question, stored)
