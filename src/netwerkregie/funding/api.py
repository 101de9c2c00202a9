"""Funding endpoints under /api/v1: streams, calls with criteria, applications, results, allocations, arena.

Roles: viewers read streams, open and closed calls with criteria and weights, allocations and the
effectenarena; members also read and create applications; coordinators see drafts, create streams,
calls and criteria and open calls. The assessment result follows the page's rule: coordinators,
assessors who submitted, and everyone once the call is closed (403 otherwise). Individual
scores are never listed before their assessor submitted.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from netwerkregie.core.api import Id, Pagination, PathId, Slug, Text, network_for, reference, references
from netwerkregie.core.roles import NetworkRole

from . import selectors, services
from .models import Approach, CallStatus, ResponseKind, Stakeholder, StreamKind, StreamScope

router = Router(tags=["funding"])
# Amounts as the database stores them: 14 digits, 2 after the point, never negative.
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class StreamIn(Schema):
    name: Text = Field(min_length=1, max_length=200)
    kind: StreamKind
    scope: StreamScope = StreamScope.COALITIONS
    budget: Money
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    financiers: list[Id] = []


class StreamOut(Schema):
    id: int
    name: str
    kind: StreamKind
    scope: StreamScope
    budget: Decimal
    start_date: datetime.date | None
    end_date: datetime.date | None
    financiers: list[int]
    requested: Decimal
    committed: Decimal
    available: Decimal


def _stream_out(view: selectors.StreamView) -> dict:
    stream = view.stream
    return {"id": stream.pk, "name": stream.name, "kind": stream.kind, "scope": stream.scope, "budget": stream.budget,
            "start_date": stream.start_date, "end_date": stream.end_date,
            "financiers": [o.pk for o in stream.financiers.all()], "requested": view.requested,
            "committed": view.committed, "available": view.available}


class CriterionIn(Schema):
    name: Text = Field(min_length=1, max_length=200)
    description: Text = ""
    weight: Annotated[Decimal, Field(gt=0, le=1000, max_digits=6, decimal_places=2)]


class CriterionOut(CriterionIn):
    id: int


class CallIn(Schema):
    stream: Id
    name: Text = Field(min_length=1, max_length=200)
    description: Text = ""
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    scale_max: int = Field(5, ge=2, le=100)
    criteria_agreed_on: datetime.date | None = None
    agreed_by: Text = Field("", max_length=300)
    check_min_partners: bool = True
    check_no_market_share: bool = True
    check_whole_chain: bool = False
    check_level_playing_field: bool = True
    check_criteria_with_members: bool = True


class CallOut(CallIn):
    id: int
    stream: int = Field(alias="stream_id")
    version: int
    previous: int | None = Field(alias="previous_id")
    status: CallStatus
    criteria: list[CriterionOut]


class PartnerIn(Schema):
    organisation: Id
    own_contribution: Money = Decimal(0)


class PartnerOut(Schema):
    organisation: int = Field(alias="organisation_id")
    own_contribution: Decimal


class ApplicationIn(Schema):
    coalition: Id
    initiative: Id | None = None
    title: Text = Field(min_length=1, max_length=200)
    summary: Text = ""
    requested_amount: Money
    partners: list[PartnerIn] = []
    goals: list[Id] = []


class ApplicationOut(Schema):
    id: int
    call: int = Field(alias="call_id")
    coalition: int = Field(alias="coalition_id")
    initiative: int | None = Field(alias="initiative_id")
    title: str
    summary: str
    requested_amount: Decimal
    submitted_on: datetime.date
    partners: list[PartnerOut]
    goals: list[int]

    @staticmethod
    def resolve_goals(obj) -> list[int]:
        return [goal.pk for goal in obj.goals.all()]


class AssessorScoreOut(Schema):
    assessor: str
    excluded: bool
    scores: list[int | None]
    reasons: list[str | None]
    total: Decimal | None


class CheckOut(Schema):
    key: str
    label: str
    passed: bool
    detail: str


class ApplicationResultOut(Schema):
    application: int
    title: str
    rank: int | None
    total: Decimal | None
    spread: Decimal | None
    means: list[Decimal | None]
    assessors: list[AssessorScoreOut]
    checks: list[CheckOut]
    doubles: list[int]


class ResultOut(Schema):
    criteria: list[CriterionOut]
    weight_sum: Decimal
    formula: str
    submitted_assessors: list[str]
    call_checks: list[CheckOut]
    ranking: list[ApplicationResultOut]


class ResponseOut(Schema):
    financier: int = Field(alias="financier_id")
    response: str
    amount: Decimal | None
    reason: str
    responded_on: datetime.date


class AllocationOut(Schema):
    id: int
    application: int = Field(alias="application_id")
    amount: Decimal
    decided_on: datetime.date
    decided_by: str
    reasoning: str
    responses: list[ResponseOut]


class BalanceOut(Schema):
    stakeholder: str
    classic_investment: Decimal
    classic_returns: Decimal
    integrated_investment: Decimal
    integrated_returns: Decimal
    invests_without_return: bool


class ArenaOut(Schema):
    initiative: int
    quality_of_life_classic: Decimal | None
    quality_of_life_integrated: Decimal | None
    balances: list[BalanceOut]


@router.get("/networks/{slug}/funding-streams/", response=list[StreamOut])
def stream_list(request: HttpRequest, slug: Slug):
    """Every stream with budget, requested, committed (allocated) and available money."""
    return [_stream_out(view) for view in selectors.stream_views(network=network_for(request, slug))]


@router.post("/networks/{slug}/funding-streams/", response={201: StreamOut})
def stream_create(request: HttpRequest, slug: Slug, payload: StreamIn):
    """Coordinators and admins; financiers are organisations of the network."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    financiers = references(network.organisations, "financiers", data.pop("financiers"))
    stream = services.stream_create(network=network, financiers=financiers, **data)
    return 201, _stream_out(next(v for v in selectors.stream_views(network=network) if v.stream.pk == stream.pk))


def _calls(request: HttpRequest, network):
    return selectors.call_list(network=network, include_drafts=request.membership.has_role(NetworkRole.COORDINATOR))


@router.get("/networks/{slug}/calls/", response=list[CallOut])
@paginate(Pagination)
def call_list(request: HttpRequest, slug: Slug):
    """Open and closed calls with criteria and weights; drafts too for coordinators."""
    return _calls(request, network_for(request, slug)).prefetch_related("criteria")


@router.post("/networks/{slug}/calls/", response={201: CallOut})
def call_create(request: HttpRequest, slug: Slug, payload: CallIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    data["stream"] = reference(network.funding_streams, "stream", data["stream"])
    return 201, services.call_create(**data)


@router.post("/networks/{slug}/calls/{call_id}/criteria/", response={201: CriterionOut})
def criterion_create(request: HttpRequest, slug: Slug, call_id: PathId, payload: CriterionIn):
    """Add a criterion to a draft call (coordinators); an open call's criteria are frozen (422)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    call = get_object_or_404(_calls(request, network), pk=call_id)
    return 201, services.criterion_add(call=call, **payload.dict())


@router.post("/networks/{slug}/calls/{call_id}/open", response=CallOut)
def call_open(request: HttpRequest, slug: Slug, call_id: PathId):
    """Publish the call to all members and freeze its criteria (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    return services.call_open(call=get_object_or_404(_calls(request, network), pk=call_id))


@router.get("/networks/{slug}/calls/{call_id}/result", response=ResultOut)
def call_result(request: HttpRequest, slug: Slug, call_id: PathId):
    """Scores of submitted assessors, means, weighted totals, spread, ranking and the principle checks."""
    network = network_for(request, slug)
    call = get_object_or_404(_calls(request, network), pk=call_id)
    if not selectors.can_see_result(call=call, membership=request.membership):
        raise HttpError(403, _("The assessment is published when the call closes."))
    result = selectors.call_result(call=call)
    return {"criteria": result.criteria, "weight_sum": result.weight_sum,
            "formula": _("weighted total = Σ (weight × mean score) / Σ weights"),
            "submitted_assessors": [a.person.name for a in result.submitted], "call_checks": result.call_checks,
            "ranking": [{"application": r.application.pk, "title": r.application.title, "rank": r.rank,
                         "total": r.total, "spread": r.spread, "means": r.means, "checks": r.checks,
                         "doubles": [d.pk for d in r.doubles],
                         "assessors": [{"assessor": a.assessor.person.name, "excluded": a.excluded,
                                        "scores": [s.score if s else None for s in a.scores],
                                        "reasons": [s.reason if s else None for s in a.scores], "total": a.total}
                                       for a in r.assessors]} for r in result.ranking]}


@router.get("/networks/{slug}/applications/", response=list[ApplicationOut])
@paginate(Pagination)
def application_list(request: HttpRequest, slug: Slug):
    """Members and up: applications to published calls (to drafts as well for coordinators)."""
    network = network_for(request, slug, NetworkRole.MEMBER)
    return selectors.application_list(calls=_calls(request, network))


@router.post("/networks/{slug}/calls/{call_id}/applications/", response={201: ApplicationOut})
def application_create(request: HttpRequest, slug: Slug, call_id: PathId, payload: ApplicationIn):
    """Members apply for a coalition to an open call."""
    network = network_for(request, slug, NetworkRole.MEMBER)
    call = get_object_or_404(_calls(request, network), pk=call_id)
    data = payload.dict()
    partners = [(reference(network.organisations, "partners", p["organisation"]), p["own_contribution"])
                for p in data.pop("partners")]
    goals = references(network.goals, "goals", data.pop("goals"))
    data["coalition"] = reference(network.coalitions, "coalition", data["coalition"])
    data["initiative"] = reference(selectors.initiatives(network=network), "initiative", data["initiative"],
                                   required=False)
    application = services.application_create(call=call, partners=partners, goals=goals, **data)
    return 201, selectors.application_list(calls=_calls(request, network)).get(pk=application.pk)


@router.get("/networks/{slug}/allocations/", response=list[AllocationOut])
@paginate(Pagination)
def allocation_list(request: HttpRequest, slug: Slug):
    """Allocations with their reasoning and the financiers' responses (every member)."""
    return selectors.allocation_list(network=network_for(request, slug))


@router.get("/networks/{slug}/effectenarenas/", response=list[ArenaOut])
def arena_list(request: HttpRequest, slug: Slug):
    return [{"initiative": view.arena.initiative_id, "quality_of_life_classic": view.arena.quality_of_life_classic,
             "quality_of_life_integrated": view.arena.quality_of_life_integrated,
             "balances": [{"stakeholder": b.stakeholder, "classic_investment": b.classic_investment,
                           "classic_returns": b.classic_returns, "integrated_investment": b.integrated_investment,
                           "integrated_returns": b.integrated_returns,
                           "invests_without_return": b.invests_without_return} for b in view.balances]}
            for view in selectors.arena_views(network=network_for(request, slug))]


class AllocationIn(Schema):
    application: Id
    amount: Money
    decided_on: datetime.date
    decided_by: Text = Field("", max_length=300)
    reasoning: Text


class ResponseIn(Schema):
    financier: Id
    response: ResponseKind
    amount: Money | None = None
    reason: Text = ""
    responded_on: datetime.date


class AssessorIn(Schema):
    person: Id
    user: Id | None = None


class AssessorOut(Schema):
    id: int
    person: int = Field(alias="person_id")
    user: int | None = Field(alias="user_id")
    submitted_at: datetime.datetime | None


class ScoreIn(Schema):
    application: Id
    criterion: Id
    score: int = Field(ge=0, le=100)
    reason: Text


class ArenaEntryIn(Schema):
    initiative: Id
    stakeholder: Stakeholder
    approach: Approach
    organisation: Id | None = None
    investment: Money = Decimal(0)
    returns: Money = Decimal(0)
    note: Text = Field("", max_length=300)


@router.post("/networks/{slug}/allocations/", response={201: AllocationOut})
def allocation_create(request: HttpRequest, slug: Slug, payload: AllocationIn):
    """Decide (or change) the allocation of an application (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    data["application"] = reference(selectors.application_list(calls=_calls(request, network)), "application",
                                    data["application"])
    allocation = services.allocation_decide(**data)
    return 201, selectors.allocation_list(network=network).get(pk=allocation.pk)


@router.post("/networks/{slug}/allocations/{allocation_id}/responses/", response={201: ResponseOut})
def response_create(request: HttpRequest, slug: Slug, allocation_id: PathId, payload: ResponseIn):
    """Record a financier's response to the network's advice (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    allocation = get_object_or_404(selectors.allocation_list(network=network), pk=allocation_id)
    data = payload.dict()
    data["financier"] = reference(network.organisations, "financier", data["financier"])
    return 201, services.financier_response_record(allocation=allocation, **data)


@router.post("/networks/{slug}/calls/{call_id}/assessors/", response={201: AssessorOut})
def assessor_create(request: HttpRequest, slug: Slug, call_id: PathId, payload: AssessorIn):
    """Assign a person as assessor, with the member user who signs in for them (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    call = get_object_or_404(_calls(request, network), pk=call_id)
    user = None
    if payload.user is not None:
        membership = network.memberships.filter(user_id=payload.user).select_related("user").first()
        if membership is None:
            raise ValidationError({"user": _("This user is not a member of the network.")})
        user = membership.user
    return 201, services.assessor_add(call=call, person=reference(network.people, "person", payload.person),
                                      user=user)


def _own_assessor(request: HttpRequest, slug: str, call_id: int):
    network = network_for(request, slug)
    call = get_object_or_404(_calls(request, network), pk=call_id)
    assessor = selectors.assessor_for(call=call, user=request.user)
    if assessor is None:
        raise HttpError(403, _("You are not an assessor of this call."))
    return call, assessor


@router.put("/networks/{slug}/calls/{call_id}/my-scores", response=AssessorOut)
def my_scores_set(request: HttpRequest, slug: Slug, call_id: PathId, payload: list[ScoreIn]):
    """The caller's own scores (only an assessor of the call); all or none are stored."""
    call, assessor = _own_assessor(request, slug, call_id)
    applications = call.applications.in_bulk({row.application for row in payload})
    criteria = call.criteria.in_bulk({row.criterion for row in payload})
    with transaction.atomic():
        for index, row in enumerate(payload):
            if row.application not in applications or row.criterion not in criteria:
                raise ValidationError({f"{index}": _("Unknown application or criterion of this call.")})
            services.score_set(assessor=assessor, application=applications[row.application],
                               criterion=criteria[row.criterion], score=row.score, reason=row.reason)
    return assessor


@router.post("/networks/{slug}/calls/{call_id}/my-scores/submit", response=AssessorOut)
def my_scores_submit(request: HttpRequest, slug: Slug, call_id: PathId):
    """Submit the caller's assessment: final, and the result opens to them."""
    _call, assessor = _own_assessor(request, slug, call_id)
    return services.assessment_submit(assessor=assessor)


@router.post("/networks/{slug}/effectenarena-entries/", response={201: ArenaOut})
def arena_entry_create(request: HttpRequest, slug: Slug, payload: ArenaEntryIn):
    """Set one stakeholder's investment and returns under one approach (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    initiative = reference(selectors.initiatives(network=network), "initiative", data.pop("initiative"))
    data["organisation"] = reference(network.organisations, "organisation", data["organisation"], required=False)
    services.arena_entry_set(arena=services.arena_set(initiative=initiative), **data)
    return 201, next(item for item in arena_list(request, slug) if item["initiative"] == initiative.pk)
