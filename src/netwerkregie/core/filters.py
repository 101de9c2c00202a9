"""Filters of a list, declared once for its page and its API endpoint.

Like NetBox's filtersets, one declaration serves the page (rendered as its filter form) and the
API list endpoint (the same names as query parameters, see core.api.filter_query and
core.api.filtered): a filter that works on the page works in the API, and a value one refuses
the other refuses too. Every app's list filters subclass ListFilter (registry/filters.py,
organising/filters.py).
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import bootstrap


class Presence(models.TextChoices):
    """Which rows of an archivable list: current ones (the default), archived ones or both."""

    CURRENT = "current", _("current")
    ARCHIVED = "archived", _("archived")
    ALL = "all", _("current and archived")


def presence_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Show"), required=False, choices=Presence.choices)


def by_presence(queryset: QuerySet, presence: str | None) -> QuerySet:
    """The rows of an archivable list (`archived_on` set when archived) that `presence` asks for."""
    if presence == Presence.ARCHIVED:
        return queryset.filter(archived_on__isnull=False)
    if presence == Presence.ALL:
        return queryset
    return queryset.filter(archived_on__isnull=True)


class NetworkChoiceField(forms.ChoiceField):
    """A choice among this network's objects by a key of their own (not a model id).

    A value of the right shape that is not among the choices may be another network's object:
    like a ModelChoiceField, the API finds nothing for it instead of saying it does not exist here.
    `pattern` is the shape; a value without it is an ordinary invalid value.
    """

    network_scoped = True

    def __init__(self, *, pattern: str, **kwargs):
        super().__init__(**kwargs)
        self.pattern = pattern

    def validate(self, value) -> None:
        forms.Field.validate(self, value)
        if value and not self.valid_value(value):
            code = "invalid_choice" if re.fullmatch(self.pattern, value) else "invalid"
            raise ValidationError(self.error_messages["invalid_choice"], code=code, params={"value": value})


def _network_scoped(field: forms.Field) -> bool:
    return isinstance(field, forms.ModelChoiceField) or getattr(field, "network_scoped", False)


class ListFilter(forms.Form):
    """A list's filters; subclasses declare the fields and say what each one means.

    `base` is every row the reader may see, `narrow` applies the cleaned values, `order` is the
    ORDER BY (pk breaks ties). The form is always bound: without parameters it is the unfiltered
    list in its default order. `user` is the reader, for filters about them ("mine").
    """

    order: tuple[str, ...] = ()

    def __init__(self, data=None, *, network: models.Model, user: AbstractBaseUser | None = None):
        super().__init__({key: value for key, value in (data or {}).items() if key in self.base_fields})
        self.network = network
        self.user = user
        bootstrap(self)

    def base(self) -> QuerySet:
        raise NotImplementedError

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        raise NotImplementedError

    def ordering(self, data: dict) -> tuple[str, ...]:
        return self.order

    def queryset(self) -> QuerySet:
        """The filtered, sorted rows; a filter with an invalid value is left out (the page
        shows its error next to it)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return self.narrow(self.base(), data).order_by(*self.ordering(data), "pk")

    def strict_queryset(self) -> QuerySet:
        """The rows for the API: an invalid value is a ValidationError naming the parameter,
        except a reference to an object not in this network, which finds nothing (it may exist
        elsewhere: saying so would leak)."""
        if self.is_valid():
            return self.queryset()
        errors = self.errors.as_data()
        if all(_network_scoped(self.fields[name]) and all(error.code == "invalid_choice" for error in field_errors)
               for name, field_errors in errors.items()):
            return self.base().none()
        raise ValidationError({name: [str(e) for e in errors] for name, errors in self.errors.items()})

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sort")


class SortedListFilter(ListFilter):
    """A list with a search box and a choice of order.

    `sorts` maps a sort key to its label and the ORDER BY; the first one is the default.
    """

    sorts: dict[str, tuple[str, tuple]] = {}

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Sort"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in self.sorts.items()]

    def ordering(self, data: dict) -> tuple:
        return self.sorts.get(data["sort"] or "", next(iter(self.sorts.values())))[1]
