"""Registry endpoints under /api/v1: thin wrappers around selectors and services.

Roles: a viewer reads, a member writes the registry, a coordinator edits the network itself,
an admin manages its memberships. A network the caller is not a member of, or an object of
another network, is a 404; an id of another network's object in a body is a 422 naming the field.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from netwerkregie.core.api import (
    Id,
    Pagination,
    PathId,
    Slug,
    filter_query,
    filtered,
    network_for,
    not_null,
    reference,
    references,
)
from netwerkregie.core.roles import NetworkRole

from . import selectors, services
from .filters import InitiativeFilter, OrganisationFilter, PersonFilter
from .models import (
    CoalitionParticipation,
    CoalitionStatus,
    GovernanceUnitMembership,
    Municipality,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationType,
    Person,
    ThemeRole,
)
from .schemas import (
    CoalitionIn,
    CoalitionOut,
    CoalitionPatch,
    GovernanceUnitIn,
    GovernanceUnitOut,
    GovernanceUnitPatch,
    InitiativeIn,
    InitiativeOut,
    InitiativePatch,
    MembershipIn,
    MembershipOut,
    MembershipPatch,
    NetworkIn,
    NetworkOut,
    NetworkPatch,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    OrganisationTypeOut,
    ParticipationIn,
    ParticipationOut,
    ParticipationPatch,
    PersonIn,
    PersonOut,
    PersonPatch,
    ThemeIn,
    ThemeOut,
    ThemePatch,
    ThemeRoleIn,
    ThemeRoleOut,
    ThemeRolePatch,
    UnitMembershipIn,
    UnitMembershipOut,
    UnitMembershipPatch,
)

router = Router(tags=["registry"])

VIEWER, MEMBER, ADMIN = NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.ADMIN
NO_CONTENT = {204: None}


OrganisationQuery = filter_query(OrganisationFilter)
PersonQuery = filter_query(PersonFilter)
InitiativeQuery = filter_query(InitiativeFilter)


# Reads without a list selector of their own: every row of the network, history included.


def _memberships(network: Network) -> QuerySet[NetworkMembership]:
    return network.memberships.select_related("user").order_by("user__username", "pk")


def _theme_roles(network: Network, theme: int | None = None) -> QuerySet[ThemeRole]:
    qs = ThemeRole.objects.filter(theme__network=network).select_related("theme__network")
    return (qs.filter(theme_id=theme) if theme else qs).order_by("theme__name", "kind", "pk")


def _participations(network: Network, coalition: int | None = None,
                    organisation: int | None = None) -> QuerySet[CoalitionParticipation]:
    qs = CoalitionParticipation.objects.filter(coalition__network=network).select_related(
        "coalition__network")
    if coalition:
        qs = qs.filter(coalition_id=coalition)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    return qs.order_by("coalition__name", "organisation__name", "pk")


def _unit_memberships(network: Network, unit: int | None = None) -> QuerySet[GovernanceUnitMembership]:
    qs = GovernanceUnitMembership.objects.filter(unit__network=network).select_related("unit__network")
    return (qs.filter(unit_id=unit) if unit else qs).order_by("unit__name", "level", "pk")


def _organisation_references(network: Network, data: dict) -> dict:
    """The type by key and the municipality by name, as the reference list and network know them."""
    not_null(data, "name", "type", "website", "notes")
    if data.get("type") is not None:
        organisation_type = OrganisationType.objects.filter(key=data["type"]).first()
        if organisation_type is None:
            raise ValidationError({"type": _("There is no organisation type with key %(key)s.")
                                   % {"key": data["type"]}})
        data["type"] = organisation_type
    if data.get("municipality") is not None:
        municipality = Municipality.objects.filter(network=network, name=data["municipality"]).first()
        if municipality is None:
            raise ValidationError({"municipality": _("%(name)s is not a municipality of this network.")
                                   % {"name": data["municipality"]}})
        data["municipality"] = municipality
    return data


# Networks and memberships ---------------------------------------------------------------


@router.get("/networks/", response=list[NetworkOut])
def network_list(request: HttpRequest):
    """The networks the caller is a member of."""
    return selectors.network_list_for_user(user=request.user).prefetch_related("municipalities")


@router.post("/networks/", response={201: NetworkOut})
def network_create(request: HttpRequest, payload: NetworkIn):
    """Start a network; the caller becomes its admin."""
    return 201, services.network_create(creator=request.user, **payload.dict())


@router.get("/networks/{slug}/", response=NetworkOut)
def network_read(request: HttpRequest, slug: Slug):
    return network_for(request, slug)


@router.patch("/networks/{slug}/", response=NetworkOut)
def network_update(request: HttpRequest, slug: Slug, payload: NetworkPatch):
    network = network_for(request, slug, ADMIN)
    data = not_null(payload.dict(exclude_unset=True), "name", "slug", "region_description",
                    "societal_task", "anonymity_minimum", "round_response_share", "publish_free_text",
                    "map_survey_ties", "contact_details_from", "admins_use_two_factor", "municipalities")
    return services.network_update(network=network, **data)


@router.get("/networks/{slug}/memberships/", response=list[MembershipOut])
@paginate(Pagination)
def membership_list(request: HttpRequest, slug: Slug):
    return _memberships(network_for(request, slug, ADMIN))


@router.get("/networks/{slug}/memberships/{membership_id}/", response=MembershipOut)
def membership_read(request: HttpRequest, slug: Slug, membership_id: PathId):
    return get_object_or_404(_memberships(network_for(request, slug, ADMIN)), pk=membership_id)


@router.post("/networks/{slug}/memberships/", response={201: MembershipOut})
def membership_create(request: HttpRequest, slug: Slug, payload: MembershipIn):
    """Give a person a role in the network, by e-mail address (a username only for superusers).

    The outcome does not depend on whether the address has an account (see services.membership_add).
    """
    network = network_for(request, slug, ADMIN)
    try:
        membership = services.membership_add(network=network, user_identifier=payload.username, role=payload.role,
                                             added_by=request.user, base_url=request.build_absolute_uri("/"))
    except ValidationError as error:
        raise ValidationError({"username": error.messages}) from error
    return 201, membership


@router.patch("/networks/{slug}/memberships/{membership_id}/", response=MembershipOut)
def membership_update(request: HttpRequest, slug: Slug, membership_id: PathId, payload: MembershipPatch):
    network = network_for(request, slug, ADMIN)
    membership = get_object_or_404(_memberships(network), pk=membership_id)
    services.membership_change_role(membership=membership, role=payload.role, by=request.user)
    return membership


@router.delete("/networks/{slug}/memberships/{membership_id}/", response=NO_CONTENT)
def membership_delete(request: HttpRequest, slug: Slug, membership_id: PathId):
    network = network_for(request, slug, ADMIN)
    membership = get_object_or_404(_memberships(network), pk=membership_id)
    services.membership_remove(network=network, user=membership.user, by=request.user)
    return 204, None


@router.get("/organisation-types/", response=list[OrganisationTypeOut])
def organisation_type_list(request: HttpRequest):
    """The shared reference list; organisations name their type by its key."""
    return OrganisationType.objects.all()


# Organisations and people --------------------------------------------------------------


@router.get("/networks/{slug}/organisations/", response=list[OrganisationOut])
@paginate(Pagination)
def organisation_list(request: HttpRequest, slug: Slug, filters: Query[OrganisationQuery]):
    """The filters of the organisations page: q, type (key), municipality (name), status
    (current – the default –, archived or all) and sort."""
    return filtered(request, slug, OrganisationFilter, filters)


@router.get("/networks/{slug}/organisations/{organisation_id}/", response=OrganisationOut)
def organisation_read(request: HttpRequest, slug: Slug, organisation_id: PathId):
    return get_object_or_404(selectors.organisation_list(network=network_for(request, slug),
                                                         include_archived=True),
                             pk=organisation_id)


@router.post("/networks/{slug}/organisations/", response={201: OrganisationOut})
def organisation_create(request: HttpRequest, slug: Slug, payload: OrganisationIn):
    network = network_for(request, slug, MEMBER)
    return 201, services.organisation_create(network=network,
                                             **_organisation_references(network, payload.dict()))


@router.patch("/networks/{slug}/organisations/{organisation_id}/", response=OrganisationOut)
def organisation_update(request: HttpRequest, slug: Slug, organisation_id: PathId,
                        payload: OrganisationPatch):
    network = network_for(request, slug, MEMBER)
    organisation = get_object_or_404(Organisation, network=network, pk=organisation_id)
    data = _organisation_references(network, payload.dict(exclude_unset=True))
    return services.organisation_update(organisation=organisation, **data)


@router.post("/networks/{slug}/organisations/{organisation_id}/archive/", response=OrganisationOut)
def organisation_archive(request: HttpRequest, slug: Slug, organisation_id: PathId):
    """Member and up: the organisation left; its participations end, its history stays."""
    network = network_for(request, slug, MEMBER)
    organisation = get_object_or_404(Organisation, network=network, pk=organisation_id)
    return selectors.organisation_list(network=network, include_archived=True).get(
        pk=services.organisation_archive(organisation=organisation).pk)


@router.delete("/networks/{slug}/organisations/{organisation_id}/", response=NO_CONTENT)
def organisation_delete(request: HttpRequest, slug: Slug, organisation_id: PathId):
    """Admin only: erase the organisation with its participations, relations and the survey
    answers about it. To keep history, archive it instead."""
    network = network_for(request, slug, ADMIN)
    services.organisation_erase(organisation=get_object_or_404(Organisation, network=network,
                                                               pk=organisation_id))
    return 204, None


@router.get("/networks/{slug}/people/", response=list[PersonOut])
@paginate(Pagination)
def person_list(request: HttpRequest, slug: Slug, filters: Query[PersonQuery]):
    """The filters of the people page: q (name or function), organisation (id), status and
    sort. E-mail and phone are null for roles below the network's contact_details_from."""
    return filtered(request, slug, PersonFilter, filters)


@router.get("/networks/{slug}/people/{person_id}/", response=PersonOut)
def person_read(request: HttpRequest, slug: Slug, person_id: PathId):
    return get_object_or_404(Person, network=network_for(request, slug), pk=person_id)


@router.post("/networks/{slug}/people/", response={201: PersonOut})
def person_create(request: HttpRequest, slug: Slug, payload: PersonIn):
    network = network_for(request, slug, MEMBER)
    data = payload.dict()
    data["organisation"] = reference(network.organisations, "organisation", data["organisation"],
                                     required=False)
    return 201, services.person_create(network=network, **data)


@router.patch("/networks/{slug}/people/{person_id}/", response=PersonOut)
def person_update(request: HttpRequest, slug: Slug, person_id: PathId, payload: PersonPatch):
    network = network_for(request, slug, MEMBER)
    person = get_object_or_404(Person, network=network, pk=person_id)
    data = not_null(payload.dict(exclude_unset=True), "name", "function", "email", "phone")
    if "organisation" in data:
        data["organisation"] = reference(network.organisations, "organisation", data["organisation"],
                                         required=False)
    return services.person_update(person=person, **data)


@router.post("/networks/{slug}/people/{person_id}/archive/", response=PersonOut)
def person_archive(request: HttpRequest, slug: Slug, person_id: PathId):
    """Member and up: the person left; current roles and seats end, survey answers stay."""
    network = network_for(request, slug, MEMBER)
    return services.person_archive(person=get_object_or_404(Person, network=network, pk=person_id))


# Themes and theme roles ----------------------------------------------------------------


@router.get("/networks/{slug}/themes/", response=list[ThemeOut])
@paginate(Pagination)
def theme_list(request: HttpRequest, slug: Slug):
    return selectors.theme_list(network=network_for(request, slug))


@router.get("/networks/{slug}/themes/{theme_id}/", response=ThemeOut)
def theme_read(request: HttpRequest, slug: Slug, theme_id: PathId):
    return get_object_or_404(network_for(request, slug).themes, pk=theme_id)


@router.post("/networks/{slug}/themes/", response={201: ThemeOut})
def theme_create(request: HttpRequest, slug: Slug, payload: ThemeIn):
    return 201, services.theme_create(network=network_for(request, slug, MEMBER), **payload.dict())


@router.patch("/networks/{slug}/themes/{theme_id}/", response=ThemeOut)
def theme_update(request: HttpRequest, slug: Slug, theme_id: PathId, payload: ThemePatch):
    theme = get_object_or_404(network_for(request, slug, MEMBER).themes, pk=theme_id)
    data = not_null(payload.dict(exclude_unset=True), "name", "description", "challenge")
    return services.theme_update(theme=theme, **data)


@router.delete("/networks/{slug}/themes/{theme_id}/", response=NO_CONTENT)
def theme_delete(request: HttpRequest, slug: Slug, theme_id: PathId):
    services.theme_delete(theme=get_object_or_404(network_for(request, slug, MEMBER).themes, pk=theme_id))
    return 204, None


@router.get("/networks/{slug}/theme-roles/", response=list[ThemeRoleOut])
@paginate(Pagination)
def theme_role_list(request: HttpRequest, slug: Slug, theme: Id | None = None):
    """Board leads and coordinators, past ones included; filter by theme id."""
    return _theme_roles(network_for(request, slug), theme=theme)


@router.get("/networks/{slug}/theme-roles/{role_id}/", response=ThemeRoleOut)
def theme_role_read(request: HttpRequest, slug: Slug, role_id: PathId):
    return get_object_or_404(_theme_roles(network_for(request, slug)), pk=role_id)


@router.post("/networks/{slug}/theme-roles/", response={201: ThemeRoleOut})
def theme_role_create(request: HttpRequest, slug: Slug, payload: ThemeRoleIn):
    network = network_for(request, slug, MEMBER)
    data = payload.dict()
    data["theme"] = reference(network.themes, "theme", data["theme"])
    data["person"] = reference(network.people, "person", data["person"])
    return 201, services.theme_role_add(**data)


@router.patch("/networks/{slug}/theme-roles/{role_id}/", response=ThemeRoleOut)
def theme_role_update(request: HttpRequest, slug: Slug, role_id: PathId, payload: ThemeRolePatch):
    network = network_for(request, slug, MEMBER)
    role = get_object_or_404(_theme_roles(network), pk=role_id)
    data = not_null(payload.dict(exclude_unset=True), "kind")
    if "person" in data:
        data["person"] = reference(network.people, "person", data["person"])
    return services.theme_role_update(role=role, **data)


@router.delete("/networks/{slug}/theme-roles/{role_id}/", response=NO_CONTENT)
def theme_role_delete(request: HttpRequest, slug: Slug, role_id: PathId):
    services.theme_role_delete(role=get_object_or_404(_theme_roles(network_for(request, slug, MEMBER)),
                                                      pk=role_id))
    return 204, None


# Coalitions, participations and initiatives ---------------------------------------------


@router.get("/networks/{slug}/coalitions/", response=list[CoalitionOut])
@paginate(Pagination)
def coalition_list(request: HttpRequest, slug: Slug, theme: Id | None = None,
                   status: CoalitionStatus | None = None):
    """Filter by theme id and status; `organisations` lists today's participants."""
    return selectors.coalition_list(network=network_for(request, slug), theme_id=theme, status=status)


@router.get("/networks/{slug}/coalitions/{coalition_id}/", response=CoalitionOut)
def coalition_read(request: HttpRequest, slug: Slug, coalition_id: PathId):
    return get_object_or_404(selectors.coalition_list(network=network_for(request, slug)), pk=coalition_id)


@router.post("/networks/{slug}/coalitions/", response={201: CoalitionOut})
def coalition_create(request: HttpRequest, slug: Slug, payload: CoalitionIn):
    """Create a coalition, optionally with the organisations taking part from today."""
    network = network_for(request, slug, MEMBER)
    data = payload.dict()
    data["theme"] = reference(network.themes, "theme", data["theme"])
    data["organisations"] = references(network.organisations, "organisations", data["organisations"])
    coalition = services.coalition_create(network=network, **data)
    return 201, selectors.coalition_list(network=network).get(pk=coalition.pk)


@router.patch("/networks/{slug}/coalitions/{coalition_id}/", response=CoalitionOut)
def coalition_update(request: HttpRequest, slug: Slug, coalition_id: PathId, payload: CoalitionPatch):
    network = network_for(request, slug, MEMBER)
    coalition = get_object_or_404(network.coalitions, pk=coalition_id)
    data = not_null(payload.dict(exclude_unset=True), "name", "sub_task", "form", "status",
                    "decision_principle")
    if "theme" in data:
        data["theme"] = reference(network.themes, "theme", data["theme"])
    services.coalition_update(coalition=coalition, **data)
    return selectors.coalition_list(network=network).get(pk=coalition.pk)


@router.delete("/networks/{slug}/coalitions/{coalition_id}/", response=NO_CONTENT)
def coalition_delete(request: HttpRequest, slug: Slug, coalition_id: PathId):
    network = network_for(request, slug, MEMBER)
    services.coalition_delete(coalition=get_object_or_404(network.coalitions, pk=coalition_id))
    return 204, None


@router.get("/networks/{slug}/participations/", response=list[ParticipationOut])
@paginate(Pagination)
def participation_list(request: HttpRequest, slug: Slug, coalition: Id | None = None,
                       organisation: Id | None = None):
    """Who takes part in which coalition, past participations included."""
    return _participations(network_for(request, slug), coalition=coalition, organisation=organisation)


@router.get("/networks/{slug}/participations/{participation_id}/", response=ParticipationOut)
def participation_read(request: HttpRequest, slug: Slug, participation_id: PathId):
    return get_object_or_404(_participations(network_for(request, slug)), pk=participation_id)


@router.post("/networks/{slug}/participations/", response={201: ParticipationOut})
def participation_create(request: HttpRequest, slug: Slug, payload: ParticipationIn):
    network = network_for(request, slug, MEMBER)
    data = payload.dict()
    data["coalition"] = reference(network.coalitions, "coalition", data["coalition"])
    data["organisation"] = reference(network.organisations, "organisation", data["organisation"])
    return 201, services.participation_add(**data)


@router.patch("/networks/{slug}/participations/{participation_id}/", response=ParticipationOut)
def participation_update(request: HttpRequest, slug: Slug, participation_id: PathId,
                         payload: ParticipationPatch):
    network = network_for(request, slug, MEMBER)
    participation = get_object_or_404(_participations(network), pk=participation_id)
    data = not_null(payload.dict(exclude_unset=True), "contribution_knowledge")
    if "organisation" in data:
        data["organisation"] = reference(network.organisations, "organisation", data["organisation"])
    return services.participation_update(participation=participation, **data)


@router.delete("/networks/{slug}/participations/{participation_id}/", response=NO_CONTENT)
def participation_delete(request: HttpRequest, slug: Slug, participation_id: PathId):
    participation = get_object_or_404(_participations(network_for(request, slug, MEMBER)),
                                      pk=participation_id)
    services.participation_delete(participation=participation)
    return 204, None


@router.get("/networks/{slug}/initiatives/", response=list[InitiativeOut])
@paginate(Pagination)
def initiative_list(request: HttpRequest, slug: Slug, filters: Query[InitiativeQuery]):
    """The filters of the initiatives page: q, theme, coalition (ids), status and sort."""
    return filtered(request, slug, InitiativeFilter, filters)


@router.get("/networks/{slug}/initiatives/{initiative_id}/", response=InitiativeOut)
def initiative_read(request: HttpRequest, slug: Slug, initiative_id: PathId):
    return get_object_or_404(selectors.initiative_list(network=network_for(request, slug)), pk=initiative_id)


@router.post("/networks/{slug}/initiatives/", response={201: InitiativeOut})
def initiative_create(request: HttpRequest, slug: Slug, payload: InitiativeIn):
    network = network_for(request, slug, MEMBER)
    data = payload.dict()
    data["coalition"] = reference(network.coalitions, "coalition", data["coalition"])
    return 201, services.initiative_create(**data)


@router.patch("/networks/{slug}/initiatives/{initiative_id}/", response=InitiativeOut)
def initiative_update(request: HttpRequest, slug: Slug, initiative_id: PathId, payload: InitiativePatch):
    initiative = get_object_or_404(selectors.initiative_list(network=network_for(request, slug, MEMBER)),
                                   pk=initiative_id)
    data = not_null(payload.dict(exclude_unset=True), "name", "description", "status")
    return services.initiative_update(initiative=initiative, **data)


@router.delete("/networks/{slug}/initiatives/{initiative_id}/", response=NO_CONTENT)
def initiative_delete(request: HttpRequest, slug: Slug, initiative_id: PathId):
    initiative = get_object_or_404(selectors.initiative_list(network=network_for(request, slug, MEMBER)),
                                   pk=initiative_id)
    services.initiative_delete(initiative=initiative)
    return 204, None


# Governance units and their members -----------------------------------------------------


@router.get("/networks/{slug}/governance-units/", response=list[GovernanceUnitOut])
@paginate(Pagination)
def governance_unit_list(request: HttpRequest, slug: Slug):
    return selectors.governance_unit_list(network=network_for(request, slug))


@router.get("/networks/{slug}/governance-units/{unit_id}/", response=GovernanceUnitOut)
def governance_unit_read(request: HttpRequest, slug: Slug, unit_id: PathId):
    return get_object_or_404(network_for(request, slug).governance_units, pk=unit_id)


@router.post("/networks/{slug}/governance-units/", response={201: GovernanceUnitOut})
def governance_unit_create(request: HttpRequest, slug: Slug, payload: GovernanceUnitIn):
    return 201, services.governance_unit_create(network=network_for(request, slug, MEMBER), **payload.dict())


@router.patch("/networks/{slug}/governance-units/{unit_id}/", response=GovernanceUnitOut)
def governance_unit_update(request: HttpRequest, slug: Slug, unit_id: PathId, payload: GovernanceUnitPatch):
    unit = get_object_or_404(network_for(request, slug, MEMBER).governance_units, pk=unit_id)
    data = not_null(payload.dict(exclude_unset=True), "kind", "name", "description")
    return services.governance_unit_update(unit=unit, **data)


@router.delete("/networks/{slug}/governance-units/{unit_id}/", response=NO_CONTENT)
def governance_unit_delete(request: HttpRequest, slug: Slug, unit_id: PathId):
    unit = get_object_or_404(network_for(request, slug, MEMBER).governance_units, pk=unit_id)
    services.governance_unit_delete(unit=unit)
    return 204, None


@router.get("/networks/{slug}/unit-memberships/", response=list[UnitMembershipOut])
@paginate(Pagination)
def unit_membership_list(request: HttpRequest, slug: Slug, unit: Id | None = None):
    """Seats in governance units, past ones included; filter by unit id."""
    return _unit_memberships(network_for(request, slug), unit=unit)


@router.get("/networks/{slug}/unit-memberships/{membership_id}/", response=UnitMembershipOut)
def unit_membership_read(request: HttpRequest, slug: Slug, membership_id: PathId):
    return get_object_or_404(_unit_memberships(network_for(request, slug)), pk=membership_id)


@router.post("/networks/{slug}/unit-memberships/", response={201: UnitMembershipOut})
def unit_membership_create(request: HttpRequest, slug: Slug, payload: UnitMembershipIn):
    network = network_for(request, slug, MEMBER)
    data = payload.dict()
    data["unit"] = reference(network.governance_units, "unit", data["unit"])
    data["person"] = reference(network.people, "person", data["person"])
    return 201, services.unit_membership_add(**data)


@router.patch("/networks/{slug}/unit-memberships/{membership_id}/", response=UnitMembershipOut)
def unit_membership_update(request: HttpRequest, slug: Slug, membership_id: PathId,
                           payload: UnitMembershipPatch):
    network = network_for(request, slug, MEMBER)
    membership = get_object_or_404(_unit_memberships(network), pk=membership_id)
    data = not_null(payload.dict(exclude_unset=True), "level", "role_title")
    if "person" in data:
        data["person"] = reference(network.people, "person", data["person"])
    return services.unit_membership_update(membership=membership, **data)


@router.delete("/networks/{slug}/unit-memberships/{membership_id}/", response=NO_CONTENT)
def unit_membership_delete(request: HttpRequest, slug: Slug, membership_id: PathId):
    membership = get_object_or_404(_unit_memberships(network_for(request, slug, MEMBER)), pk=membership_id)
    services.unit_membership_delete(membership=membership)
    return 204, None
