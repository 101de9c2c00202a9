"""Search, filters and sorting of the registry lists, declared once per list.

Like NetBox's filtersets, one declaration serves the page (rendered as its filter form) and the
API list endpoint (the same names as query parameters, see core.api.filter_query): a filter that
works on the page works in the API. Names sort in Dutch alphabetical order through the stored
`sort_name` (core.text.collation_key), so SQL can sort and paginate the same on every database.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import bootstrap
from netwerkregie.core.text import collation_key

from . import selectors
from .models import Coalition, InitiativeStatus, Network, Organisation, OrganisationType, Theme


class Presence(models.TextChoices):
    """Which rows of an archivable list: current ones (the default), archived ones or both."""

    CURRENT = "current", _("current")
    ARCHIVED = "archived", _("archived")
    ALL = "all", _("current and archived")


def _presence_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Show"), required=False, choices=Presence.choices)


class ListFilter(forms.Form):
    """A list's search box, filters and sort order; subclasses say what each one means.

    `sorts` maps a sort key to its label and the ORDER BY; the first one is the default.
    The form is always bound: without parameters it is the unfiltered list in default order.
    """

    sorts: dict[str, tuple[str, tuple[str, ...]]] = {}

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Sort"), required=False)

    def __init__(self, data=None, *, network: Network):
        super().__init__({key: value for key, value in (data or {}).items() if key != "page"})
        self.network = network
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in self.sorts.items()]
        bootstrap(self)

    def base(self) -> QuerySet:
        raise NotImplementedError

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        raise NotImplementedError

    def queryset(self) -> QuerySet:
        """The filtered, sorted rows; a filter with an invalid value is left out (the page
        shows its error next to it)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        order = self.sorts.get(data["sort"] or "", next(iter(self.sorts.values())))[1]
        return self.narrow(self.base(), data).order_by(*order, "pk")

    def strict_queryset(self) -> QuerySet:
        """The rows for the API: an invalid value is a ValidationError naming the parameter,
        except an id that is not in this network, which finds nothing (it may exist elsewhere:
        saying so would leak)."""
        if self.is_valid():
            return self.queryset()
        errors = self.errors.as_data()
        if all(isinstance(self.fields[name], forms.ModelChoiceField)
               and all(error.code == "invalid_choice" for error in field_errors)
               for name, field_errors in errors.items()):
            return self.base().none()
        raise ValidationError({name: [str(e) for e in errors] for name, errors in self.errors.items()})

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sort")


def _search_name(q: str | None) -> Q:
    """Case- and accent-insensitive, like the sorting: "emile" finds "Émile"."""
    return Q(sort_name__contains=collation_key(q)) if q else Q()


def _presence(queryset: QuerySet, presence: str | None) -> QuerySet:
    if presence == Presence.ARCHIVED:
        return queryset.filter(archived_on__isnull=False)
    if presence == Presence.ALL:
        return queryset
    return queryset.filter(archived_on__isnull=True)


class OrganisationFilter(ListFilter):
    sorts = {
        "name": (_("name"), ("sort_name",)),
        "type": (_("type"), ("type__order", "sort_name")),
        "municipality": (_("municipality"), ("municipality__name", "sort_name")),
        "coalitions": (_("most coalitions first"), ("-coalition_count", "sort_name")),
    }

    type = forms.ModelChoiceField(label=_("Type"), required=False, to_field_name="key",
                                  queryset=OrganisationType.objects.all(), empty_label=_("all types"))
    municipality = forms.ModelChoiceField(label=_("Municipality"), required=False, to_field_name="name",
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("all municipalities"))
    status = _presence_field()

    def __init__(self, data=None, *, network: Network):
        super().__init__(data, network=network)
        self.fields["municipality"].queryset = network.municipalities.order_by("name")

    def base(self) -> QuerySet:
        return selectors.organisation_list(network=self.network, include_archived=True)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        if data["type"]:
            queryset = queryset.filter(type=data["type"])
        if data["municipality"]:
            queryset = queryset.filter(municipality=data["municipality"])
        return _presence(queryset.filter(_search_name(data["q"])), data["status"])


class PersonFilter(ListFilter):
    sorts = {
        "name": (_("name"), ("sort_name",)),
        "organisation": (_("organisation"), ("organisation__sort_name", "sort_name")),
        "function": (_("function"), ("function", "sort_name")),
    }

    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("all organisations"))
    status = _presence_field()

    def __init__(self, data=None, *, network: Network):
        super().__init__(data, network=network)
        self.fields["organisation"].queryset = Organisation.objects.filter(network=network).current()

    def base(self) -> QuerySet:
        return selectors.person_list(network=self.network, include_archived=True)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        if data["organisation"]:
            queryset = queryset.filter(organisation=data["organisation"])
        if data["q"]:  # name or function; never the contact details, which not everyone sees
            queryset = queryset.filter(_search_name(data["q"]) | Q(function__icontains=data["q"]))
        return _presence(queryset, data["status"])


class InitiativeFilter(ListFilter):
    sorts = {
        "name": (_("name"), ("sort_name",)),
        "start_date": (_("start date"), ("start_date", "sort_name")),
        "coalition": (_("coalition"), ("coalition__name", "sort_name")),
        "status": (_("status"), ("status", "sort_name")),
    }

    theme = forms.ModelChoiceField(label=_("Theme"), required=False, queryset=Theme.objects.none(),
                                   empty_label=_("all themes"))
    coalition = forms.ModelChoiceField(label=_("Coalition"), required=False,
                                       queryset=Coalition.objects.none(), empty_label=_("all coalitions"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("every status")), *InitiativeStatus.choices])

    def __init__(self, data=None, *, network: Network):
        super().__init__(data, network=network)
        self.fields["theme"].queryset = Theme.objects.filter(network=network).order_by("name")
        self.fields["coalition"].queryset = Coalition.objects.filter(network=network).order_by("name")

    def base(self) -> QuerySet:
        return selectors.initiative_list(network=self.network)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        if data["theme"]:
            queryset = queryset.filter(coalition__theme=data["theme"])
        if data["coalition"]:
            queryset = queryset.filter(coalition=data["coalition"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["q"]:
            queryset = queryset.filter(_search_name(data["q"]) | Q(description__icontains=data["q"]))
        return queryset
