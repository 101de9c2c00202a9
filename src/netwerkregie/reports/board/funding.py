"""Money: funding streams, applications and allocations in the period, the financiers' responses.

Budgets, committed and available amounts are the funding app's (`stream_views`), as is the
share of the network's advice that financiers adopted (`advice_adoption`). Only published
calls count (drafts are for coordinators); assessors' scores are not part of the report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.funding.models import ResponseKind
from netwerkregie.funding.selectors import advice_adoption, allocation_list, application_list, call_list, stream_views
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table


@dataclass(frozen=True)
class StreamLine:
    key: str
    name: str
    kind: str
    financiers: str
    budget: Decimal
    requested: Decimal
    committed: Decimal
    available: Decimal


@dataclass(frozen=True)
class ApplicationLine:
    title: str
    coalition: str
    call: str
    submitted_on: datetime.date
    requested: Decimal


@dataclass(frozen=True)
class ResponseLine:
    financier: str
    response: str
    adopted: bool
    amount: Decimal | None
    responded_on: datetime.date
    reason: str


@dataclass(frozen=True)
class AllocationLine:
    application: str
    coalition: str
    stream: str
    amount: Decimal
    decided_on: datetime.date
    responses: list[ResponseLine]


@dataclass(frozen=True)
class Funding:
    streams: list[StreamLine]
    applications: list[ApplicationLine]
    allocations: list[AllocationLine]
    responses: int  # financier responses given in the period
    adopted: int  # of which adopted the network's advice

    @property
    def adopted_share(self) -> float | None:
        """The share as a fraction; None without any response in the period."""
        return self.adopted / self.responses if self.responses else None

    @property
    def adopted_percentage(self) -> float | None:
        return round(100 * self.adopted_share, 1) if self.adopted_share is not None else None

    def figures(self) -> list[Figure]:
        figures = [
            Figure("funding.budget", _("Budget of the funding streams (€)"), sum(s.budget for s in self.streams)),
            Figure("funding.committed", _("Committed (€)"), sum(s.committed for s in self.streams)),
            Figure("funding.available", _("Available (€)"), sum(s.available for s in self.streams)),
            Figure("funding.applications", _("Applications in the period"), len(self.applications)),
            Figure("funding.requested", _("Requested in the period (€)"),
                   sum((a.requested for a in self.applications), Decimal(0))),
            Figure("funding.allocations", _("Allocations in the period"), len(self.allocations)),
            Figure("funding.allocated", _("Allocated in the period (€)"),
                   sum((a.amount for a in self.allocations), Decimal(0))),
            Figure("funding.responses", _("Financiers' responses in the period"), self.responses),
            Figure("funding.advice_adopted", _("Share of the network's advice adopted (%)"), self.adopted_percentage),
        ]
        return figures + [Figure(f"funding.stream.{s.key}.available", _("%(stream)s: available (€)")
                                 % {"stream": s.name}, s.available) for s in self.streams]

    def tables(self) -> list[Table]:
        return [
            Table("funding_streams", _("Funding streams"),
                  [_("Stream"), _("Kind"), _("Financiers"), _("Budget (€)"), _("Requested (€)"), _("Committed (€)"),
                   _("Available (€)")],
                  [[s.name, s.kind, s.financiers, s.budget, s.requested, s.committed, s.available]
                   for s in self.streams]),
            Table("funding_applications", _("Applications in the period"),
                  [_("Application"), _("Coalition"), _("Call"), _("Submitted on"), _("Requested (€)")],
                  [[a.title, a.coalition, a.call, a.submitted_on, a.requested] for a in self.applications]),
            Table("funding_allocations", _("Allocations in the period"),
                  [_("Application"), _("Coalition"), _("Stream"), _("Allocated (€)"), _("Decided on")],
                  [[a.application, a.coalition, a.stream, a.amount, a.decided_on] for a in self.allocations]),
            Table("funding_responses", _("Financiers' responses to the allocations"),
                  [_("Application"), _("Financier"), _("Response"), _("Granted (€)"), _("Responded on"), _("Why")],
                  [[a.application, r.financier, r.response, r.amount, r.responded_on, r.reason]
                   for a in self.allocations for r in a.responses]),
        ]


def build(*, network: Network, period: Period, language: str) -> Funding:
    streams = [StreamLine(str(v.stream.pk), v.stream.name, v.stream.get_kind_display(),
                          ", ".join(sorted(f.name for f in v.stream.financiers.all())), v.stream.budget, v.requested,
                          v.committed, v.available) for v in stream_views(network=network)]
    applications = [ApplicationLine(a.title, a.coalition.name, a.call.name, a.submitted_on, a.requested_amount)
                    for a in application_list(calls=call_list(network=network, include_drafts=False))
                    .filter(submitted_on__gte=period.start, submitted_on__lte=period.end)
                    .select_related("coalition").order_by("submitted_on", "title")]
    allocations = [
        AllocationLine(a.application.title, a.application.coalition.name, a.application.call.stream.name, a.amount,
                       a.decided_on, [ResponseLine(r.financier.name, r.get_response_display(),
                                                   r.response == ResponseKind.ADOPTED, r.amount, r.responded_on,
                                                   r.reason) for r in a.responses.all()])
        for a in allocation_list(network=network).filter(decided_on__gte=period.start, decided_on__lte=period.end)
        .order_by("decided_on", "pk")]
    years = advice_adoption(network=network, start=period.start, end=period.end)
    return Funding(streams, applications, allocations, responses=sum(y.responses for y in years),
                   adopted=sum(y.adopted for y in years))


SECTION = Section("funding", gettext_lazy("Funding: streams, allocations and the financiers' responses"), build)
