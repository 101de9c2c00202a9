"""Helpers every app's API router shares: network access, references by id, pagination, types.

Endpoints stay thin: resolve the network (404 for non-members, 403 for a too low role), turn
ids in the body into objects of that network (422 naming the field otherwise), call a service.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, TypeVar, get_args

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, create_model
from pydantic.fields import FieldInfo

from netwerkregie.core.access import request_membership
from netwerkregie.core.filters import ListFilter
from netwerkregie.core.roles import NetworkRole

ModelT = TypeVar("ModelT", bound=models.Model)

# Database ids: bounded so an absurd number is a 422, never an integer overflow in the database.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A network slug in a path; anything else cannot name a network.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL characters; refuse them before they reach the database.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed.")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=` answering `{"count": ..., "items": [...]}`, with bounded numbers."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=MAX_ID)


def network_for(request: HttpRequest, slug: str, minimum_role: str = NetworkRole.VIEWER) -> models.Model:
    """The network `slug` (see core.access) for a member with at least `minimum_role`: else 404 (non-member) or 403.

    In a network whose admins must use two-factor authentication, an admin's token acts with a
    coordinator's rights: a token cannot confirm a second factor (core.access).
    """
    membership = request_membership(request, slug)
    if not membership.has_role(minimum_role):
        if membership.second_factor_missing:
            raise HttpError(403, _("This network requires its admins to confirm each session with two-factor "
                                   "authentication, which an API token cannot do. Do this on the website."))
        raise HttpError(403, _("Your role in this network does not allow this."))
    request.membership = membership
    return membership.network


def reference(queryset: models.QuerySet[ModelT], field: str, pk: int | None, *,
              required: bool = True) -> ModelT | None:
    """The object `pk` of a network-scoped queryset named by the body field `field`.

    An id of another network is reported exactly like an unknown id, so nothing leaks.
    """
    if pk is None:
        if required:
            raise ValidationError({field: _("This field cannot be empty.")})
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: _("There is no %(name)s with id %(id)s in this network.")
                               % {"name": queryset.model._meta.verbose_name, "id": pk}})
    return obj


def references(queryset: models.QuerySet[ModelT], field: str, pks: list[int]) -> list[ModelT]:
    """Several objects by id (see `reference`), in the order given."""
    found = queryset.in_bulk(set(pks))
    missing = [pk for pk in pks if pk not in found]
    if missing:
        raise ValidationError({field: _("There is no %(name)s with id %(id)s in this network.")
                               % {"name": queryset.model._meta.verbose_name,
                                  "id": ", ".join(map(str, missing))}})
    return [found[pk] for pk in pks]


def not_null(data: dict[str, Any], *fields: str) -> dict[str, Any]:
    """Refuse an explicit null in a partial update for fields that must have a value."""
    errors = {name: _("This field cannot be empty.") for name in fields
              if name in data and data[name] is None}
    if errors:
        raise ValidationError(errors)
    return data


def partial(schema: type[Schema], *, exclude: tuple[str, ...] = ()) -> type[Schema]:
    """The PATCH body of a create schema: every field optional, checked the same way when sent."""
    fields = {name: (_checked(info) | None, Field(None, description=info.description))
              for name, info in schema.model_fields.items() if name not in exclude}
    patch = create_model(f"{schema.__name__.removesuffix('In')}Patch", __base__=Schema, **fields)
    patch.__non_nullable__ = tuple(name for name, info in schema.model_fields.items()
                                   if name not in exclude and types.NoneType not in get_args(info.annotation))
    return patch


def _checked(info: FieldInfo) -> Any:
    """A field's type with its checks (length, bounds, validators) attached, so None can bypass them."""
    return Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def patch_data(payload: Schema) -> dict[str, Any]:
    """What a PATCH sent; an explicit null is refused where the create schema needs a value."""
    return not_null(payload.dict(exclude_unset=True), *payload.__non_nullable__)


def filter_query(form_class: type[forms.Form]) -> type[Schema]:
    """The query parameters of an API list endpoint, taken from the page's filter form.

    Every form field becomes an optional text parameter with the form's label as description;
    the form itself validates them, so page and API accept and refuse the same values.
    """
    fields = {name: (Text | None, Field(None, description=str(field.label)))
              for name, field in form_class.base_fields.items()}
    return create_model(f"{form_class.__name__}Query", __base__=Schema, **fields)


def filtered(request: HttpRequest, slug: str, filter_class: type[ListFilter], filters: Schema) -> models.QuerySet:
    """A list endpoint's rows through the same filter declaration as its page (core.filters)."""
    network = network_for(request, slug)
    return filter_class(filters.dict(exclude_none=True), network=network, user=request.user).strict_queryset()


# Path parameters: a slug that can name a network and a positive, bounded database id.
Slug = Annotated[str, Path(pattern=SLUG_PATTERN)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
