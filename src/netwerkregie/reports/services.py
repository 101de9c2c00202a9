"""Writes of the reports app: requesting a board report and generating it (in the background)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netwerkregie.core.services import validated_save
from netwerkregie.registry.models import Network

from . import selectors, tasks
from .board.base import Period
from .board.render import report_html, report_pdf, report_xlsx
from .board.sections import SECTION_KEYS, build_report
from .models import BoardReport, ReportStatus

# Besides one step per section: the PDF and the workbook.
RENDER_STEPS = 2


def _check_request(*, sections: list[str], language: str) -> None:
    errors = {}
    unknown = [key for key in sections if key not in SECTION_KEYS]
    if not sections:
        errors["sections"] = _("Choose at least one section.")
    elif unknown:
        errors["sections"] = _("Unknown sections: %(keys)s.") % {"keys": ", ".join(unknown)}
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose Dutch or English.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def board_report_request(*, network: Network, user: AbstractBaseUser | None, period: Period, sections: list[str],
                         foreword: str = "", language: str = "nl") -> BoardReport:
    """Save a new version as queued and hand it to the background worker (tasks.generate_board_report).

    The task is queued in the same transaction, so a report never waits for a task that was not stored.
    """
    _check_request(sections=sections, language=language)
    ordered = [key for key in SECTION_KEYS if key in sections]
    report = validated_save(BoardReport(
        network=network, created_by=user, period_start=period.start, period_end=period.end, sections=ordered,
        foreword=foreword.strip(), language=language, steps=len(ordered) + RENDER_STEPS))
    result = tasks.generate_board_report.enqueue(report_id=report.pk)
    BoardReport.objects.filter(pk=report.pk).update(task_id=str(result.id))
    report.task_id = str(result.id)
    return report


def _progress(report: BoardReport, label: str) -> None:
    """Record the step now under way; written at once so the page's polling sees it."""
    report.step = min(report.step + 1, report.steps) if report.step_label else report.step
    report.step_label = label
    BoardReport.objects.filter(pk=report.pk).update(step=report.step, step_label=label,
                                                    status=ReportStatus.RUNNING)


def board_report_generate(*, report: BoardReport) -> BoardReport:
    """Build the chosen sections, render page, PDF and workbook, and store them with the figures.

    A failure is stored on the report (status failed, the error) and raised again for the task's log.
    """
    report.status, report.step, report.step_label = ReportStatus.RUNNING, 0, ""
    try:
        built = build_report(
            network=report.network, period=report.period, language=report.language, keys=report.sections,
            foreword=report.foreword, previous=selectors.previous_board_report(report=report),
            progress=lambda label: _progress(report, label), created_at=report.created_at)
        with translation.override(report.language):  # step labels in the report's language, as the sections'
            _progress(report, _("PDF"))
            pdf = report_pdf(built)
            _progress(report, _("Workbook"))
            xlsx = report_xlsx(built)
    except Exception as error:
        BoardReport.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error=repr(error),
                                                        finished_at=timezone.now())
        raise
    report.html, report.pdf, report.xlsx, report.figures = report_html(built), pdf, xlsx, built.figures
    report.status, report.step, report.finished_at = ReportStatus.READY, report.steps, timezone.now()
    report.save(update_fields=["html", "pdf", "xlsx", "figures", "status", "step", "finished_at"])
    return report
