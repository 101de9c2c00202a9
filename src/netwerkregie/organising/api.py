"""Organising endpoints under /api/v1: rules of play, commitments, proposals, responses, objections,
meetings, agenda items, attendance and action points.

A viewer reads everything (responses with their reasoning are the network's own decision record, not survey
answers); a member records responses for organisations they are a spokesperson of; a coordinator writes
rules, commitments, proposals, meetings and enters responses by proxy. Another network's slug is a 404; an id
of another network in a body is a 422 naming the field.
"""


import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from netwerkregie.core.api import Id, Pagination, PathId, Slug, Text, filter_query, filtered, network_for, reference
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import DecisionPrinciple, Level

from .filters import ObjectionFilter, ProposalFilter, TaskFilter
from .models import (
    ActionPoint,
    ActionStatus,
    AgendaItem,
    Attendance,
    Commitment,
    Meeting,
    ObjectionStatus,
    Proposal,
    ProposalState,
    Response,
    ResponseKind,
    Rule,
    RuleStatus,
    RuleTopic,
    RuleVersion,
)
from .selectors import decisions as decision_selectors
from .selectors import meetings as meeting_selectors
from .selectors import rules as rule_selectors
from .selectors.bodies import Body
from .services import decisions as decision_services
from .services import meetings as meeting_services
from .services import rules as rule_services

router = Router(tags=["organising"])
PREFIX = "/networks/{slug}/organising"

ProposalQuery = filter_query(ProposalFilter)
ObjectionQuery = filter_query(ObjectionFilter)
TaskQuery = filter_query(TaskFilter)


class RuleVersionOut(Schema):
    number: int
    title: str
    text: str
    status: RuleStatus
    note: str
    changed_at: datetime.datetime


class RuleOut(Schema):
    id: int
    topic: RuleTopic
    title: str
    text: str
    status: RuleStatus
    unit: int | None
    coalition: int | None
    adopted_by: int | None
    evaluation_date: datetime.date | None
    versions: list[RuleVersionOut]

    @staticmethod
    def resolve_unit(obj: Rule) -> int | None:
        return obj.unit_id

    @staticmethod
    def resolve_coalition(obj: Rule) -> int | None:
        return obj.coalition_id

    @staticmethod
    def resolve_adopted_by(obj: Rule) -> int | None:
        return obj.adopted_by_id

    @staticmethod
    def resolve_versions(obj: Rule) -> list[RuleVersion]:
        return list(obj.versions.all())


class RuleIn(Schema):
    topic: RuleTopic
    title: Text
    text: Text
    unit: Id | None = None
    coalition: Id | None = None
    adopted_by: Id | None = None
    evaluation_date: datetime.date | None = None


class RuleStatusIn(Schema):
    status: RuleStatus
    note: Text = ""


class CommitmentOut(Schema):
    organisation: int
    organisation_name: str
    committed_by: int | None
    committed_on: datetime.date
    recorded_at: datetime.datetime

    @staticmethod
    def resolve_organisation(obj: Commitment) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_organisation_name(obj: Commitment) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_committed_by(obj: Commitment) -> int | None:
        return obj.committed_by_id


class CommitmentIn(Schema):
    organisation: Id
    committed_by: Id | None = None
    committed_on: datetime.date


class ResponseOut(Schema):
    id: int
    version: int
    organisation: int
    organisation_name: str
    kind: ResponseKind
    reason: str
    objection_status: ObjectionStatus | Literal[""]
    resolution: str
    proxy: bool
    recorded_at: datetime.datetime

    @staticmethod
    def resolve_organisation(obj: Response) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_organisation_name(obj: Response) -> str:
        return obj.organisation.name


class VersionOut(Schema):
    number: int
    text: str
    note: str
    created_at: datetime.datetime


class ProposalOut(Schema):
    id: int
    title: str
    unit: int | None
    coalition: int | None
    principle: DecisionPrinciple
    state: ProposalState
    closes_on: datetime.date | None
    decided_on: datetime.date | None
    outcome: str
    outcome_by: int | None
    review_date: datetime.date | None
    financier: int | None
    financier_response: str
    versions: list[VersionOut]
    responses: list[ResponseOut]

    @staticmethod
    def resolve_unit(obj: Proposal) -> int | None:
        return obj.unit_id

    @staticmethod
    def resolve_coalition(obj: Proposal) -> int | None:
        return obj.coalition_id

    @staticmethod
    def resolve_principle(obj: Proposal) -> str:
        return decision_selectors.proposal_principle(obj)

    @staticmethod
    def resolve_outcome_by(obj: Proposal) -> int | None:
        return obj.outcome_by_id

    @staticmethod
    def resolve_financier(obj: Proposal) -> int | None:
        return obj.financier_id

    @staticmethod
    def resolve_versions(obj: Proposal) -> list:
        return list(obj.versions.all())

    @staticmethod
    def resolve_responses(obj: Proposal) -> list:
        return list(obj.responses.all())


class ProposalIn(Schema):
    title: Text
    text: Text
    unit: Id | None = None
    coalition: Id | None = None
    principle: DecisionPrinciple | Literal[""] = ""
    closes_on: datetime.date | None = None
    financier: Id | None = None


class ResponseIn(Schema):
    organisation: Id
    kind: ResponseKind
    reason: Text = ""
    proxy: bool = False


class ActionIn(Schema):
    action: Literal["open", "amend", "adopt", "reject", "withdraw", "expire", "conclude"]
    text: Text = ""
    note: Text = ""
    closes_on: datetime.date | None = None
    outcome: Text = ""
    outcome_by: Id | None = None
    review_date: datetime.date | None = None


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    duration_minutes: int
    proposal: int | None
    theme: int | None
    coalition: int | None

    @staticmethod
    def resolve_proposal(obj: AgendaItem) -> int | None:
        return obj.proposal_id

    @staticmethod
    def resolve_theme(obj: AgendaItem) -> int | None:
        return obj.theme_id

    @staticmethod
    def resolve_coalition(obj: AgendaItem) -> int | None:
        return obj.coalition_link_id


class MeetingOut(Schema):
    id: int
    title: str
    unit: int | None
    coalition: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str
    minutes_status: str
    agenda_items: list[AgendaItemOut]

    @staticmethod
    def resolve_unit(obj: Meeting) -> int | None:
        return obj.unit_id

    @staticmethod
    def resolve_coalition(obj: Meeting) -> int | None:
        return obj.coalition_id

    @staticmethod
    def resolve_agenda_items(obj: Meeting) -> list:
        return list(obj.agenda_items.all())


class MeetingIn(Schema):
    title: Text
    unit: Id | None = None
    coalition: Id | None = None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: Text = ""
    online_url: Text = ""


class AgendaItemIn(Schema):
    title: Text
    duration_minutes: int = 15
    proposal: Id | None = None
    theme: Id | None = None
    coalition: Id | None = None


class AttendanceOut(Schema):
    organisation: int
    present: bool
    level: Level | Literal[""]

    @staticmethod
    def resolve_organisation(obj: Attendance) -> int:
        return obj.organisation_id


class AttendanceIn(Schema):
    organisation: Id
    present: bool = True
    level: Level | Literal[""] = ""


class ActionPointOut(Schema):
    id: int
    meeting: int
    title: str
    owner: int | None
    due_date: datetime.date | None
    status: ActionStatus

    @staticmethod
    def resolve_meeting(obj: ActionPoint) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_owner(obj: ActionPoint) -> int | None:
        return obj.owner_id


class ActionPointIn(Schema):
    title: Text
    owner: Id | None = None
    due_date: datetime.date | None = None
    status: ActionStatus = ActionStatus.OPEN


class ActionPointPatch(Schema):
    status: ActionStatus


def _body(network, unit: int | None, coalition: int | None) -> Body:
    if (unit is None) == (coalition is None):
        raise ValidationError({"unit": _("Give either a governance unit or a coalition.")})
    if unit is not None:
        return reference(network.governance_units, "unit", unit)
    return reference(network.coalitions, "coalition", coalition)


# Rules of play and commitments ------------------------------------------------------------------------


@router.get(f"{PREFIX}/rules", response=list[RuleOut])
@paginate(Pagination)
def rule_list(request: HttpRequest, slug: Slug):
    """Every rule of play with its versions, in the network's order."""
    return rule_selectors.rule_list(network=network_for(request, slug))


@router.get(f"{PREFIX}/rules/{{rule_id}}", response=RuleOut)
def rule_read(request: HttpRequest, slug: Slug, rule_id: PathId):
    return get_object_or_404(rule_selectors.rule_list(network=network_for(request, slug)), pk=rule_id)


def _rule_refs(network, data: dict) -> dict:
    data["unit"] = reference(network.governance_units, "unit", data["unit"], required=False)
    data["coalition"] = reference(network.coalitions, "coalition", data["coalition"], required=False)
    data["adopted_by"] = reference(network.proposals, "adopted_by", data["adopted_by"], required=False)
    return data


@router.post(f"{PREFIX}/rules", response={201: RuleOut})
def rule_create(request: HttpRequest, slug: Slug, payload: RuleIn):
    """A draft rule (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    rule = rule_services.rule_create(network=network, created_by=request.user, **_rule_refs(network, payload.dict()))
    return 201, rule_selectors.rule_get(network=network, pk=rule.pk)


@router.post(f"{PREFIX}/rules/{{rule_id}}/status", response=RuleOut)
def rule_status(request: HttpRequest, slug: Slug, rule_id: PathId, payload: RuleStatusIn):
    """Move a rule along concept → voorgesteld → vastgesteld → te evalueren → herzien / vervallen."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    rule = get_object_or_404(network.rules, pk=rule_id)
    rule_services.rule_set_status(rule=rule, changed_by=request.user, **payload.dict())
    return rule_selectors.rule_get(network=network, pk=rule.pk)


@router.get(f"{PREFIX}/commitments", response=list[CommitmentOut])
@paginate(Pagination)
def commitment_list(request: HttpRequest, slug: Slug):
    return rule_selectors.commitment_list(network=network_for(request, slug)).order_by("organisation__name")


@router.post(f"{PREFIX}/commitments", response={201: CommitmentOut})
def commitment_record(request: HttpRequest, slug: Slug, payload: CommitmentIn):
    """Record (or correct) an organisation's commitment to the rules of play (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    data["organisation"] = reference(network.organisations, "organisation", data["organisation"])
    data["committed_by"] = reference(network.people, "committed_by", data["committed_by"], required=False)
    return 201, rule_services.commitment_record(network=network, recorded_by=request.user, **data)


# Proposals, responses, objections ----------------------------------------------------------------------


@router.get(f"{PREFIX}/proposals", response=list[ProposalOut])
@paginate(Pagination)
def proposal_list(request: HttpRequest, slug: Slug, filters: Query[ProposalQuery]):
    """The filters of the decision log page: `q` searches titles, texts, reasoning and outcomes, `state`,
    `body` (`unit:<id>` or `coalition:<id>`)."""
    return filtered(request, slug, ProposalFilter, filters)


@router.get(f"{PREFIX}/proposals/{{proposal_id}}", response=ProposalOut)
def proposal_read(request: HttpRequest, slug: Slug, proposal_id: PathId):
    return get_object_or_404(decision_selectors.proposal_list(network=network_for(request, slug)), pk=proposal_id)


@router.post(f"{PREFIX}/proposals", response={201: ProposalOut})
def proposal_create(request: HttpRequest, slug: Slug, payload: ProposalIn):
    """A draft proposal to a governance unit or a coalition (coordinators)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    body = _body(network, data.pop("unit"), data.pop("coalition"))
    data["financier"] = reference(network.organisations, "financier", data["financier"], required=False)
    proposal = decision_services.proposal_create(network=network, body=body, created_by=request.user, **data)
    return 201, decision_selectors.proposal_get(network=network, pk=proposal.pk)


@router.post(f"{PREFIX}/proposals/{{proposal_id}}/actions", response=ProposalOut)
def proposal_action(request: HttpRequest, slug: Slug, proposal_id: PathId, payload: ActionIn):
    """Open, amend (with `text`), adopt, reject, withdraw, expire or conclude; a refusal is a 422 naming the rule."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    proposal = get_object_or_404(network.proposals, pk=proposal_id)
    data = payload.dict()
    action = data.pop("action")
    if action == "open":
        decision_services.proposal_open(proposal=proposal, closes_on=data["closes_on"])
    elif action == "amend":
        decision_services.proposal_amend(proposal=proposal, text=data["text"], note=data["note"],
                                         amended_by=request.user)
    elif action == "conclude":
        decision_services.proposal_conclude(proposal=proposal)
    else:
        decision_services.proposal_decide(
            proposal=proposal, action=action, outcome=data["outcome"], review_date=data["review_date"],
            outcome_by=reference(network.people, "outcome_by", data["outcome_by"], required=False))
    return decision_selectors.proposal_get(network=network, pk=proposal.pk)


@router.post(f"{PREFIX}/proposals/{{proposal_id}}/responses", response={201: ResponseOut})
def response_record(request: HttpRequest, slug: Slug, proposal_id: PathId, payload: ResponseIn):
    """An organisation's response to the current version: members for their own organisation, coordinators by
    proxy (`proxy: true`)."""
    network = network_for(request, slug, NetworkRole.MEMBER)
    proposal = get_object_or_404(network.proposals, pk=proposal_id)
    data = payload.dict()
    data["organisation"] = reference(network.organisations, "organisation", data["organisation"])
    return 201, decision_services.response_record(proposal=proposal, recorded_by=request.user, **data)


@router.get(f"{PREFIX}/objections", response=list[ResponseOut])
@paginate(Pagination)
def objection_list(request: HttpRequest, slug: Slug, filters: Query[ObjectionQuery]):
    """Every objection with its reasoning and resolution; `status` keeps standing, resolved or withdrawn ones."""
    return filtered(request, slug, ObjectionFilter, filters)


@router.post(f"{PREFIX}/objections/{{response_id}}/withdraw", response=ResponseOut)
def objection_withdraw(request: HttpRequest, slug: Slug, response_id: PathId, proxy: bool = False):
    network = network_for(request, slug, NetworkRole.MEMBER)
    response = get_object_or_404(Response.objects.filter(proposal__network=network), pk=response_id)
    return decision_services.objection_withdraw(response=response, withdrawn_by=request.user, proxy=proxy)


# Meetings ----------------------------------------------------------------------------------------------


@router.get(f"{PREFIX}/meetings", response=list[MeetingOut])
@paginate(Pagination)
def meeting_list(request: HttpRequest, slug: Slug):
    return meeting_selectors.meeting_list(network=network_for(request, slug))


@router.get(f"{PREFIX}/meetings/{{meeting_id}}", response=MeetingOut)
def meeting_read(request: HttpRequest, slug: Slug, meeting_id: PathId):
    return get_object_or_404(meeting_selectors.meeting_list(network=network_for(request, slug)), pk=meeting_id)


@router.post(f"{PREFIX}/meetings", response={201: MeetingOut})
def meeting_create(request: HttpRequest, slug: Slug, payload: MeetingIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    body = _body(network, data.pop("unit"), data.pop("coalition"))
    meeting = meeting_services.meeting_create(network=network, body=body, **data)
    return 201, get_object_or_404(meeting_selectors.meeting_list(network=network), pk=meeting.pk)


@router.get(f"{PREFIX}/meetings/{{meeting_id}}/agenda-items", response=list[AgendaItemOut])
@paginate(Pagination)
def agenda_item_list(request: HttpRequest, slug: Slug, meeting_id: PathId):
    meeting = get_object_or_404(network_for(request, slug).meetings, pk=meeting_id)
    return meeting.agenda_items.order_by("order", "pk")


@router.post(f"{PREFIX}/meetings/{{meeting_id}}/agenda-items", response={201: AgendaItemOut})
def agenda_item_add(request: HttpRequest, slug: Slug, meeting_id: PathId, payload: AgendaItemIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    meeting = get_object_or_404(network.meetings, pk=meeting_id)
    data = payload.dict()
    data["proposal"] = reference(network.proposals, "proposal", data["proposal"], required=False)
    data["theme"] = reference(network.themes, "theme", data["theme"], required=False)
    data["coalition"] = reference(network.coalitions, "coalition", data["coalition"], required=False)
    return 201, meeting_services.agenda_item_add(meeting=meeting, **data)


@router.get(f"{PREFIX}/meetings/{{meeting_id}}/attendance", response=list[AttendanceOut])
@paginate(Pagination)
def attendance_list(request: HttpRequest, slug: Slug, meeting_id: PathId):
    meeting = get_object_or_404(network_for(request, slug).meetings, pk=meeting_id)
    return Attendance.objects.filter(meeting=meeting).order_by("organisation__name")


@router.put(f"{PREFIX}/meetings/{{meeting_id}}/attendance", response=AttendanceOut)
def attendance_record(request: HttpRequest, slug: Slug, meeting_id: PathId, payload: AttendanceIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    meeting = get_object_or_404(network.meetings, pk=meeting_id)
    data = payload.dict()
    data["organisation"] = reference(network.organisations, "organisation", data["organisation"])
    return meeting_services.attendance_record(meeting=meeting, **data)


@router.get(f"{PREFIX}/action-points", response=list[ActionPointOut])
@paginate(Pagination)
def action_point_list(request: HttpRequest, slug: Slug, filters: Query[TaskQuery]):
    """The filter of the action points page: `view` is open (default), overdue or "mine" (the owner's e-mail
    is the caller's)."""
    return filtered(request, slug, TaskFilter, filters)


@router.post(f"{PREFIX}/meetings/{{meeting_id}}/action-points", response={201: ActionPointOut})
def action_point_add(request: HttpRequest, slug: Slug, meeting_id: PathId, payload: ActionPointIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    meeting = get_object_or_404(network.meetings, pk=meeting_id)
    data = payload.dict()
    data["owner"] = reference(network.people, "owner", data["owner"], required=False)
    return 201, meeting_services.action_point_add(meeting=meeting, **data)


@router.patch(f"{PREFIX}/action-points/{{point_id}}", response=ActionPointOut)
def action_point_update(request: HttpRequest, slug: Slug, point_id: PathId, payload: ActionPointPatch):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    point = get_object_or_404(ActionPoint.objects.filter(meeting__network=network), pk=point_id)
    return meeting_services.action_point_update(action_point=point, **payload.dict())
