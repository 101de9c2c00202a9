"""The interactive network map: the page, and the data it loads (and reloads on every filter change)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network

from .map_forms import MapFilterForm
from .map_selectors import CENTRALITIES, map_json


@network_view()
def map_page(request: HttpRequest, network: Network) -> HttpResponse:
    """The map's controls; the elements come from `map_data_json`, fetched by static/js/network-map.js."""
    config = {
        "dataUrl": reverse("analysis:map_data", kwargs={"network": network.slug}),
        # The organisation page of node 0; the script puts in the id of the node clicked.
        "organisationUrl": reverse("registry:organisation_detail", kwargs={"network": network.slug, "pk": 0}),
    }
    return render(request, "analysis/map.html", {
        "form": MapFilterForm(request.GET or None, network=network),
        "centralities": CENTRALITIES,
        "config": config,
    })


@network_view()
def map_data_json(request: HttpRequest, network: Network) -> HttpResponse:
    """Cytoscape elements with positions, centralities and legend; 400 naming the bad filter."""
    form = MapFilterForm(request.GET, network=network)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return HttpResponse(map_json(network=network, filters=form.filters()), content_type="application/json")
