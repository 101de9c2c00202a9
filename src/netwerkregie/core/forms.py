"""Form helpers every app's views share: forms validate input, services decide what may be stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import get_format

from netwerkregie.core.pickers import use_pickers
from netwerkregie.core.widgets import DateInput


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to the field it names, else on top."""
    errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)


def save_through_service(form: forms.BaseForm, write: Callable[[dict], Any]) -> Any | None:
    """Validate the form, then write through a service; service errors land on the form.

    Returns what the service returned, or None when the form shows errors.
    """
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as error:
        apply_service_errors(form, error)
        return None


def parse_decimal(text: str) -> str:
    """Turn a number as people type it in the active language into Python's notation.

    In Dutch "0,5" is a half and "25.000" or "25.000,50" use the dot to group thousands; a
    single dot followed by anything but three digits ("0.5") is still read as a decimal point,
    so a number typed the English way is never multiplied by ten. Spaces and a euro sign are
    ignored. The result goes to DecimalField's own parsing, which reports anything else.
    """
    value = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    decimal = get_format("DECIMAL_SEPARATOR")
    grouping = "." if decimal == "," else ","
    if decimal in value:
        whole, _sep, fraction = value.rpartition(decimal)
        return whole.replace(grouping, "") + "." + fraction
    groups = value.lstrip("+-").split(grouping)
    if len(groups) > 1 and groups[0] and all(len(group) == 3 for group in groups[1:]):
        return value.replace(grouping, "")
    return value.replace(",", ".") if decimal == "," else value


class LocalizedDecimalField(forms.DecimalField):
    """A decimal typed and shown in the user's language: "0,5" in Dutch, "0.5" in English.

    Django's own localisation only strips thousands separators when USE_THOUSAND_SEPARATOR is
    on, and then reads "0.5" as 5; this field reads both notations the way a person means them.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(localize=True, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = parse_decimal(value)
        return super().to_python(value)


def localized_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """`formfield_callback` of model forms: decimal model fields get a LocalizedDecimalField."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", LocalizedDecimalField)
    return db_field.formfield(**kwargs)


def bootstrap(form: forms.BaseForm, *, network: models.Model | None = None) -> None:
    """Give every widget its Bootstrap 5 class; with the `network`, a field choosing among more
    than core.pickers.PICKER_THRESHOLD organisations or people becomes a search picker."""
    if network is not None:
        use_pickers(form, network)
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


class NetworkScopedForm(forms.ModelForm):
    """A ModelForm whose related-object choices come from one network.

    `scoped` maps a field name to a function giving that field's queryset for the network. A field
    with more than core.pickers.PICKER_THRESHOLD organisations or people becomes a search picker.
    """

    scoped: dict = {}

    def __init__(self, *args, network: models.Model, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        for name, queryset in self.scoped.items():
            self.fields[name].queryset = _keeping_current_value(queryset(network), self.instance, name)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field, forms.DecimalField):  # typed the Dutch way: "0,5"
                self.fields[name] = localized_formfield(self._meta.model._meta.get_field(name))
        bootstrap(self, network=network)


def _keeping_current_value(queryset, instance, name: str):
    """The choices plus the object the instance already points at, even if archived since:
    editing an old participation must not fail because its organisation left."""
    current = getattr(instance, f"{name}_id", None)
    if current is None:
        return queryset
    return queryset | queryset.model.objects.filter(pk=current)
