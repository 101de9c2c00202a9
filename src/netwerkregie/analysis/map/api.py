"""The network map's data under /api/v1: the same elements the map page draws, for other tools.

Mounted in netwerkregie/api.py with `api.add_router("/", "netwerkregie.analysis.map.api.router")`.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from netwerkregie.analysis.models import RelationSource
from netwerkregie.analysis.selectors import survey_ties_for
from netwerkregie.assessments.models import SurveyRound
from netwerkregie.core.api import Id, Slug, network_for, reference
from netwerkregie.registry.models import Coalition, Theme

from .selectors import TRUST_FOR_ADMINS_ONLY, MapFilters, reveals_trust
from .stored import stored_map_json

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
    ties: Literal["strongest", "all"] = Field("strongest", description=(
        "strongest: only each organisation's strongest ties (the readable map) when the map is thinned; "
        "all: every relation."))


class Rows(Schema):
    fields: list[str]
    rows: list[list]


class MapOut(Schema):
    nodes: Rows = Field(description=(
        "One row per organisation: id, label, type (legend.types), municipality (an index into "
        "municipalities, or null), rank (0 is named first), x, y, coalitions, themes, then the centralities."))
    edges: Rows = Field(description=(
        "One row per relation: source and target (indices into nodes.rows), src (legend.sources), kind "
        "(legend.kinds), weight, strong and directed (0 or 1), and trust for network admins."))
    municipalities: list[str]
    large: bool
    ties: dict = Field(description=(
        "count: ties between pairs of organisations, as the analysis counts them; strongest: how many the "
        "readable map draws by default (each organisation's per_organisation strongest); thinned; lines: the "
        "relations; sent: the relations in edges (only the strongest unless ties=all); differs: why count is "
        "not the analysis page's."))
    legend: dict
    coalitions: dict[str, str]
    themes: dict[str, str]


@router.get("/networks/{slug}/map", response=MapOut)
def network_map(request: HttpRequest, slug: Slug, filters: Query[MapQuery]):
    """Organisations and relations as compact rows with positions, centralities and legend.

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
        survey_ties=survey_ties_for(request.membership), all_ties=filters.ties == "all")
    # Already compact JSON, the page's own (stored per data version): returned as is, not validated again.
    return HttpResponse(stored_map_json(network=network, filters=query), content_type="application/json")
