"""Search, filters and sorting of the registry lists, declared once per list (see core.filters).

Names sort in Dutch alphabetical order through the stored `sort_name` (core.text.collation_key),
so SQL can sort and paginate the same on every database.
"""

from __future__ import annotations

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.filters import SortedListFilter, by_presence, presence_field
from netwerkregie.core.text import collation_key

from . import selectors
from .models import Coalition, InitiativeStatus, Organisation, OrganisationType, Theme


def _search_name(q: str | None) -> Q:
    """Case- and accent-insensitive, like the sorting: "emile" finds "Émile"."""
    return Q(sort_name__contains=collation_key(q)) if q else Q()


class OrganisationFilter(SortedListFilter):
    sorts = {
        "name": (_("name"), ("sort_name",)),
        "type": (_("type"), ("type__order", "sort_name")),
        "municipality": (_("municipality"), (F("municipality__name").asc(nulls_last=True), "sort_name")),
        "coalitions": (_("most coalitions first"), ("-coalition_count", "sort_name")),
    }

    type = forms.ModelChoiceField(label=_("Type"), required=False, to_field_name="key",
                                  queryset=OrganisationType.objects.all(), empty_label=_("all types"))
    municipality = forms.ModelChoiceField(label=_("Municipality"), required=False, to_field_name="name",
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("all municipalities"))
    status = presence_field()

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["municipality"].queryset = self.network.municipalities.order_by("name")

    def base(self) -> QuerySet:
        return selectors.organisation_list(network=self.network, include_archived=True)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        if data["type"]:
            queryset = queryset.filter(type=data["type"])
        if data["municipality"]:
            queryset = queryset.filter(municipality=data["municipality"])
        return by_presence(queryset.filter(_search_name(data["q"])), data["status"])


class PersonFilter(SortedListFilter):
    sorts = {
        "name": (_("name"), ("sort_name",)),
        "organisation": (_("organisation"), ("organisation__sort_name", "sort_name")),
        "function": (_("function"), ("function", "sort_name")),
    }

    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("all organisations"))
    status = presence_field()

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(network=self.network).current()

    def base(self) -> QuerySet:
        return selectors.person_list(network=self.network, include_archived=True)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        if data["organisation"]:
            queryset = queryset.filter(organisation=data["organisation"])
        if data["q"]:  # name or function; never the contact details, which not everyone sees
            queryset = queryset.filter(_search_name(data["q"]) | Q(function__icontains=data["q"]))
        return by_presence(queryset, data["status"])


class InitiativeFilter(SortedListFilter):
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

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(network=self.network).order_by("name")
        self.fields["coalition"].queryset = Coalition.objects.filter(network=self.network).order_by("name")

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
