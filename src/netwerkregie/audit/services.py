"""The one write of the audit log; call sites stay one line: `audit.record(...)`."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone

from .models import AuditAction, AuditEvent

__all__ = ["AuditAction", "record"]


def record(*, action: str, actor: AbstractBaseUser | AnonymousUser | None, network=None, detail: str = "") -> None:
    """Log one event; events older than AUDIT_RETENTION_DAYS are dropped on the way."""
    user = actor if actor is not None and actor.is_authenticated else None
    AuditEvent.objects.create(network=network, network_name=network.name if network else "", actor=user,
                              actor_name=user.get_username() if user else "", action=action, detail=detail[:500])
    cutoff = timezone.now() - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    AuditEvent.objects.filter(at__lt=cutoff).delete()
