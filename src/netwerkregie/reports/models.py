"""Saved board reports: every generated report is a dated version, so the board's copy can be found again.

A version keeps what it was asked for (period, sections, foreword, language), the page, PDF and
workbook as they were rendered and the figures they showed, so the next report can say what changed since.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Network

from .board.base import Period


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for the background worker")
    RUNNING = "running", _("being generated")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class BoardReport(models.Model):
    """One version of the board report (*bestuursrapportage*) of a network over a period."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="board_reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    sections = models.JSONField(_("sections"), default=list, help_text=_("Section keys, in order."))
    foreword = models.TextField(_("foreword"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nl")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    step = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps = models.PositiveSmallIntegerField(_("steps"), default=0)
    step_label = models.CharField(_("current step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    # The three renderings of this version, kept as they were made: the board's copy is the file itself.
    html = models.TextField(_("page"), blank=True, editable=False)
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"", editable=False)
    xlsx = models.BinaryField(_("workbook"), blank=True, default=b"", editable=False)
    figures = models.JSONField(_("figures"), default=dict, blank=True,
                               help_text=_("The figures the report showed, by key, for the next report's comparison."))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")
        constraints = [models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                              name="board_report_period_in_order")]

    def __str__(self) -> str:
        return f"{self.network} {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def period_label(self) -> str:
        return self.period.label

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY

    @property
    def progress(self) -> int:
        """Percentage of the steps done, for the progress bar."""
        return round(100 * self.step / self.steps) if self.steps else 0



class DownloadKind(models.TextChoices):
    """The downloads a large network gets prepared in the background (registry.selectors.DOWNLOAD_INLINE_MAX)."""

    RAW_ANSWERS = "raw_answers", _("raw answers of a survey round (.xlsx)")
    NETWORK_JSON = "network_json", _("whole network as JSON")
    REGISTRY_XLSX = "registry_xlsx", _("registry as workbook (.xlsx)")


class PreparedDownload(models.Model):
    """A download of a large network, made by the background worker and kept for a day.

    What it may hold is fixed at request time from the requester's role (`scope`, `contact_details`);
    the file is served only to a member whose role now gives at least that (reports/views.py). The
    file lies under settings.PREPARED_DOWNLOAD_DIR with an unguessable name, never under the static
    or media files; deleting the row deletes the file, never an audit record.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="prepared_downloads")
    kind = models.CharField(_("kind"), max_length=20, choices=DownloadKind.choices)
    survey_round = models.ForeignKey("assessments.SurveyRound", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("survey round"))
    scope = models.CharField(_("scope"), max_length=20, blank=True,
                             help_text=_("The JSON export's scope, from the requester's role at request time."))
    contact_details = models.BooleanField(_("with e-mail and phone"), default=False)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nl")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    data_version = models.PositiveBigIntegerField(_("data version"), default=0, editable=False)
    file_name = models.CharField(max_length=80, blank=True, editable=False)
    download_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("prepared download")
        verbose_name_plural = _("prepared downloads")
        constraints = [models.CheckConstraint(
            condition=models.Q(kind="raw_answers", survey_round__isnull=False) | ~models.Q(kind="raw_answers"),
            name="prepared_download_raw_answers_have_a_round")]

    def __str__(self) -> str:
        return f"{self.network} {self.get_kind_display()}"

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY
