"""Import and export pages: thin views over reports/spreadsheet.py, workbook.py and exchange.py."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from netwerkregie.audit import services as audit
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network, NetworkRole

from .exchange import network_export
from .forms import SpreadsheetImportForm
from .spreadsheet import SpreadsheetImportError, import_spreadsheet
from .workbook import XLSX_CONTENT_TYPE, registry_workbook, template_workbook


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
        "can_download": request.membership.has_role(NetworkRole.MEMBER)})


@network_view(NetworkRole.MEMBER)
def spreadsheet_template(request: HttpRequest, network: Network) -> HttpResponse:
    return _download(template_workbook(), XLSX_CONTENT_TYPE, "netwerkregie-template.xlsx")


@network_view(NetworkRole.MEMBER)
def registry_xlsx(request: HttpRequest, network: Network) -> HttpResponse:
    filename = f"{network.slug}-registry-{timezone.localdate().isoformat()}.xlsx"
    audit.record(action=audit.AuditAction.EXPORT, actor=request.user, network=network, detail=filename)
    return _download(registry_workbook(network=network), XLSX_CONTENT_TYPE, filename)


@network_view(NetworkRole.MEMBER)
def network_json(request: HttpRequest, network: Network) -> HttpResponse:
    text = json.dumps(network_export(network=network), ensure_ascii=False, indent=2) + "\n"
    audit.record(action=audit.AuditAction.EXPORT, actor=request.user, network=network, detail="network.json")
    return _download(text, "application/json; charset=utf-8",
                     f"{network.slug}-{timezone.localdate().isoformat()}.json")
