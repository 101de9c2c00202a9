"""Form helpers every app's views share: forms validate input, services decide what may be stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


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
