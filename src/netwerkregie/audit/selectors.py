from __future__ import annotations

from .models import AuditEvent

PAGE_SIZE = 500


def network_events(*, network) -> list[AuditEvent]:
    """The newest events of a network, one query."""
    return list(AuditEvent.objects.filter(network=network)[:PAGE_SIZE])
