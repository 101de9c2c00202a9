"""Search pickers: a choice among many related objects as a search box instead of every option.

A form field listing a network's organisations or people renders all of them as <option>s or
checkboxes; at a few thousand that is a slow, heavy page. Above `PICKER_THRESHOLD` choices a
field whose model has a registered kind is rendered as a `SearchPicker` instead: the chosen
value(s) plus a search box that asks the network's choices endpoint (`core:choices`, see
core/views.py) through htmx for at most `PICKER_RESULTS` matching names. Validation does not
change: the field's queryset still decides what is accepted, so a forged id of another network
is refused as before.

Core knows no domain model: an app registers its kinds in `AppConfig.ready()` (the registry
registers organisations and people), each with the rows the endpoint may search for a network
and the role that may search them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.text import collation_key

PICKER_THRESHOLD = 200  # more choices than this: a search picker instead of every option
PICKER_RESULTS = 20  # matches one search returns at most


@dataclass(frozen=True)
class PickerKind:
    """One kind of object a picker searches: `key` in the URL, `choices(network)` the rows the
    endpoint searches (only names a member of `role` already sees in the lists), matched on the
    stored collation key `search_field` (case- and accent-insensitive, like the list filters)."""

    key: str
    model: type[models.Model]
    choices: Callable[[models.Model], QuerySet]
    label: Callable[[models.Model], str] = str
    search_field: str = "sort_name"
    role: str = NetworkRole.VIEWER
    related: tuple[str, ...] = ()  # what `label` reads, fetched with the chosen rows


_KINDS: dict[str, PickerKind] = {}


def register(kind: PickerKind) -> None:
    _KINDS[kind.key] = kind


def kind_get(key: str) -> PickerKind | None:
    return _KINDS.get(key)


def kind_for(model: type[models.Model]) -> PickerKind | None:
    return next((kind for kind in _KINDS.values() if kind.model is model), None)


def picker_search(*, kind: PickerKind, network: models.Model, q: str,
                  exclude: list[str] = ()) -> tuple[list[tuple[int, str]], bool]:
    """The first PICKER_RESULTS matches of `q` as (pk, label), leaving out `exclude` (the ids
    already chosen); the flag says whether more matched. An empty query matches nothing."""
    key = collation_key(q or "")
    if not key:
        return [], False
    rows = kind.choices(network).filter(**{f"{kind.search_field}__contains": key})
    chosen = [int(value) for value in exclude if str(value).isdigit()]
    if chosen:
        rows = rows.exclude(pk__in=chosen)
    found = list(rows[:PICKER_RESULTS + 1])
    return [(row.pk, kind.label(row)) for row in found[:PICKER_RESULTS]], len(found) > PICKER_RESULTS


class SearchPicker(forms.Select):
    """The chosen object(s) as ticked boxes plus a search box fetching matches (static/js/picker.js).

    Renders only what is chosen, never the whole queryset; the field validates as always. Works for
    a single choice (radio buttons, with an empty one when the field is optional) and for several
    (checkboxes). Ticked choices stay when the search changes: a picked match moves to the chosen list.
    """

    template_name = "core/widgets/picker.html"

    def __init__(self, *, kind: PickerKind, url: str, multiple: bool, empty_label: str | None = None,
                 attrs=None):
        super().__init__(attrs)
        self.kind = kind
        self.url = url
        self.multiple = multiple
        self.empty_label = empty_label

    @property
    def allow_multiple_selected(self) -> bool:
        return self.multiple

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def use_required_attribute(self, initial) -> bool:
        """Never: `required` on a checkbox demands that box, and Select's check reads the queryset."""
        return False

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False if self.multiple else name not in data

    def _chosen(self, values: list[str]) -> list[tuple[str, str]]:
        values = [value for value in values if value not in ("", None)]
        if not values:
            return []
        iterator = self.choices  # the field's ModelChoiceIterator: its queryset, never iterated whole
        key = iterator.field.to_field_name or "pk"
        try:
            rows = list(iterator.queryset.filter(**{f"{key}__in": values}).select_related(*self.kind.related))
        except (ValueError, TypeError, ValidationError):
            return []
        by_value = {str(getattr(row, key)): row for row in rows}
        return [(value, self.kind.label(by_value[value])) for value in dict.fromkeys(values) if value in by_value]

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        widget["multiple"] = self.multiple
        widget["input_type"] = "checkbox" if self.multiple else "radio"
        widget["chosen"] = self._chosen(widget["value"])
        widget["empty_label"] = None if self.multiple or self.is_required else (self.empty_label or "---------")
        widget["url"] = self.url
        widget["hx_vals"] = json.dumps({"for": name, "multiple": "1" if self.multiple else ""})
        widget["threshold"] = PICKER_THRESHOLD
        return context

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value if v is not None]


def use_pickers(form: forms.BaseForm, network: models.Model) -> None:
    """Give every related-object field of `form` with more than PICKER_THRESHOLD choices a picker.

    Costs one COUNT per field whose model has a registered kind; other fields keep their widget.
    """
    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField) or isinstance(field.widget, SearchPicker):
            continue
        if field.queryset is None or isinstance(field.widget, forms.HiddenInput | forms.MultipleHiddenInput):
            continue
        kind = kind_for(field.queryset.model)
        if kind is None or field.queryset.count() <= PICKER_THRESHOLD:
            continue
        widget = SearchPicker(kind=kind, multiple=isinstance(field, forms.ModelMultipleChoiceField),
                              url=reverse("core:choices", kwargs={"network": network.slug, "kind": kind.key}),
                              empty_label=getattr(field, "empty_label", None))
        widget.choices = field.choices
        widget.is_required = field.required
        widget.attrs.update({name: v for name, v in field.widget.attrs.items() if name != "class"})
        field.widget = widget
