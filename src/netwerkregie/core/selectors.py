"""Reads shared by every app that concern the installation itself."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import WorkerHeartbeat

# A worker beats every HEARTBEAT_INTERVAL; three missed beats and it counts as gone.
HEARTBEAT_INTERVAL = datetime.timedelta(seconds=10)
HEARTBEAT_TIMEOUT = 3 * HEARTBEAT_INTERVAL


def worker_running() -> bool:
    """Whether some background worker beat recently enough to pick up a queued task."""
    return WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - HEARTBEAT_TIMEOUT).exists()
