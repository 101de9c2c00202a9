"""The dashboard a network director opens every morning: counts, warnings of every app, the matrix.

Every member of the network (viewer and up) sees the dashboard and the warnings page; the warnings
come from the signal providers the apps register (core.signals), each showing only what its own
pages show that role. The dashboard summarises them per kind, the warnings page lists them all.
The matrix filters (type, municipality, sort) and its slice (page of organisations, `columns` of
coalitions) are query parameters: a filtered view is a link.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netwerkregie.analysis.selectors import RELATIONS_INSTRUMENT
from netwerkregie.assessments.results.stored import stored_dip
from netwerkregie.assessments.selectors import counting_round
from netwerkregie.core.pagination import page_of
from netwerkregie.core.views import network_view
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry.filters import OrganisationFilter
from netwerkregie.registry.models import Network

from . import selectors

THEMES_SHOWN = 12  # themes listed on the dashboard; the theme list has them all


@network_view()
def dashboard(request: HttpRequest, network: Network) -> HttpResponse:
    # The matrix's rows take the organisation list's filters (type, municipality, sort), one declaration.
    matrix_filter = OrganisationFilter(request.GET, network=network, user=request.user)
    matrix = registry_selectors.contribution_matrix(
        network=network, organisations=matrix_filter.queryset(),
        row_page=request.GET.get("page"), column_page=request.GET.get("columns"))
    context = {"matrix": matrix, "filter": matrix_filter}
    # The filters live in the URL (hx-push-url), so a filtered matrix can be shared; going back
    # in the browser asks for the whole page again.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "registry/_matrix.html", context)
    context.update(counts=registry_selectors.network_counts(network=network),
                   warning_groups=selectors.warning_summary(network=network),
                   dip=stored_dip(network=network),
                   relations_round=counting_round(network=network, instrument=RELATIONS_INSTRUMENT),
                   participants_definition=registry_selectors.PARTICIPANTS_DEFINITION,
                   themes=registry_selectors.theme_list(network=network)[:THEMES_SHOWN])
    return render(request, "overview/dashboard.html", context)


@network_view()
def warning_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every warning of the network, of one group (`group`) or kind (`code`) if asked, paginated."""
    group, code = request.GET.get("group") or None, request.GET.get("code") or None
    warnings = selectors.warning_list(network=network, group=group, code=code)
    return render(request, "overview/warning_list.html", {
        "summaries": warnings.summaries, "page": page_of(request, warnings.rows),
        "group": group, "code": code})
