"""The dashboard a network director opens every morning: counts, warnings of every app, the matrix.

Every member of the network (viewer and up) sees the dashboard; the warnings come from the signal
providers the apps register (core.signals), each showing only what its own pages show that role.
The matrix filters (type, municipality, sort) are query parameters: a filtered view is a link.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netwerkregie.analysis.selectors import RELATIONS_INSTRUMENT
from netwerkregie.assessments.results.dip import dip_assessment
from netwerkregie.assessments.selectors import counting_round
from netwerkregie.core import signals
from netwerkregie.core.views import network_view
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry.models import Network, OrganisationType


@network_view()
def dashboard(request: HttpRequest, network: Network) -> HttpResponse:
    matrix = registry_selectors.contribution_matrix(
        network=network, type_key=request.GET.get("type") or None,
        municipality=request.GET.get("municipality") or None, sort=request.GET.get("sort", "name"))
    context = {"matrix": matrix, "types": OrganisationType.objects.all(),
               "municipalities": network.municipalities.all()}
    # The filters live in the URL (hx-push-url), so a filtered matrix can be shared; going back
    # in the browser asks for the whole page again.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "registry/_matrix.html", context)
    context.update(counts=registry_selectors.network_counts(network=network),
                   signal_groups=signals.collect(network=network),
                   dip=dip_assessment(network=network),
                   relations_round=counting_round(network=network, instrument=RELATIONS_INSTRUMENT),
                   participants_definition=registry_selectors.PARTICIPANTS_DEFINITION,
                   themes=registry_selectors.theme_list(network=network))
    return render(request, "overview/dashboard.html", context)
