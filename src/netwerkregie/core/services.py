"""Write helpers shared by the services of every app (HackSoft style)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def validated_save(instance: models.Model) -> models.Model:
    """Run every model validation (fields, uniqueness, constraints), then save."""
    instance.full_clean()
    instance.save()
    return instance


def model_update(*, instance: models.Model, fields: list[str], data: dict[str, Any]) -> models.Model:
    """Set the given fields from `data` (absent keys are left alone), validate and save."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    for name, value in data.items():
        setattr(instance, name, value)
    return validated_save(instance)


def ensure_in_network(network: models.Model, **related: models.Model | None) -> None:
    """Refuse links to objects of another network: isolation is a rule, not a view filter."""
    errors = {}
    for field, obj in related.items():
        if obj is None:
            continue
        owner_id = getattr(obj, "network_id", None)
        if owner_id is None and hasattr(obj, "coalition"):
            owner_id = obj.coalition.network_id
        if owner_id != network.pk:
            errors[field] = _("%(object)s does not belong to this network.") % {"object": obj}
    if errors:
        raise ValidationError(errors)
