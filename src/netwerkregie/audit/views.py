from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view

from . import selectors


@network_view(NetworkRole.ADMIN)
def audit_log(request: HttpRequest, network: models.Model) -> HttpResponse:
    """Admins only: who exported what, viewed raw answers, changed roles or invited someone."""
    return render(request, "audit/audit_log.html", {
        "events": selectors.network_events(network=network), "page_size": selectors.PAGE_SIZE,
        "retention_days": settings.AUDIT_RETENTION_DAYS})
