"""Registry endpoints under /api/v1: thin wrappers around selectors and services."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from . import selectors, services
from .models import Network, NetworkRole, Organisation, OrganisationType

router = Router(tags=["registry"])


class NetworkOut(Schema):
    name: str
    slug: str
    region_description: str
    societal_task: str


class OrganisationOut(Schema):
    id: int
    name: str
    type: str
    municipality: str | None
    website: str
    notes: str

    @staticmethod
    def resolve_type(obj: Organisation) -> str:
        return obj.type.key

    @staticmethod
    def resolve_municipality(obj: Organisation) -> str | None:
        return obj.municipality.name if obj.municipality else None


class OrganisationIn(Schema):
    name: str
    type: str
    municipality: str | None = None
    website: str = ""
    notes: str = ""


class OrganisationPatch(Schema):
    name: str | None = None
    type: str | None = None
    municipality: str | None = None
    website: str | None = None
    notes: str | None = None


def _network(request: HttpRequest, slug: str, minimum_role: str = NetworkRole.VIEWER) -> Network:
    membership = selectors.membership_get(user=request.user, slug=slug)
    if not membership.has_role(minimum_role):
        raise HttpError(403, "Your role in this network does not allow this.")
    return membership.network


def _references(network: Network, data: dict) -> dict:
    """Turn the type key and municipality name of a payload into objects; 422 naming the field."""
    from django.core.exceptions import ValidationError

    if data.get("type") is not None:
        organisation_type = OrganisationType.objects.filter(key=data["type"]).first()
        if organisation_type is None:
            raise ValidationError({"type": f"Unknown organisation type {data['type']!r}."})
        data["type"] = organisation_type
    if data.get("municipality") is not None:
        municipality = network.municipalities.filter(name=data["municipality"]).first()
        if municipality is None:
            raise ValidationError({"municipality": f"{data['municipality']!r} is not a municipality of this network."})
        data["municipality"] = municipality
    return data


@router.get("/networks/", response=list[NetworkOut])
def network_list(request: HttpRequest):
    return selectors.network_list_for_user(user=request.user)


@router.get("/networks/{slug}/", response=NetworkOut)
def network_read(request: HttpRequest, slug: str):
    return _network(request, slug)


@router.get("/networks/{slug}/organisations/", response=list[OrganisationOut])
@paginate(LimitOffsetPagination)
def organisation_list(request: HttpRequest, slug: str, type: str | None = None, municipality: str | None = None,
                      q: str | None = None):
    return selectors.organisation_list(network=_network(request, slug), type_key=type,
                                       municipality=municipality, q=q)


@router.get("/networks/{slug}/organisations/{organisation_id}/", response=OrganisationOut)
def organisation_read(request: HttpRequest, slug: str, organisation_id: int):
    return get_object_or_404(Organisation.objects.select_related("type", "municipality"),
                             network=_network(request, slug), pk=organisation_id)


@router.post("/networks/{slug}/organisations/", response={201: OrganisationOut})
def organisation_create(request: HttpRequest, slug: str, payload: OrganisationIn):
    network = _network(request, slug, NetworkRole.MEMBER)
    return 201, services.organisation_create(network=network, **_references(network, payload.dict()))


@router.patch("/networks/{slug}/organisations/{organisation_id}/", response=OrganisationOut)
def organisation_update(request: HttpRequest, slug: str, organisation_id: int, payload: OrganisationPatch):
    network = _network(request, slug, NetworkRole.MEMBER)
    organisation = get_object_or_404(Organisation, network=network, pk=organisation_id)
    data = _references(network, payload.dict(exclude_unset=True))
    return services.organisation_update(organisation=organisation, **data)


@router.delete("/networks/{slug}/organisations/{organisation_id}/", response={204: None})
def organisation_delete(request: HttpRequest, slug: str, organisation_id: int):
    network = _network(request, slug, NetworkRole.MEMBER)
    services.organisation_delete(organisation=get_object_or_404(Organisation, network=network, pk=organisation_id))
    return 204, None
