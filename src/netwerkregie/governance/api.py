"""Governance endpoints under /api/v1: the advice from the network's data and the governance profile.

A viewer reads both; a coordinator changes the profile. A network the caller is not a member of
is a 404; a lead organisation of another network in the body is a 422 naming `lead_organisation`.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from netwerkregie.core.api import Id, Slug, Text, network_for, reference
from netwerkregie.core.roles import NetworkRole

from . import advice as rules
from . import selectors, services
from .models import GovernanceForm, GovernanceProfile

router = Router(tags=["governance"])

Fraction = Annotated[float, Field(ge=0, le=1)]
Percent = Annotated[int, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=2, le=10000)]
AdvisedForm = Literal[rules.FORMS]


class InputOut(Schema):
    key: str
    label: str
    value: int | float | None
    source: selectors.InputSource
    source_label: str
    round: str | None
    respondents: int | None
    missing: bool
    provisional: bool
    note: str
    explanation: str


class CurrentFormOut(Schema):
    form: GovernanceForm
    label: str
    lead_organisation: int | None
    lead_organisation_name: str | None
    status: Literal["undecided", "no_advice", "matches", "differs"]
    message: str


class CellOut(Schema):
    column: str
    text: str
    range: str
    fits: bool | None


class RowOut(Schema):
    form: AdvisedForm
    label: str
    score: float | None
    recommended: bool
    cells: list[CellOut]


class ThresholdOut(Schema):
    label: str
    value: str


class AdviceOut(Schema):
    inputs: dict[str, InputOut]
    recommended: AdvisedForm | None
    tied: list[AdvisedForm]
    close: list[AdvisedForm]
    hybrid: bool
    scores: dict[str, float]
    participant_bands: list[str]
    reasons: list[str]
    notes: list[str]
    tensions: list[str]
    current_form: CurrentFormOut
    table: list[RowOut]
    thresholds: list[ThresholdOut]


class ProfileOut(Schema):
    current_form: GovernanceForm
    lead_organisation: int | None
    goal_consensus: float | None
    competency_need: float | None
    trust_response_floor: int
    participants_few_max: int
    participants_moderate_min: int
    participants_moderate_max: int
    participants_many_min: int
    notes: str
    updated_at: datetime.datetime | None
    updated_by: str | None

    @staticmethod
    def resolve_lead_organisation(obj: GovernanceProfile) -> int | None:
        return obj.lead_organisation_id

    @staticmethod
    def resolve_updated_by(obj: GovernanceProfile) -> str | None:
        return obj.updated_by.get_username() if obj.updated_by else None


class ProfileIn(Schema):
    current_form: GovernanceForm
    lead_organisation: Id | None = None
    goal_consensus: Fraction | None = None
    competency_need: Fraction | None = None
    trust_response_floor: Percent = 60
    participants_few_max: Count = 12
    participants_moderate_min: Count = 8
    participants_moderate_max: Count = 30
    participants_many_min: Count = 20
    notes: Text = ""


@router.get("/networks/{slug}/governance/advice", response=AdviceOut)
def advice_read(request: HttpRequest, slug: Slug, round_id: Annotated[Id | None, Query(alias="round")] = None):
    """The advised governance form with its inputs and their sources, beside the current form.

    `round` takes the survey inputs from that round (marked provisional when it would not count on its
    own); by default from the latest closed round that counts. `recommended` is null while a required
    input is missing (see `inputs`) and on a tie (see `tied`).
    """
    network = network_for(request, slug)
    survey_round = get_object_or_404(network.survey_rounds, pk=round_id) if round_id is not None else None
    return selectors.governance_advice(network=network, survey_round=survey_round).as_dict()


@router.get("/networks/{slug}/governance/profile", response=ProfileOut)
def profile_read(request: HttpRequest, slug: Slug):
    """The current governance form; "undecided" with empty estimates while nobody entered it."""
    return selectors.governance_profile_get(network=network_for(request, slug))


@router.put("/networks/{slug}/governance/profile", response=ProfileOut)
def profile_update(request: HttpRequest, slug: Slug, payload: ProfileIn):
    """Replace the governance profile (coordinators and admins)."""
    network = network_for(request, slug, NetworkRole.COORDINATOR)
    data = payload.dict()
    data["lead_organisation"] = reference(network.organisations, "lead_organisation", data["lead_organisation"],
                                          required=False)
    services.governance_profile_update(network=network, updated_by=request.user, **data)
    return selectors.governance_profile_get(network=network)
