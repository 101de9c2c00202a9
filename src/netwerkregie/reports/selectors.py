"""Reads for reports and exports. A fixed number of queries, whatever the size of the network."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from netwerkregie.assessments.access import ExportScope, survey_access
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import (
    CoalitionParticipation,
    GovernanceUnitMembership,
    Network,
    NetworkMembership,
    ThemeRole,
)
from netwerkregie.registry.selectors import sees_contact_details

from .board.sections import Previous
from .models import BoardReport, PreparedDownload, ReportStatus


def registry_sheet_rows(*, network: Network, contact_details: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The registry in the spreadsheet layout (reports/layout.py): references by name, choices by key.

    Without `contact_details` (registry.selectors.sees_contact_details said no) people's e-mail
    and phone columns stay empty.
    """
    return {
        "organisations": [
            {"name": o.name, "type": o.type.key, "municipality": o.municipality.name if o.municipality else "",
             "website": o.website, "notes": o.notes}
            for o in network.organisations.select_related("type", "municipality").order_by("name")],
        "people": [
            {"name": p.name, "organisation": p.organisation.name if p.organisation else "",
             "function": p.function, "email": p.email if contact_details else "",
             "phone": p.phone if contact_details else ""}
            for p in network.people.select_related("organisation").order_by("name", "pk")],
        "themes": [{"name": t.name, "description": t.description, "challenge": t.challenge}
                   for t in network.themes.order_by("name")],
        "coalitions": [
            {"name": c.name, "theme": c.theme.name, "sub_task": c.sub_task, "form": c.form, "status": c.status,
             "decision_principle": c.decision_principle}
            for c in network.coalitions.select_related("theme").order_by("name")],
        "participations": [
            {"coalition": p.coalition.name, "organisation": p.organisation.name,
             "contribution_people": p.contribution_people, "contribution_money": p.contribution_money,
             "contribution_knowledge": p.contribution_knowledge, "start_date": p.start_date, "end_date": p.end_date}
            for p in CoalitionParticipation.objects.filter(coalition__network=network)
            .select_related("coalition", "organisation")
            .order_by("coalition__name", "organisation__name", "start_date", "pk")],
        "roles": [
            {"theme": r.theme.name, "person": r.person.name, "kind": r.kind, "start_date": r.start_date,
             "end_date": r.end_date}
            for r in ThemeRole.objects.filter(theme__network=network).select_related("theme", "person")
            .order_by("theme__name", "kind", "person__name", "start_date", "pk")],
        "units": [{"name": u.name, "kind": u.kind, "description": u.description}
                  for u in network.governance_units.order_by("name")],
        "unit_members": [
            {"unit": m.unit.name, "person": m.person.name, "level": m.level, "role_title": m.role_title,
             "start_date": m.start_date, "end_date": m.end_date}
            for m in GovernanceUnitMembership.objects.filter(unit__network=network).select_related("unit", "person")
            .order_by("unit__name", "person__name", "start_date", "pk")],
    }


# Board reports -----------------------------------------------------------------------------


def board_report_list(*, network: Network) -> QuerySet[BoardReport]:
    """The network's saved reports, newest first, without their (large) files."""
    return (BoardReport.objects.filter(network=network).select_related("created_by")
            .defer("html", "pdf", "xlsx", "figures").order_by("-created_at", "-pk"))


def board_report_get(*, network: Network, pk: int) -> BoardReport:
    """A report of this network; another network's report is a 404 like a missing one."""
    return get_object_or_404(BoardReport.objects.select_related("network", "created_by"), network=network, pk=pk)


def previous_board_report(*, report: BoardReport | None = None, network: Network | None = None) -> Previous | None:
    """The newest ready report before `report` (or, without one, the newest of `network`), as compared with."""
    reports = BoardReport.objects.filter(status=ReportStatus.READY)
    if report is not None:
        reports = reports.filter(network_id=report.network_id, created_at__lt=report.created_at)
    else:
        reports = reports.filter(network=network)
    previous = reports.only("period_start", "period_end", "created_at", "figures").order_by("-created_at").first()
    if previous is None:
        return None
    return Previous(previous.period.label, previous.created_at, previous.figures)


# Prepared downloads ------------------------------------------------------------------------


def download_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Downloads requested before this moment have expired (settings.PREPARED_DOWNLOAD_HOURS)."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.PREPARED_DOWNLOAD_HOURS)


def _scopes_of(membership: NetworkMembership) -> list[str]:
    """The export scopes this membership's role gives now (an admin waiting for a second factor: not the full one)."""
    if survey_access(membership).raw_answers:
        return [ExportScope.FULL, ExportScope.WITHOUT_RESPONSES]
    return [ExportScope.WITHOUT_RESPONSES]


def may_fetch(*, download: PreparedDownload, membership: NetworkMembership) -> bool:
    """The one rule of a prepared download: a member whose role *now* gives at least what the file holds.

    The file's scope and contact details were fixed from the requester's role at request time; the
    requester too loses the file when their role no longer gives that (an admin made member).
    Raw answers hold the full scope: admins only, after their second factor where it is required.
    """
    if not membership.has_role(NetworkRole.MEMBER) or download.network_id != membership.network_id:
        return False
    if download.contact_details and not sees_contact_details(membership=membership):
        return False
    return download.scope in _scopes_of(membership)


def prepared_download_list(*, network: Network, membership: NetworkMembership) -> QuerySet[PreparedDownload]:
    """The network's unexpired prepared downloads this member may fetch (may_fetch), newest first."""
    if not membership.has_role(NetworkRole.MEMBER):
        return PreparedDownload.objects.none()
    downloads = PreparedDownload.objects.filter(network=network, created_at__gte=download_cutoff(),
                                                scope__in=_scopes_of(membership))
    if not sees_contact_details(membership=membership):
        downloads = downloads.filter(contact_details=False)
    return downloads.select_related("requested_by", "survey_round").order_by("-created_at", "-pk")


def prepared_download_get(*, network: Network, pk: int) -> PreparedDownload:
    """A prepared download of this network; another network's (or an expired, deleted one) is a 404."""
    return get_object_or_404(PreparedDownload.objects.select_related("network", "requested_by", "survey_round"),
                             network=network, pk=pk)


def download_expired(*, download: PreparedDownload, now: datetime.datetime | None = None) -> bool:
    return download.created_at < download_cutoff(now=now)
