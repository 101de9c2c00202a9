"""Background generation of board reports (django-tasks, database backend).

The page requests a report (services.board_report_request), which queues this task in the same
transaction; the worker (`netwerkregie db_worker`) builds it and records each step on the report,
which the page polls.
"""

from __future__ import annotations

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import services
from .models import BoardReport


@task()
def generate_board_report(*, report_id: int) -> int:
    """Build and store one requested report; returns the size of its PDF in bytes."""
    report = BoardReport.objects.select_related("network").get(pk=report_id)
    return len(services.board_report_generate(report=report).pdf)


def task_result(report: BoardReport) -> DBTaskResult | None:
    """The worker's record of this report's task, for its status (waiting, running, failed)."""
    return DBTaskResult.objects.filter(pk=report.task_id).first() if report.task_id else None
