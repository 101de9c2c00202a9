"""Who takes part in a body and how it decides by default.

Seed 004: consent in the fundament, consensus in coalitions.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from netwerkregie.registry.models import (
    Coalition,
    DecisionPrinciple,
    GovernanceUnit,
    GovernanceUnitKind,
    Network,
    Organisation,
)

Body = GovernanceUnit | Coalition
# The key of a body in a form or a query parameter: `unit:<id>` or `coalition:<id>` (body_choices).
BODY_KEY = r"(unit|coalition):[0-9]+"


def split_body(body: Body) -> tuple[GovernanceUnit | None, Coalition | None]:
    """(unit, coalition) for the two foreign keys of `models.bodies.BodyMixin`."""
    return (None, body) if isinstance(body, Coalition) else (body, None)


def body_principle(body: Body) -> str:
    """A coalition decides as it agreed (normally consensus); every governance unit by consent."""
    if isinstance(body, Coalition):
        return body.decision_principle
    return DecisionPrinciple.CONSENT


def body_organisations(body: Body, on: datetime.date | None = None) -> QuerySet[Organisation]:
    """The organisations taking part in a body on a day: every organisation for the fundament,
    the current participants of a coalition, the organisations of a unit's current members."""
    on = on or timezone.localdate()
    network: Network = body.network
    if isinstance(body, Coalition):
        ids = body.participations.active(on).values("organisation_id")
    elif body.kind == GovernanceUnitKind.FUNDAMENT:
        return network.organisations.order_by("name")
    else:
        ids = body.memberships.active(on).filter(person__organisation__isnull=False).values("person__organisation_id")
    return network.organisations.filter(pk__in=ids).order_by("name")


def body_choices(*, network: Network) -> list[tuple[str, str]]:
    """Bodies as form choices: `unit:<id>` and `coalition:<id>`."""
    return ([(f"unit:{u.pk}", str(u)) for u in network.governance_units.order_by("kind", "name")]
            + [(f"coalition:{c.pk}", str(c)) for c in network.coalitions.order_by("name")])


def body_from_key(*, network: Network, key: str) -> Body | None:
    """The body a `body_choices` key names in this network, or None."""
    kind, _sep, pk = (key or "").partition(":")
    if not pk.isdigit():
        return None
    manager = {"unit": network.governance_units, "coalition": network.coalitions}.get(kind)
    return manager.filter(pk=pk).first() if manager is not None else None
