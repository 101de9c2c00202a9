"""API schemas of the registry: `…Out` answers, `…In` creates, `…Patch` partial updates.

Related objects are referred to by id under the model's field name (`theme`, `person`, …), the
organisation type by its key and a municipality by its name, so an error names the same field in
the body, the answer and the service.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from netwerkregie.core.api import Id, Text
from netwerkregie.core.roles import NetworkRole

from .models import (
    CoalitionForm,
    CoalitionParticipation,
    CoalitionStatus,
    DecisionPrinciple,
    GovernanceUnitKind,
    GovernanceUnitMembership,
    Initiative,
    InitiativeStatus,
    Level,
    Network,
    NetworkMembership,
    Organisation,
    Person,
    SurveyTies,
    ThemeRole,
    ThemeRoleKind,
)
from .selectors import sees_contact_details

People = Annotated[Decimal, Field(max_digits=7, decimal_places=2, ge=0)]
Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2)]
SmallCount = Annotated[int, Field(ge=0, le=32767)]
Percent = Annotated[int, Field(ge=0, le=100)]


# Networks and access ------------------------------------------------------------------


class NetworkOut(Schema):
    name: str
    slug: str
    region_description: str
    societal_task: str
    start_date: datetime.date | None
    anonymity_minimum: int
    round_response_share: int
    publish_free_text: bool
    map_survey_ties: SurveyTies
    contact_details_from: NetworkRole = Field(
        description="Lowest role that sees people's e-mail and phone (name, organisation and "
                    "function are visible to every member).")
    admins_use_two_factor: bool = Field(
        description="Admins confirm each session with a one-time code before admin pages, exports and API calls; "
                    "API tokens then act with a coordinator's rights.")
    municipalities: list[str]

    @staticmethod
    def resolve_municipalities(obj: Network) -> list[str]:
        return [municipality.name for municipality in obj.municipalities.all()]


class NetworkIn(Schema):
    name: Text
    slug: Text
    region_description: Text = ""
    societal_task: Text = ""
    start_date: datetime.date | None = None
    anonymity_minimum: SmallCount = 3
    round_response_share: Percent = 50
    publish_free_text: bool = False
    map_survey_ties: SurveyTies = SurveyTies.AGGREGATED
    contact_details_from: NetworkRole = NetworkRole.MEMBER
    admins_use_two_factor: bool = False
    municipalities: list[Text] = []


class NetworkPatch(Schema):
    name: Text | None = None
    slug: Text | None = None
    region_description: Text | None = None
    societal_task: Text | None = None
    start_date: datetime.date | None = None
    anonymity_minimum: SmallCount | None = None
    round_response_share: Percent | None = None
    publish_free_text: bool | None = None
    map_survey_ties: SurveyTies | None = None
    contact_details_from: NetworkRole | None = None
    admins_use_two_factor: bool | None = None
    municipalities: list[Text] | None = None


class MembershipOut(Schema):
    id: int
    username: str
    role: NetworkRole

    @staticmethod
    def resolve_username(obj: NetworkMembership) -> str:
        return obj.user.get_username()


class MembershipIn(Schema):
    username: Text = Field(description="The person's e-mail address; a username only for superusers.")
    role: NetworkRole = NetworkRole.VIEWER


class MembershipPatch(Schema):
    role: NetworkRole


class OrganisationTypeOut(Schema):
    key: str
    name_nl: str
    name_en: str
    colour: str
    order: int


# Organisations and people --------------------------------------------------------------


class OrganisationOut(Schema):
    id: int
    name: str
    type: str
    municipality: str | None
    website: str
    notes: str
    archived_on: datetime.date | None

    @staticmethod
    def resolve_type(obj: Organisation) -> str:
        return obj.type.key

    @staticmethod
    def resolve_municipality(obj: Organisation) -> str | None:
        return obj.municipality.name if obj.municipality else None


class OrganisationIn(Schema):
    name: Text
    type: Text
    municipality: Text | None = None
    website: Text = ""
    notes: Text = ""


class OrganisationPatch(Schema):
    name: Text | None = None
    type: Text | None = None
    municipality: Text | None = None
    website: Text | None = None
    notes: Text | None = None


class PersonOut(Schema):
    id: int
    name: str
    organisation: int | None
    function: str
    email: str | None = Field(description="null when the caller's role does not see contact "
                                          "details (the network's contact_details_from).")
    phone: str | None = Field(description="null like email.")
    archived_on: datetime.date | None

    @staticmethod
    def resolve_organisation(obj: Person) -> int | None:
        return obj.organisation_id

    @staticmethod
    def resolve_email(obj: Person, context) -> str | None:
        return obj.email if sees_contact_details(membership=context["request"].membership) else None

    @staticmethod
    def resolve_phone(obj: Person, context) -> str | None:
        return obj.phone if sees_contact_details(membership=context["request"].membership) else None


class PersonIn(Schema):
    name: Text
    organisation: Id | None = None
    function: Text = ""
    email: Text = ""
    phone: Text = ""


class PersonPatch(Schema):
    name: Text | None = None
    organisation: Id | None = None
    function: Text | None = None
    email: Text | None = None
    phone: Text | None = None


# Themes ---------------------------------------------------------------------------------


class ThemeOut(Schema):
    id: int
    name: str
    description: str
    challenge: str


class ThemeIn(Schema):
    name: Text
    description: Text = ""
    challenge: Text = ""


class ThemePatch(Schema):
    name: Text | None = None
    description: Text | None = None
    challenge: Text | None = None


class ThemeRoleOut(Schema):
    id: int
    theme: int
    person: int
    kind: ThemeRoleKind
    start_date: datetime.date | None
    end_date: datetime.date | None

    @staticmethod
    def resolve_theme(obj: ThemeRole) -> int:
        return obj.theme_id

    @staticmethod
    def resolve_person(obj: ThemeRole) -> int:
        return obj.person_id


class ThemeRoleIn(Schema):
    theme: Id
    person: Id
    kind: ThemeRoleKind
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class ThemeRolePatch(Schema):
    person: Id | None = None
    kind: ThemeRoleKind | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


# Coalitions and initiatives ------------------------------------------------------------


class CoalitionOut(Schema):
    id: int
    theme: int
    name: str
    sub_task: str
    form: CoalitionForm
    status: CoalitionStatus
    decision_principle: DecisionPrinciple
    organisations: list[int] = Field(description="Organisations taking part today.")

    @staticmethod
    def resolve_theme(obj) -> int:
        return obj.theme_id

    @staticmethod
    def resolve_organisations(obj) -> list[int]:
        return [participation.organisation_id for participation in obj.participations.all()]


class CoalitionIn(Schema):
    theme: Id
    name: Text
    sub_task: Text = ""
    form: CoalitionForm = CoalitionForm.PROJECT
    status: CoalitionStatus = CoalitionStatus.ACTIVE
    decision_principle: DecisionPrinciple = DecisionPrinciple.CONSENSUS
    organisations: list[Id] = Field([], description="Organisations taking part from today.")


class CoalitionPatch(Schema):
    theme: Id | None = None
    name: Text | None = None
    sub_task: Text | None = None
    form: CoalitionForm | None = None
    status: CoalitionStatus | None = None
    decision_principle: DecisionPrinciple | None = None


class ParticipationOut(Schema):
    id: int
    coalition: int
    organisation: int
    contribution_people: Decimal | None
    contribution_money: Decimal | None
    contribution_knowledge: str
    start_date: datetime.date | None
    end_date: datetime.date | None

    @staticmethod
    def resolve_coalition(obj: CoalitionParticipation) -> int:
        return obj.coalition_id

    @staticmethod
    def resolve_organisation(obj: CoalitionParticipation) -> int:
        return obj.organisation_id


class ParticipationIn(Schema):
    coalition: Id
    organisation: Id
    contribution_people: People | None = None
    contribution_money: Money | None = None
    contribution_knowledge: Text = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class ParticipationPatch(Schema):
    organisation: Id | None = None
    contribution_people: People | None = None
    contribution_money: Money | None = None
    contribution_knowledge: Text | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class InitiativeOut(Schema):
    id: int
    coalition: int
    name: str
    description: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    status: InitiativeStatus

    @staticmethod
    def resolve_coalition(obj: Initiative) -> int:
        return obj.coalition_id


class InitiativeIn(Schema):
    coalition: Id
    name: Text
    description: Text = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    status: InitiativeStatus = InitiativeStatus.PLANNED


class InitiativePatch(Schema):
    name: Text | None = None
    description: Text | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    status: InitiativeStatus | None = None


# Governance units ----------------------------------------------------------------------


class GovernanceUnitOut(Schema):
    id: int
    kind: GovernanceUnitKind
    name: str
    description: str


class GovernanceUnitIn(Schema):
    kind: GovernanceUnitKind
    name: Text
    description: Text = ""


class GovernanceUnitPatch(Schema):
    kind: GovernanceUnitKind | None = None
    name: Text | None = None
    description: Text | None = None


class UnitMembershipOut(Schema):
    id: int
    unit: int
    person: int
    level: Level
    role_title: str
    start_date: datetime.date | None
    end_date: datetime.date | None

    @staticmethod
    def resolve_unit(obj: GovernanceUnitMembership) -> int:
        return obj.unit_id

    @staticmethod
    def resolve_person(obj: GovernanceUnitMembership) -> int:
        return obj.person_id


class UnitMembershipIn(Schema):
    unit: Id
    person: Id
    level: Level
    role_title: Text = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


class UnitMembershipPatch(Schema):
    person: Id | None = None
    level: Level | None = None
    role_title: Text | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
