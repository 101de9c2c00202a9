"""Background generation of board reports and of large networks' downloads (django-tasks, database backend).

The page requests a report (services.board_report_request), which queues this task in the same
transaction; the worker (`netwerkregie db_worker`) builds it and records each step on the report,
which the page polls.
"""

from __future__ import annotations

from django_tasks import task

from . import services
from .models import BoardReport, PreparedDownload


@task()
def generate_board_report(*, report_id: int) -> int:
    """Build and store one requested report; returns the size of its PDF in bytes."""
    report = BoardReport.objects.select_related("network").get(pk=report_id)
    return len(services.board_report_generate(report=report).pdf)


@task()
def prepare_download(*, download_id: int) -> int:
    """Make one requested download of a large network; returns its size in bytes (0 when it expired meanwhile)."""
    download = PreparedDownload.objects.select_related("network", "survey_round").filter(pk=download_id).first()
    if download is None:
        return 0
    return services.download_generate(download=download).size
