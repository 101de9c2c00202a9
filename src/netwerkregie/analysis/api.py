"""Analysis endpoints under /api/v1: relations entered by hand (CRUD) and the network analysis.

Conventions of registry/api.py: a viewer reads, a member writes; a network the caller is not a
member of, or a relation of another network, is a 404; an organisation id of another network in a
body is a 422 naming the field. The analysis answers the `analyse --json` contract plus structure.
"""

import datetime
from dataclasses import dataclass, fields
from typing import Annotated

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.core.api import Id, Pagination, PathId, Slug, Text, network_for, not_null, reference
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import Network

from . import selectors, services, tasks
from .contract import NetworkAnalysis
from .models import Relation, RelationKind, RelationSource
from .stored import question_asked

router = Router(tags=["analysis"])

NO_CONTENT = {204: None}


class RelationOut(Schema):
    id: int
    source: int = Field(description="Id of the organisation the relation runs from.")
    target: int = Field(description="Id of the organisation the relation runs to.")
    kind: RelationKind
    description: str
    start_date: datetime.date | None
    end_date: datetime.date | None

    @staticmethod
    def resolve_source(obj: Relation) -> int:
        return obj.source_id

    @staticmethod
    def resolve_target(obj: Relation) -> int:
        return obj.target_id


class RelationIn(Schema):
    source: Id
    target: Id
    kind: RelationKind
    description: Text = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class RelationPatch(Schema):
    source: Id | None = None
    target: Id | None = None
    kind: RelationKind | None = None
    description: Text | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class AnalysisQuery(Schema):
    sources: list[RelationSource] | None = Field(None, description="Relation sources; all when left out.")
    round: Id | None = Field(None, description="Survey round id for the survey source; the latest by default.")
    directed: bool = Field(False, description="Analyse who names whom (directed) instead of who is tied.")
    organisations_limit: int = Field(100, ge=0, le=1000,
                                     description="Organisations per page of `per_node` and `received`.")
    organisations_offset: int = Field(0, ge=0, le=1_000_000,
                                      description="Skip this many organisations of `per_node` and `received`.")


@dataclass(frozen=True)
class AnalysisPage(NetworkAnalysis):
    """One page of the per-organisation sections of an analysis, with their full lengths."""

    organisation_count: Annotated[int, Field(description="Organisations in `per_node` over all pages.")]
    received_count: Annotated[int, Field(description="Organisations in `received` over all pages.")]

    @classmethod
    def of(cls, analysis: NetworkAnalysis, shown: slice) -> "AnalysisPage":
        whole = {field.name: getattr(analysis, field.name) for field in fields(analysis)}
        return cls(**whole | {"per_node": analysis.per_node[shown], "received": analysis.received[shown],
                              "organisation_count": len(analysis.per_node),
                              "received_count": len(analysis.received)})


class AnalysisPending(Schema):
    """A large network's analysis of today's data is being computed in the background."""

    status: str = Field(description="The background run: READY (queued), RUNNING or FAILED.")
    computed_at: datetime.datetime | None = Field(description="When `previous` was computed.")
    previous: AnalysisPage | None = Field(description="The last analysis, out of date; null before the first.")


def _organisation_refs(network: Network, data: dict) -> dict:
    for field in ("source", "target"):
        if field in data:
            data[field] = reference(network.organisations, field, data[field])
    return data


def _relations(network: Network):
    return Relation.objects.filter(network=network).select_related("network", "source", "target")


@router.get("/networks/{slug}/relations/", response=list[RelationOut])
@paginate(Pagination)
def relation_list(request: HttpRequest, slug: Slug, kind: RelationKind | None = None,
                  organisation: Id | None = None, active_on: datetime.date | None = None):
    """Filter by kind, by an organisation at either end, or on the relations active on a day."""
    relations = Relation.objects.filter(network=network_for(request, slug))
    if kind:
        relations = relations.filter(kind=kind)
    if organisation:
        relations = relations.filter(Q(source_id=organisation) | Q(target_id=organisation))
    if active_on:
        relations = relations.active(active_on)
    return relations.order_by("source__sort_name", "target__sort_name", "kind", "pk")


@router.get("/networks/{slug}/relations/{relation_id}/", response=RelationOut)
def relation_read(request: HttpRequest, slug: Slug, relation_id: PathId):
    return get_object_or_404(Relation, network=network_for(request, slug), pk=relation_id)


@router.post("/networks/{slug}/relations/", response={201: RelationOut})
def relation_create(request: HttpRequest, slug: Slug, payload: RelationIn):
    network = network_for(request, slug, NetworkRole.MEMBER)
    return 201, services.relation_create(network=network, **_organisation_refs(network, payload.dict()))


@router.patch("/networks/{slug}/relations/{relation_id}/", response=RelationOut)
def relation_update(request: HttpRequest, slug: Slug, relation_id: PathId, payload: RelationPatch):
    network = network_for(request, slug, NetworkRole.MEMBER)
    relation = get_object_or_404(_relations(network), pk=relation_id)
    data = not_null(payload.dict(exclude_unset=True), "source", "target", "kind", "description")
    return services.relation_update(relation=relation, **_organisation_refs(network, data))


@router.delete("/networks/{slug}/relations/{relation_id}/", response=NO_CONTENT)
def relation_delete(request: HttpRequest, slug: Slug, relation_id: PathId):
    network = network_for(request, slug, NetworkRole.MEMBER)
    services.relation_delete(relation=get_object_or_404(Relation, network=network, pk=relation_id))
    return 204, None


@router.get("/networks/{slug}/analysis", response={200: AnalysisPage, 202: AnalysisPending})
def network_analysis(request: HttpRequest, slug: Slug, query: Query[AnalysisQuery]):
    """The analysis of the chosen relations: the `analyse --json` figures plus reciprocity, isolates,
    brokers, bridges, cut points, k-core, top organisations and trust and value received.

    Any member (viewer and up); admins get every survey tie, others the ties the network's
    `map_survey_ties` setting discloses. A large network's analysis of today's data that is not ready
    yet answers 202 with the background run's status and the previous, out-of-date analysis: poll again.
    The per-organisation sections (`per_node`, `received`) come in pages of `organisations_limit`, so the
    answer about a network of thousands of organisations stays small.
    """
    network = network_for(request, slug)
    survey_round = reference(SurveyRound.objects.filter(network=network), "round", query.round, required=False)
    question = question_asked(network_id=network.pk, sources=query.sources or selectors.SOURCES,
                              survey_round=survey_round, directed=query.directed,
                              survey_ties=selectors.survey_ties_for(request.membership))
    state = tasks.analysis_state(network=network, question=question, size=network.organisations.count())
    shown = slice(query.organisations_offset, query.organisations_offset + query.organisations_limit)
    if state.current:
        return 200, AnalysisPage.of(state.analysis, shown)
    previous = AnalysisPage.of(state.analysis, shown) if state.analysis else None
    return 202, {"status": state.run.status, "computed_at": state.computed_at, "previous": previous}
