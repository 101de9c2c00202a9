"""Reads for reports and exports. A fixed number of queries, whatever the size of the network."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from netwerkregie.registry.models import (
    CoalitionParticipation,
    GovernanceUnitMembership,
    Network,
    ThemeRole,
)

from .board.sections import Previous
from .models import BoardReport, ReportStatus


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
