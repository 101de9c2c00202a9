"""Write helpers shared by the services of every app (HackSoft style)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import WorkerHeartbeat


def check_period(start: datetime.date | None, end: datetime.date | None) -> None:
    """Roles, participations and relations keep history: an end before the start is a typo."""
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date lies before the start date.")})


def validated_save(instance: models.Model) -> models.Model:
    """Run every model validation (fields, uniqueness, constraints), then save."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise _keyed_by_field(instance, error) from None
    instance.save()
    return instance


def _keyed_by_field(instance: models.Model, error: ValidationError) -> ValidationError:
    """Report a uniqueness clash such as (network, name) under `name`, the field the user can change.

    Django files multi-field unique constraints under the whole object; forms and API clients
    need the field. Only constraints with exactly one non-relational field are moved.
    """
    if not hasattr(error, "error_dict"):
        return error
    errors = dict(error.error_dict)
    kept = []
    for item in errors.pop(NON_FIELD_ERRORS, []):
        fields = (item.params or {}).get("unique_check", ()) if item.code == "unique_together" else ()
        plain = [name for name in fields if not instance._meta.get_field(name).is_relation]
        if len(plain) == 1:
            errors.setdefault(plain[0], []).append(item)
        else:
            kept.append(item)
    if kept:
        errors[NON_FIELD_ERRORS] = kept
    return ValidationError(errors)


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


def refuse_when_used(used: dict[str, list[str] | int]) -> None:
    """Deleting never silently destroys history: refuse while anything depends on the object, naming it.

    `used` maps a kind ("Goals") to the names of its dependants, or to their number when there are many.
    """
    found = []
    for kind, dependants in used.items():
        if isinstance(dependants, int):
            if dependants:
                found.append(f"{kind}: {dependants}")
        elif dependants:
            shown = ", ".join(dependants[:10]) + (", …" if len(dependants) > 10 else "")
            found.append(f"{kind}: {shown}")
    if found:
        raise ValidationError(found)


def worker_heartbeat_record(*, worker_id: str, host: str, pid: int) -> None:
    """One beat of a background worker; beats of workers gone for a day are dropped."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"host": host, "pid": pid, "seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - datetime.timedelta(days=1)).delete()
