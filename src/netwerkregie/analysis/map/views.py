"""The interactive network map: the page, and the data it loads (and reloads on every filter change).

Every member (viewer and up) sees the map. Relations from the relational survey are answers:
admins see them as reported, with trust; others as the network's `map_survey_ties` setting says
(`selectors.disclosed_ties`), without trust.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.gzip import gzip_page

from netwerkregie.analysis.selectors import survey_ties_for
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network

from .forms import MapFilterForm
from .selectors import (
    CENTRALITIES,
    SOURCES,
    is_large,
    reveals_trust,
    survey_ties_note,
)
from .stored import stored_map_json

# Every text the script writes into the page, translated here (rendered with json_script).
SCRIPT_LABELS = {
    "loading": _("Loading the map…"),
    "error": _("The map could not be loaded: check the filters."),
    "counts": _("{nodes} organisations, {edges} relations"),
    "organisations": _("Organisations"),
    "relations": _("Relations"),
    "name": _("Name"),
    "type": _("Type"),
    "municipality": _("Municipality"),
    "coalitions": _("Coalitions"),
    "themes": _("Themes"),
    "relationCount": _("Relations shown"),
    "none": _("none"),
    "noTheme": _("No theme"),
    "notComputed": _("choose it under “Size by” to compute it"),
    "open": _("Open the organisation page"),
    "from": _("From"),
    "to": _("To"),
    "source": _("Source"),
    "kind": _("Kind"),
    "weight": _("Weight"),
    "trust": _("Trust"),
    "types": _("Organisation types"),
    "sources": _("Sources"),
    "kinds": _("Kinds of relation"),
    "surveyTies": _("Relations from the survey"),
    "showMore": _("Show {count} more"),
    "hint": _("Click an organisation to see its details and highlight its relations; point at one to see its name."),
    "tieCount": _("{ties} ties between these organisations ({lines} relations: a tie can come from several sources "
                  "or be reported both ways), as the analysis page counts them for these sources and round."),
    "analysisLink": _("Open the analysis"),
    "drawnStrongest": _("For a readable map each organisation's {k} strongest ties are drawn: {strongest} of the "
                        "{count} ties."),
    "drawnAll": _("All {count} ties are drawn."),
    "notSent": _("{hidden} more relations are not shown: show all ties, or filter on a source, kind, theme or "
                 "coalition."),
    "showAll": _("Show all ties ({count})"),
    "showStrongest": _("Show only the strongest ties ({strongest})"),
}


@network_view()
def map_page(request: HttpRequest, network: Network) -> HttpResponse:
    """The map's controls; the elements come from `map_data_json`, fetched by static/js/map/main.js."""
    config = {
        "dataUrl": reverse("analysis:map_data", kwargs={"network": network.slug}),
        "analysisUrl": reverse("analysis:index", kwargs={"network": network.slug}),
        # The organisation page of node 0; the script puts in the id of the node clicked.
        "organisationUrl": reverse("registry:organisation_detail", kwargs={"network": network.slug, "pk": 0}),
        "large": is_large(network=network),
        "labels": SCRIPT_LABELS,
        "centralities": CENTRALITIES,
        "sources": SOURCES,
    }
    ties = survey_ties_for(request.membership)
    return render(request, "analysis/map.html", {
        "form": MapFilterForm(request.GET or None, network=network, reveal_trust=reveals_trust(request.membership),
                              survey_ties=ties),
        "config": config,
        "survey_ties_note": survey_ties_note(ties, network.anonymity_minimum),
    })


@gzip_page
@network_view()
def map_data_json(request: HttpRequest, network: Network) -> HttpResponse:
    """The map's compact JSON (selectors.map_json), stored per data version; 400 naming the bad filter."""
    form = MapFilterForm(request.GET, network=network, reveal_trust=reveals_trust(request.membership),
                         survey_ties=survey_ties_for(request.membership))
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return HttpResponse(stored_map_json(network=network, filters=form.filters()), content_type="application/json")
