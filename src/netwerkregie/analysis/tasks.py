"""Background analysis of large networks (django-tasks, database backend).

Above selectors.INLINE_MAX organisations the analysis page does not compute while the user waits: it
enqueues `analyse_network` and shows its status. The result is stored by django_tasks_db in its
task-result table; `stored_analysis` finds the newest one for the same question.
"""

from __future__ import annotations

from dataclasses import dataclass

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from netwerkregie.registry.models import Network

from .selectors import SOURCES, network_analysis


@dataclass(frozen=True)
class Question:
    """What an analysis was asked for: the key under which its result is found again."""

    network_id: int
    sources: tuple[str, ...] = SOURCES
    round_id: int | None = None
    directed: bool = False
    survey_ties: str | None = None  # as selectors.survey_ties_for: None (admins) means every tie

    @property
    def key(self) -> str:
        return f"{','.join(sorted(self.sources))}|{self.round_id or ''}|{int(self.directed)}|{self.survey_ties or ''}"


@task()
def analyse_network(*, network_id: int, key: str, sources: list[str], round_id: int | None,
                    directed: bool, survey_ties: str | None = None) -> dict:
    """The full analysis, JSON-ready; `key` is only there so the page can find the result."""
    network = Network.objects.get(pk=network_id)
    return network_analysis(network=network, directed=directed, sources=sources, survey_round=round_id,
                            survey_ties=survey_ties, parallel=True)


def enqueue_analysis(question: Question) -> str:
    """Start the analysis in the background; returns the task result's id."""
    result = analyse_network.enqueue(network_id=question.network_id, key=question.key,
                                     sources=list(question.sources), round_id=question.round_id,
                                     directed=question.directed, survey_ties=question.survey_ties)
    return str(result.id)


def stored_analysis(question: Question, *, successful: bool = False) -> DBTaskResult | None:
    """The newest background analysis for this question: whatever its status, or the newest finished one."""
    results = DBTaskResult.objects.filter(task_path=analyse_network.module_path,
                                          args_kwargs__kwargs__network_id=question.network_id,
                                          args_kwargs__kwargs__key=question.key)
    if successful:
        results = results.successful()
    return results.order_by("-enqueued_at").first()
