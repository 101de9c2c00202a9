"""Import, export and board-report pages: thin views over the reports app's modules.

Board reports: every member of the network (viewer and up) sees the list and reads a report's
page – it holds aggregated figures only, suppressed as on the results pages; members and up
download the PDF and the workbook (as every download of this app); coordinators and admins
create reports.

Meeting packs: members and up download the pack of a meeting, like every download of this app
(viewers read the same agenda, proposals and objections on the meeting and decision pages).

Prepared downloads: a network above registry.selectors.DOWNLOAD_INLINE_MAX organisations gets its
raw answers, JSON export and registry workbook made by the background worker, and so does a smaller one
its raw answers and JSON export above assessments.selectors.ANSWERS_INLINE_MAX answers. Members and up ask for
one; what it holds follows their role at that moment (raw answers and the full JSON export: admins
only). The list, the status page and the file are shown only to a member whose role *now* gives at
least what the file holds (selectors.may_fetch) – the requester included; viewers see none.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRefresh

from netwerkregie.assessments import selectors as assessments_selectors
from netwerkregie.assessments.access import survey_access
from netwerkregie.assessments.selectors import answers_download_in_background
from netwerkregie.audit import services as audit
from netwerkregie.core.forms import save_through_service
from netwerkregie.core.pagination import page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.selectors import worker_running
from netwerkregie.core.views import full_version_needs_second_factor, network_view
from netwerkregie.core.xlsx import XLSX_CONTENT_TYPE
from netwerkregie.organising.selectors.meetings import meeting_detail_queryset
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry.models import Network
from netwerkregie.registry.selectors import data_version, download_in_background, sees_contact_details

from . import selectors, services
from .exchange import export_json, network_export
from .forms import BoardReportForm, PreparedDownloadForm, SpreadsheetImportForm
from .meeting import meeting_pack_for, meeting_pack_pdf
from .models import BoardReport, DownloadKind, PreparedDownload, ReportStatus
from .spreadsheet import SpreadsheetImportError, import_spreadsheet
from .workbook import registry_workbook, template_workbook


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@network_view()
def exchange(request: HttpRequest, network: Network) -> HttpResponse:
    """Downloads for members, the spreadsheet import for coordinators."""
    can_import = request.membership.has_role(NetworkRole.COORDINATOR)
    form = SpreadsheetImportForm() if can_import else None
    errors, summary = [], None
    if request.method == "POST":
        if not can_import:
            raise PermissionDenied
        form = SpreadsheetImportForm(request.POST, request.FILES)
        if form.is_valid():
            files = [(upload.name, upload) for upload in form.cleaned_data["files"]]
            try:
                summary = import_spreadsheet(network=network, files=files, dry_run=form.cleaned_data["dry_run"])
            except SpreadsheetImportError as error:
                errors = error.errors
            else:
                form = SpreadsheetImportForm()
    return render(request, "reports/exchange.html", {
        "form": form, "errors": errors, "summary": summary,
        "can_download": request.membership.has_role(NetworkRole.MEMBER),
        "export_scope": survey_access(request.membership).export_scope,
        **_in_background(network)})


def _in_background(network: Network) -> dict:
    """What the exchange and downloads pages say about downloads made by the background worker."""
    return {"in_background": answers_download_in_background(network=network),
            "inline_max": {"answers": assessments_selectors.ANSWERS_INLINE_MAX,
                           "organisations": registry_selectors.DOWNLOAD_INLINE_MAX}}


def _prepare_instead(network: Network, kind: str) -> HttpResponse:
    """A large network's download is asked for on the downloads page, which hands it to the worker."""
    return redirect(reverse("reports:downloads", kwargs={"network": network.slug}) + f"?kind={kind}")


@network_view(NetworkRole.MEMBER)
def spreadsheet_template(request: HttpRequest, network: Network) -> HttpResponse:
    return _download(template_workbook(), XLSX_CONTENT_TYPE, "netwerkregie-template.xlsx")


@network_view(NetworkRole.MEMBER)
def registry_xlsx(request: HttpRequest, network: Network) -> HttpResponse:
    """Member and up; e-mail and phone only for the roles the network's setting allows.
    A large network's workbook is prepared in the background (the downloads page)."""
    if download_in_background(network=network):
        return _prepare_instead(network, DownloadKind.REGISTRY_XLSX)
    filename = services.download_name(network=network, kind=DownloadKind.REGISTRY_XLSX)
    workbook = registry_workbook(network=network,
                                 contact_details=sees_contact_details(membership=request.membership))
    audit.record(action=audit.AuditAction.EXPORT, actor=request.user, network=network, detail=filename)
    return _download(workbook, services.CONTENT_TYPES[DownloadKind.REGISTRY_XLSX], filename)


@network_view(NetworkRole.MEMBER)
def network_json(request: HttpRequest, network: Network) -> HttpResponse:
    """The network as JSON for members and up; survey invitations and answers only for admins.
    An export with many answers, or of a large network, is prepared in the background (the downloads page)."""
    full_version_needs_second_factor(request)
    if answers_download_in_background(network=network):
        return _prepare_instead(network, DownloadKind.NETWORK_JSON)
    scope = survey_access(request.membership).export_scope
    document = network_export(network=network, scope=scope,
                              contact_details=sees_contact_details(membership=request.membership))
    text = export_json(document)
    audit.record(action=audit.AuditAction.EXPORT, actor=request.user, network=network, detail="network.json")
    return _download(text, services.CONTENT_TYPES[DownloadKind.NETWORK_JSON],
                     services.download_name(network=network, kind=DownloadKind.NETWORK_JSON))


# Prepared downloads of a large network ----------------------------------------------------------


@network_view(NetworkRole.MEMBER)
def download_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Members and up: ask for a download (POST) and see the ones they may fetch (selectors.may_fetch)."""
    raw_answers = survey_access(request.membership).raw_answers
    initial = {"kind": request.GET.get("kind", DownloadKind.NETWORK_JSON), "survey_round": request.GET.get("round")}
    form = PreparedDownloadForm(initial=initial, network=network, raw_answers=raw_answers)
    if request.method == "POST":
        form = PreparedDownloadForm(request.POST, network=network, raw_answers=raw_answers)
        if form.data.get("kind") in (DownloadKind.NETWORK_JSON, DownloadKind.RAW_ANSWERS):
            full_version_needs_second_factor(request)
        download = save_through_service(form, lambda data: services.download_request(
            network=network, membership=request.membership, kind=data["kind"], survey_round=data.get("survey_round"),
            language=translation.get_language()))
        if download is not None:
            return redirect("reports:download", network=network.slug, pk=download.pk)
    return render(request, "reports/download_list.html", {
        "form": form,
        "page": page_of(request, selectors.prepared_download_list(network=network, membership=request.membership)),
        "raw_answers": raw_answers, "hours": settings.PREPARED_DOWNLOAD_HOURS, **_in_background(network)})


def _fetchable(request: HttpRequest, network: Network, pk: int) -> PreparedDownload:
    """A download of this network (else 404), not expired (404), that this member may fetch now (else 403)."""
    download = selectors.prepared_download_get(network=network, pk=pk)
    if selectors.download_expired(download=download):
        raise Http404
    if not selectors.may_fetch(download=download, membership=request.membership):
        raise PermissionDenied
    return download


@network_view(NetworkRole.MEMBER)
def download_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """One download's status (polled by htmx while it waits or is made), then its link."""
    download = _fetchable(request, network, pk)
    context = {"download": download, "no_worker": download.status == ReportStatus.QUEUED and not worker_running(),
               "outdated": download.data_version < data_version(network=network),
               "hours": settings.PREPARED_DOWNLOAD_HOURS}
    if request.htmx:
        return render(request, "reports/_download_status.html", context)
    return render(request, "reports/download_detail.html", context)


@never_cache
@network_view(NetworkRole.MEMBER)
def download_file(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """The prepared file, checked again against the member's role now; every fetch is audited."""
    download = _fetchable(request, network, pk)
    path = services.download_path(download) if download.is_ready else None
    if path is None:
        raise Http404
    services.download_fetched(download=download, user=request.user)
    return FileResponse(path.open("rb"), as_attachment=True, filename=download.download_name,
                        content_type=services.CONTENT_TYPES[download.kind])


# Board reports --------------------------------------------------------------------------------


@network_view()
def board_report_list(request: HttpRequest, network: Network) -> HttpResponse:
    """The saved versions, newest first; coordinators and admins request a new one here."""
    can_create = request.membership.has_role(NetworkRole.COORDINATOR)
    form = BoardReportForm(initial={"year": timezone.localdate().year}) if can_create else None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        form = BoardReportForm(request.POST)
        report = save_through_service(form, lambda data: services.board_report_request(
            network=network, user=request.user, period=data["period"], sections=data["sections"],
            foreword=data["foreword"], language=data["language"]))
        if report is not None:
            return redirect("reports:board_report", network=network.slug, pk=report.pk)
    return render(request, "reports/board_report_list.html", {
        "reports": selectors.board_report_list(network=network), "form": form,
        "can_download": request.membership.has_role(NetworkRole.MEMBER)})


@network_view()
def board_report_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """One version: its progress while it is made (polled by htmx), then the report itself."""
    report = selectors.board_report_get(network=network, pk=pk)
    context = {"report": report, "no_worker": report.status == ReportStatus.QUEUED and not worker_running(),
               "can_download": request.membership.has_role(NetworkRole.MEMBER)}
    if request.htmx:  # the progress poll: once ready, reload the page to show the report itself
        if report.is_ready:
            return HttpResponseClientRefresh()
        return render(request, "reports/_board_report_progress.html", context)
    return render(request, "reports/board_report_detail.html", context)


def _ready(network: Network, pk: int) -> BoardReport:
    report = selectors.board_report_get(network=network, pk=pk)
    if not report.is_ready:
        raise Http404
    return report


def _report_filename(report: BoardReport, extension: str) -> str:
    return f"{report.network.slug}-{slugify(report.period.label)}-{report.created_at:%Y%m%d-%H%M}.{extension}"


@network_view(NetworkRole.MEMBER)
def board_report_pdf(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    report = _ready(network, pk)
    return _download(bytes(report.pdf), "application/pdf", _report_filename(report, "pdf"))


@network_view(NetworkRole.MEMBER)
def board_report_xlsx(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    report = _ready(network, pk)
    return _download(bytes(report.xlsx), XLSX_CONTENT_TYPE, _report_filename(report, "xlsx"))


@network_view(NetworkRole.MEMBER)
def meeting_pack(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    meeting = get_object_or_404(meeting_detail_queryset(network=network), pk=pk)
    pack = meeting_pack_for(meeting=meeting, language=translation.get_language())
    filename = f"{network.slug}-{slugify(meeting.title)}-{pack.date:%Y%m%d}.pdf"
    return _download(meeting_pack_pdf(pack), "application/pdf", filename)
