from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditAction, AuditEvent


def network_events(*, network, action: str | None = None) -> QuerySet[AuditEvent]:
    """A network's events, newest first, optionally of one action (unknown actions are ignored);
    the page paginates them."""
    events = AuditEvent.objects.filter(network=network)
    if action in AuditAction.values:
        events = events.filter(action=action)
    return events.order_by("-at", "-pk")
