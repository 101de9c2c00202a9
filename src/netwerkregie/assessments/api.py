"""Survey round endpoints under /api/v1: thin wrappers around the selectors and services.

Members (viewer and up) read rounds and the overall response: counts of people, never answers.
Coordinators create, change and delete rounds, invite people and read the response per
organisation (counts below the anonymity minimum are null: "fewer than N"). Personal links never
leave through this API: only their digests are stored. Answers never leave through
this API; aggregated results are the results module's, the raw export is an admin page.
"""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from netwerkregie.core.api import Id, Pagination, PathId, Slug, Text, network_for, not_null, reference, references
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import Coalition, Network, Person, Theme

from . import selectors, services
from .access import survey_access
from .models import Invitation, SurveyRound

router = Router(tags=["surveys"])


class ResponseByOrganisation(Schema):
    """Counts below the network's anonymity minimum are null, meaning "fewer than minimum"."""

    organisation_id: int | None
    name: str
    invited: int | None
    sent: int | None
    started: int | None
    completed: int | None
    rate: float | None


class ResponseOut(Schema):
    invited: int
    sent: int
    started: int
    completed: int
    rate: float | None = Field(description="Completed / invited, 0..1; null without invitations.")
    minimum: int = Field(description="The network's anonymity minimum.")
    organisations: list[ResponseByOrganisation] = Field(
        description="Per organisation, for coordinators and admins only; empty for lower roles.")


class RoundOut(Schema):
    id: int
    name: str
    theme: int | None = Field(None, alias="theme_id")
    coalition: int | None = Field(None, alias="coalition_id")
    instruments: list[str]
    opens_on: datetime.date
    closes_on: datetime.date
    is_open: bool
    invited: int
    completed: int

    @staticmethod
    def resolve_is_open(obj: SurveyRound) -> bool:
        return obj.is_open()


class RoundDetailOut(RoundOut):
    invitation_subject_nl: str
    invitation_body_nl: str
    invitation_subject_en: str
    invitation_body_en: str
    response: ResponseOut


class RoundIn(Schema):
    name: Text = Field(..., max_length=200)
    instruments: list[Text] = Field(..., min_length=1)
    opens_on: datetime.date
    closes_on: datetime.date
    theme: Id | None = None
    coalition: Id | None = None
    invitation_subject_nl: Text = Field("", max_length=200)
    invitation_body_nl: Text = ""
    invitation_subject_en: Text = Field("", max_length=200)
    invitation_body_en: Text = ""


class RoundPatch(Schema):
    name: Text | None = Field(None, max_length=200)
    instruments: list[Text] | None = None
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    theme: Id | None = None
    coalition: Id | None = None
    invitation_subject_nl: Text | None = Field(None, max_length=200)
    invitation_body_nl: Text | None = None
    invitation_subject_en: Text | None = Field(None, max_length=200)
    invitation_body_en: Text | None = None


class InvitationIn(Schema):
    people: list[Id] = Field(..., min_length=1, max_length=5000)
    language: str = "nl"
    level: str | None = None


class InvitationOut(Schema):
    """An invitation without its link: only a digest of the link is stored, and it never leaves the API."""

    id: int
    person: int | None = Field(None, alias="person_id")
    organisation: int | None = Field(None, alias="organisation_id")
    level: str
    language: str
    status: str
    sent_at: datetime.datetime | None
    reminder_count: int
    completed_at: datetime.datetime | None

    @staticmethod
    def resolve_status(obj: Invitation) -> str:
        return selectors.invitation_status(obj)


def _rounds(network: Network) -> QuerySet[SurveyRound]:
    return selectors.round_list(network=network)


def _round(network: Network, round_id: int) -> SurveyRound:
    return get_object_or_404(_rounds(network), pk=round_id)


def _response(request: HttpRequest, survey_round: SurveyRound) -> selectors.RoundResponse:
    access = survey_access(request.membership)
    return selectors.round_response(survey_round=survey_round, per_organisation=access.organisation_counts)


def _detail(request: HttpRequest, survey_round: SurveyRound) -> SurveyRound:
    survey_round.response = _response(request, survey_round)
    return survey_round


def _scope(network: Network, data: dict) -> dict:
    """Theme and coalition ids in a body become objects of this network (422 naming the field)."""
    if "theme" in data:
        data["theme"] = reference(Theme.objects.filter(network=network), "theme", data["theme"], required=False)
    if "coalition" in data:
        data["coalition"] = reference(Coalition.objects.filter(network=network), "coalition", data["coalition"],
                                      required=False)
    return data


@router.get("/networks/{slug}/survey-rounds/", response=list[RoundOut])
@paginate(Pagination)
def round_list(request: HttpRequest, slug: Slug):
    """The network's survey rounds, newest first, with invited and completed counts."""
    return _rounds(network_for(request, slug))


@router.post("/networks/{slug}/survey-rounds/", response={201: RoundDetailOut})
def round_create(request: HttpRequest, slug: Slug, payload: RoundIn):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    created = services.round_create(network=network, created_by=request.user,
                                    **_scope(network, payload.dict()))
    return 201, _detail(request, _round(network, created.pk))


@router.get("/networks/{slug}/survey-rounds/{round_id}/", response=RoundDetailOut)
def round_read(request: HttpRequest, slug: Slug, round_id: PathId):
    return _detail(request, _round(network_for(request, slug), round_id))


@router.patch("/networks/{slug}/survey-rounds/{round_id}/", response=RoundDetailOut)
def round_update(request: HttpRequest, slug: Slug, round_id: PathId, payload: RoundPatch):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    survey_round = _round(network, round_id)
    data = not_null(payload.dict(exclude_unset=True), "name", "instruments", "opens_on", "closes_on")
    data = {k: ("" if v is None and k.startswith("invitation_") else v) for k, v in data.items()}
    services.round_update(survey_round=survey_round, **_scope(network, data))
    return _detail(request, _round(network, round_id))


@router.delete("/networks/{slug}/survey-rounds/{round_id}/", response={204: None})
def round_delete(request: HttpRequest, slug: Slug, round_id: PathId):
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    services.round_delete(survey_round=_round(network, round_id))
    return HttpResponse(status=204)


@router.get("/networks/{slug}/survey-rounds/{round_id}/response/", response=ResponseOut)
def round_response(request: HttpRequest, slug: Slug, round_id: PathId):
    """Invited, e-mailed, started and completed; per organisation for coordinators and admins."""
    return _response(request, _round(network_for(request, slug), round_id))


@router.get("/networks/{slug}/survey-rounds/{round_id}/invitations/", response=list[InvitationOut])
@paginate(Pagination)
def invitation_list(request: HttpRequest, slug: Slug, round_id: PathId):
    """Who is invited and how far they got; coordinators only, and without the personal tokens."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    return _round(network, round_id).invitations.order_by("pk")


@router.post("/networks/{slug}/survey-rounds/{round_id}/invitations/", response={201: list[InvitationOut]})
def invitations_create(request: HttpRequest, slug: Slug, round_id: PathId, payload: InvitationIn):
    """Invite people of the network; people already invited keep their invitation."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    survey_round = _round(network, round_id)
    people = references(Person.objects.filter(network=network), "people", payload.people)
    return 201, services.invitations_create(survey_round=survey_round, people=people, language=payload.language,
                                            level=payload.level or None)


router.add_router("", "netwerkregie.assessments.results.api.router")  # aggregated results (results/api.py)
