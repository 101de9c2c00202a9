from __future__ import annotations

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netwerkregie.core.pagination import page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view

from . import selectors
from .models import AuditAction


@network_view(NetworkRole.ADMIN)
def audit_log(request: HttpRequest, network: models.Model) -> HttpResponse:
    """Admins only: who exported what, viewed raw answers, changed roles or invited someone.

    Newest first, paginated; `?action=` keeps one kind of event (the filter stays in the URL).
    """
    action = request.GET.get("action", "")
    return render(request, "audit/audit_log.html", {
        "page": page_of(request, selectors.network_events(network=network, action=action)),
        "action": action, "actions": AuditAction.choices, "retention_days": settings.AUDIT_RETENTION_DAYS})
