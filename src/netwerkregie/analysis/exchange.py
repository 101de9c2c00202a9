"""JSON export and import of the relations entered by hand, with organisations by name.

Part of the full-fidelity network export (reports/exchange.py): an export imported into an
empty network with the same organisations exports again identically.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netwerkregie.core.exchange import iso, parse_date
from netwerkregie.registry.models import Network, Organisation

from . import services
from .models import Relation


def relations_export(*, network: Network) -> list[dict[str, Any]]:
    """Every relation entered by hand, current and past, in a stable order."""
    rows = (Relation.objects.filter(network=network).select_related("source", "target")
            .order_by("source__name", "target__name", "kind", "start_date", "end_date", "pk"))
    return [{"source": r.source.name, "target": r.target.name, "kind": r.kind, "description": r.description,
             "start_date": iso(r.start_date), "end_date": iso(r.end_date)} for r in rows]


def _parse_date(row: dict, field: str) -> datetime.date | None:
    value = row.get(field)
    try:
        return parse_date(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}}) from None


def relations_import(*, network: Network, rows: list[dict[str, Any]],
                     organisations: dict[str, Organisation]) -> list[Relation]:
    """Create the relations of an export; all or none, every bad row reported at once.

    `organisations` maps names to the network's organisations (the importer has just made them).
    Errors are keyed "relations[<row number>].<field>", counting from 1.
    """
    errors: dict[str, list[str]] = {}
    created = []
    with transaction.atomic():
        for number, row in enumerate(rows, start=1):
            try:
                ends = {}
                for end in ("source", "target"):
                    name = row.get(end)
                    if name not in organisations:
                        raise ValidationError({end: _("There is no organisation named “%(name)s”.")
                                               % {"name": name}})
                    ends[end] = organisations[name]
                created.append(services.relation_create(
                    network=network, kind=row.get("kind", ""), description=row.get("description") or "",
                    start_date=_parse_date(row, "start_date"), end_date=_parse_date(row, "end_date"), **ends))
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(f"relations[{number}].{field}", []).extend(messages)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError(errors)
    return created
