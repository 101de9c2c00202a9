"""Writes of the reports app: requesting a board report or a large network's download, and making
them (in the background)."""

from __future__ import annotations

import io
import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netwerkregie.assessments.access import ExportScope, survey_access
from netwerkregie.assessments.models import SurveyRound
from netwerkregie.assessments.results.export import raw_answers_filename, raw_answers_workbook
from netwerkregie.audit import services as audit
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.services import validated_save
from netwerkregie.core.xlsx import XLSX_CONTENT_TYPE
from netwerkregie.registry.models import Network, NetworkMembership
from netwerkregie.registry.selectors import data_version, sees_contact_details

from . import selectors, tasks
from .board.base import Period
from .board.render import report_html, report_pdf, report_xlsx
from .board.sections import SECTION_KEYS, build_report
from .exchange import export_json, network_export
from .models import BoardReport, DownloadKind, PreparedDownload, ReportStatus
from .workbook import registry_workbook

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


# Prepared downloads of a large network -------------------------------------------------------

CONTENT_TYPES = {DownloadKind.RAW_ANSWERS: XLSX_CONTENT_TYPE, DownloadKind.REGISTRY_XLSX: XLSX_CONTENT_TYPE,
                 DownloadKind.NETWORK_JSON: "application/json; charset=utf-8"}


def download_name(*, network: Network, kind: str, survey_round: SurveyRound | None = None) -> str:
    """The file name the browser saves, the same for the direct and the prepared download."""
    today = timezone.localdate().isoformat()
    if kind == DownloadKind.RAW_ANSWERS:
        return raw_answers_filename(survey_round)
    if kind == DownloadKind.REGISTRY_XLSX:
        return f"{network.slug}-registry-{today}.xlsx"
    return f"{network.slug}-{today}.json"


def _audit_action(kind: str) -> str:
    return audit.AuditAction.RAW_ANSWERS if kind == DownloadKind.RAW_ANSWERS else audit.AuditAction.EXPORT


def _audit_detail(download: PreparedDownload) -> str:
    subject = download.survey_round.name if download.survey_round_id else download.download_name
    return f"{subject} ({download.get_kind_display()}, #{download.pk})"


def _check_download(*, network: Network, membership: NetworkMembership, kind: str,
                    survey_round: SurveyRound | None) -> str:
    """The scope the file will hold; refuses what the role does not give (PermissionDenied) and bad input."""
    if kind not in DownloadKind.values:
        raise ValidationError({"kind": _("Choose one of the downloads listed.")})
    if not membership.has_role(NetworkRole.MEMBER):
        raise PermissionDenied
    if kind == DownloadKind.RAW_ANSWERS:
        if not survey_access(membership).raw_answers:
            raise PermissionDenied
        if survey_round is None or survey_round.network_id != network.pk:
            raise ValidationError({"survey_round": _("Choose a survey round of this network.")})
        return ExportScope.FULL
    if kind == DownloadKind.NETWORK_JSON:
        return survey_access(membership).export_scope
    return ExportScope.WITHOUT_RESPONSES


@transaction.atomic
def download_request(*, network: Network, membership: NetworkMembership, kind: str,
                     survey_round: SurveyRound | None = None, language: str | None = None) -> PreparedDownload:
    """Ask the background worker for a large network's download (tasks.prepare_download).

    What the file holds follows the requester's role now: the JSON export's scope, and e-mail and
    phone as registry.selectors.sees_contact_details says; raw answers only for admins. The same
    download still being made, or made from the network's current data, is handed out again instead
    of making it twice. The request is audited like the direct download; the task is queued in the
    same transaction, so a download never waits for a task that was not stored.
    """
    scope = _check_download(network=network, membership=membership, kind=kind, survey_round=survey_round)
    if kind != DownloadKind.RAW_ANSWERS:
        survey_round = None
    contact_details = kind != DownloadKind.RAW_ANSWERS and sees_contact_details(membership=membership)
    downloads_expire(network=network)
    version = data_version(network=network)
    download = (PreparedDownload.objects.filter(
        network=network, kind=kind, survey_round=survey_round, scope=scope, contact_details=contact_details,
        data_version=version, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING, ReportStatus.READY])
        .select_related("survey_round").order_by("-created_at", "-pk").first())
    if download is None:
        download = validated_save(PreparedDownload(
            network=network, kind=kind, survey_round=survey_round, scope=scope, contact_details=contact_details,
            requested_by=membership.user, data_version=version, language=language or translation.get_language(),
            download_name=download_name(network=network, kind=kind, survey_round=survey_round)))
        result = tasks.prepare_download.enqueue(download_id=download.pk)
        PreparedDownload.objects.filter(pk=download.pk).update(task_id=str(result.id))
        download.task_id = str(result.id)
    audit.record(action=_audit_action(kind), actor=membership.user, network=network,
                 detail=_("requested: %(what)s") % {"what": _audit_detail(download)})
    return download


def download_fetched(*, download: PreparedDownload, user: AbstractBaseUser) -> None:
    """Record that a prepared file was handed out, as the direct download records it."""
    audit.record(action=_audit_action(download.kind), actor=user, network=download.network,
                 detail=_audit_detail(download))


def download_path(download: PreparedDownload) -> Path | None:
    """Where the file of a ready download lies, or None (not made, or already deleted)."""
    if not download.file_name:
        return None
    path = Path(settings.PREPARED_DOWNLOAD_DIR) / download.file_name
    return path if path.is_file() else None


def _write(download: PreparedDownload, out: io.BufferedIOBase) -> None:
    network = download.network
    if download.kind == DownloadKind.RAW_ANSWERS:
        out.write(raw_answers_workbook(survey_round=download.survey_round))
    elif download.kind == DownloadKind.REGISTRY_XLSX:
        out.write(registry_workbook(network=network, contact_details=download.contact_details))
    else:
        document = network_export(network=network, scope=ExportScope(download.scope),
                                  contact_details=download.contact_details)
        out.write(export_json(document).encode())


def download_generate(*, download: PreparedDownload) -> PreparedDownload:
    """Make the file: written to a temporary file in the downloads directory, then renamed, so a file
    under its final (unguessable) name is always complete. A failure is stored on the download; a
    download that is ready already is left as it is."""
    if download.is_ready and download_path(download) is not None:
        return download
    PreparedDownload.objects.filter(pk=download.pk).update(status=ReportStatus.RUNNING)
    directory = Path(settings.PREPARED_DOWNLOAD_DIR)
    name = secrets.token_urlsafe(32) + Path(download.download_name).suffix
    temporary = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".", suffix=".part", delete=False) as out, \
                translation.override(download.language):
            temporary = Path(out.name)
            _write(download, out)
        os.replace(temporary, directory / name)
    except Exception as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        PreparedDownload.objects.filter(pk=download.pk).update(status=ReportStatus.FAILED, error=repr(error),
                                                               finished_at=timezone.now())
        raise
    download.file_name, download.size = name, (directory / name).stat().st_size
    download.status, download.finished_at = ReportStatus.READY, timezone.now()
    if not PreparedDownload.objects.filter(pk=download.pk).update(
            file_name=name, size=download.size, status=ReportStatus.READY, finished_at=download.finished_at):
        (directory / name).unlink(missing_ok=True)  # expired (deleted) while it was made
        return download
    downloads_expire(network=download.network)
    return download


def downloads_expire(*, network: Network | None = None, now=None) -> int:
    """Delete downloads requested more than PREPARED_DOWNLOAD_HOURS ago, and ready ones that a newer ready
    download of the same contents replaces, with their files. Returns how many went.

    Only the downloads and their files go: the audit records of their requests and fetches stay.
    """
    downloads = PreparedDownload.objects.all() if network is None else PreparedDownload.objects.filter(network=network)
    old = list(downloads.filter(created_at__lt=selectors.download_cutoff(now=now)).values_list("pk", "file_name"))
    seen, superseded = set(), []
    for pk, file_name, *key in (downloads.filter(status=ReportStatus.READY).order_by("-created_at", "-pk")
                                .values_list("pk", "file_name", "network_id", "kind", "survey_round_id", "scope",
                                             "contact_details")):
        if tuple(key) in seen:
            superseded.append((pk, file_name))
        seen.add(tuple(key))
    gone = dict(old + superseded)
    directory = Path(settings.PREPARED_DOWNLOAD_DIR)
    if gone:
        PreparedDownload.objects.filter(pk__in=gone).delete()
        for file_name in gone.values():
            if file_name:
                (directory / file_name).unlink(missing_ok=True)
    if network is None:
        _orphans_remove(directory, cutoff=selectors.download_cutoff(now=now))
    return len(gone)


def _orphans_remove(directory: Path, *, cutoff) -> None:
    """Files no download refers to (its network or round was deleted, a worker died while writing),
    once they are as old as an expired download."""
    if not directory.is_dir():
        return
    known = set(PreparedDownload.objects.exclude(file_name="").values_list("file_name", flat=True))
    for path in directory.iterdir():
        if path.is_file() and path.name not in known and path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)
