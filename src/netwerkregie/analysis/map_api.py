"""The network map's data under /api/v1: the same elements the map page draws, for other tools.

Mounted in netwerkregie/api.py with `api.add_router("/", "netwerkregie.analysis.map_api.router")`.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.core.api import Id, Slug, network_for, reference
from netwerkregie.registry.models import Coalition, Theme

from .map_selectors import TRUST_FOR_ADMINS_ONLY, MapFilters, map_json, reveals_trust
from .models import RelationSource
from .selectors import survey_ties_for

router = Router(tags=["analysis"])

Centrality = Literal["degree", "betweenness", "closeness", "eigenvector"]


class MapQuery(Schema):
    sources: list[RelationSource] | None = Field(None, description="Relation sources; all when left out.")
    kind: str | None = Field(None, max_length=64, description="Only relations of this kind, e.g. funding.")
    theme: Id | None = Field(None, description="Only organisations taking part in this theme, and their relations.")
    coalition: Id | None = Field(None, description="Only organisations taking part in this coalition.")
    survey_round: Id | None = Field(None, description="The round of the relational survey; the latest by default.")
    min_trust: float | None = Field(None, ge=1, le=4, description=(
        "Drop survey relations with less reported trust. Network admins only: trust per relation is raw answers, "
        "so other members get relations without trust figures."))
    size: Centrality = Field("degree", description="The centrality to compute in any case (sizes the nodes).")


class MapOut(Schema):
    elements: dict = Field(description="Cytoscape elements: {nodes: [{data, position}], edges: [{data}]}.")
    large: bool
    legend: dict
    coalitions: dict[str, str]
    themes: dict[str, str]


@router.get("/networks/{slug}/map", response=MapOut)
def network_map(request: HttpRequest, slug: Slug, filters: Query[MapQuery]):
    """Organisations and relations as Cytoscape elements with positions, centralities and legend.

    Admins get survey relations as reported, with trust; other members only as the network's
    `map_survey_ties` setting allows (explained in `legend.survey_ties`). A theme, coalition or
    round of another network is a 422 naming the field.
    """
    network = network_for(request, slug)
    reveal_trust = reveals_trust(request.membership)
    if filters.min_trust is not None and not reveal_trust:
        raise HttpError(403, str(TRUST_FOR_ADMINS_ONLY))
    query = MapFilters(
        sources=tuple(filters.sources or MapFilters.sources), kinds=(filters.kind,) if filters.kind else None,
        theme=reference(Theme.objects.filter(network=network), "theme", filters.theme, required=False),
        coalition=reference(Coalition.objects.filter(network=network), "coalition", filters.coalition,
                            required=False),
        survey_round=reference(SurveyRound.objects.filter(network=network), "survey_round", filters.survey_round,
                               required=False),
        min_trust=filters.min_trust, size=filters.size, reveal_trust=reveal_trust,
        survey_ties=survey_ties_for(request.membership))
    # Already compact JSON: returned as is rather than validated again element by element.
    return HttpResponse(map_json(network=network, filters=query), content_type="application/json")
