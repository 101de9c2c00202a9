"""Funding in the network's JSON export (section `funding`, docs/json-format.md).

Streams are referred to by name, calls by stream, name and version, applications by call and
title, assessors by the exported person reference (an erased person's assessor by its number
and former organisation), organisations by name. The users who sign in
for assessors are not exported (users are not part of a network's data); scores and submission
moments are, so the published result imports unchanged.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from netwerkregie.core.exchange import iso, parse_date, parse_decimal_text
from netwerkregie.monitoring.models import Goal
from netwerkregie.registry.models import Coalition, Network, Organisation, Person

from . import services
from .models import Application, Arena, ArenaEntry, Assessor, Call, FinancierResponse

CALL_FIELDS = ["description", "status", "scale_max", "agreed_by", "check_min_partners", "check_no_market_share",
               "check_whole_chain", "check_level_playing_field", "check_criteria_with_members"]
CALL_DATES = ["opens_on", "closes_on", "criteria_agreed_on"]


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _call_key(call: Call) -> str:
    return f"{call.stream.name}/{call.name}/{call.version}"


def funding_export(*, network: Network, person_ref: dict[int, str]) -> dict[str, Any]:
    calls = list(Call.objects.filter(stream__network=network).select_related("stream", "previous")
                 .prefetch_related("criteria").order_by("stream__name", "name", "version"))
    responses = FinancierResponse.objects.select_related("financier").order_by("financier__name")
    applications = (Application.objects.filter(call__stream__network=network)
                    .select_related("call__stream", "coalition", "initiative", "allocation")
                    .prefetch_related("partners__organisation", "goals", Prefetch("allocation__responses", responses))
                    .order_by("call__stream__name", "call__name", "call__version", "title"))
    entries = ArenaEntry.objects.select_related("organisation").order_by("stakeholder", "approach")
    assessors = (Assessor.objects.filter(call__stream__network=network)
                 .select_related("call__stream", "erased_organisation")
                 .prefetch_related("scores__application", "scores__criterion", "conflicts__application")
                 .order_by("call__stream__name", "call__name", "call__version", "pk"))  # assignment order
    return {
        "streams": [{"name": s.name, "kind": s.kind, "scope": s.scope, "budget": _money(s.budget),
                     "start_date": iso(s.start_date), "end_date": iso(s.end_date),
                     "financiers": sorted(o.name for o in s.financiers.all())}
                    for s in network.funding_streams.prefetch_related("financiers").order_by("name")],
        "calls": [{"stream": c.stream.name, "name": c.name, "version": c.version,
                   "previous": _call_key(c.previous) if c.previous else None,
                   **{name: getattr(c, name) for name in CALL_FIELDS},
                   **{name: iso(getattr(c, name)) for name in CALL_DATES},
                   "criteria": [{"name": k.name, "description": k.description, "weight": str(k.weight),
                                 "order": k.order} for k in c.criteria.all()]} for c in calls],
        "applications": [{"call": _call_key(a.call), "title": a.title, "coalition": a.coalition.name,
                          "initiative": a.initiative.name if a.initiative else None, "summary": a.summary,
                          "requested_amount": _money(a.requested_amount), "submitted_on": iso(a.submitted_on),
                          "withdrawn_on": iso(a.withdrawn_on),
                          "partners": [{"organisation": p.organisation.name,
                                        "own_contribution": _money(p.own_contribution)} for p in a.partners.all()],
                          "goals": sorted(g.name for g in a.goals.all()),
                          "allocation": _allocation(a)} for a in applications],
        "assessors": [{"call": _call_key(a.call), "person": person_ref[a.person_id] if a.person_id else None,
                       "erased_number": a.erased_number,
                       "erased_organisation": a.erased_organisation.name if a.erased_organisation else None,
                       "submitted_at": iso(a.submitted_at),
                       "conflicts": sorted(({"application": c.application.title, "reason": c.reason}
                                            for c in a.conflicts.all()), key=lambda c: c["application"]),
                       "scores": sorted(({"application": s.application.title, "criterion": s.criterion.name,
                                          "score": s.score, "reason": s.reason} for s in a.scores.all()),
                                        key=lambda s: (s["application"], s["criterion"]))} for a in assessors],
        "arenas": [{"coalition": a.initiative.coalition.name, "initiative": a.initiative.name,
                    "description": a.description,
                    "quality_of_life_classic": _money(a.quality_of_life_classic),
                    "quality_of_life_integrated": _money(a.quality_of_life_integrated),
                    "entries": [{"stakeholder": e.stakeholder, "approach": e.approach,
                                 "organisation": e.organisation.name if e.organisation else None,
                                 "investment": _money(e.investment), "returns": _money(e.returns), "note": e.note}
                                for e in a.entries.all()]}
                   for a in Arena.objects.filter(initiative__coalition__network=network)
                   .select_related("initiative__coalition").prefetch_related(Prefetch("entries", entries))
                   .order_by("initiative__coalition__name", "initiative__name")],
    }


def _allocation(application: Application) -> dict[str, Any] | None:
    allocation = getattr(application, "allocation", None)
    if allocation is None:
        return None
    return {"amount": _money(allocation.amount), "decided_on": iso(allocation.decided_on),
            "decided_by": allocation.decided_by, "reasoning": allocation.reasoning,
            "responses": [{"financier": r.financier.name, "response": r.response, "amount": _money(r.amount),
                           "reason": r.reason, "responded_on": iso(r.responded_on)}
                          for r in allocation.responses.all()]}



def funding_import(*, network: Network, data: dict[str, Any] | None, organisations: dict[str, Organisation],
                   people: dict[str, Person], coalitions: dict[str, Coalition], goals: dict[str, Goal]) -> None:
    """Restore the section inside the caller's transaction, the stored state as it was (frozen calls included)."""
    data = data or {}
    streams = {}
    for row in data.get("streams", []):
        streams[row["name"]] = services.stream_create(
            network=network, name=row["name"], kind=row["kind"], scope=row["scope"], budget=Decimal(row["budget"]),
            start_date=parse_date(row.get("start_date")), end_date=parse_date(row.get("end_date")),
            financiers=[organisations[name] for name in row.get("financiers", [])])
    calls: dict[str, Call] = {}
    for row in data.get("calls", []):
        call = services.call_restore(
            stream=streams[row["stream"]], name=row["name"], version=row["version"],
            previous=calls[row["previous"]] if row.get("previous") else None,
            **{name: row[name] for name in CALL_FIELDS if name in row},
            **{name: parse_date(row.get(name)) for name in CALL_DATES},
            criteria=[(k["name"], k.get("description", ""), Decimal(k["weight"]), k.get("order", 0))
                      for k in row.get("criteria", [])])
        calls[_call_key(call)] = call
    applications: dict[tuple[str, str], Application] = {}
    withdrawn = []
    for row in data.get("applications", []):
        coalition = coalitions[row["coalition"]]
        initiative = coalition.initiatives.filter(name=row["initiative"]).first() if row.get("initiative") else None
        application = services.application_create(
            call=calls[row["call"]], coalition=coalition, initiative=initiative, title=row["title"],
            summary=row.get("summary", ""), requested_amount=Decimal(row["requested_amount"]),
            submitted_on=parse_date(row["submitted_on"]), check_open=False,
            partners=[(organisations[p["organisation"]], Decimal(p["own_contribution"])) for p in row["partners"]],
            goals=[goals[name] for name in row.get("goals", [])])
        applications[(row["call"], row["title"])] = application
        if row.get("withdrawn_on"):
            withdrawn.append((application, parse_date(row["withdrawn_on"])))
        if row.get("allocation"):
            _restore_allocation(application, row["allocation"], organisations)
    for row in data.get("assessors", []):
        if row.get("person"):
            assessor = services.assessor_add(call=calls[row["call"]], person=people[row["person"]])
        else:
            assessor = services.erased_assessor_restore(
                call=calls[row["call"]], number=row["erased_number"],
                organisation=organisations[row["erased_organisation"]] if row.get("erased_organisation") else None)
        for conflict in row.get("conflicts", []):
            services.conflict_declare(assessor=assessor, reason=conflict["reason"],
                                      application=applications[(row["call"], conflict["application"])])
        services.scores_restore(
            assessor=assessor,
            submitted_at=datetime.datetime.fromisoformat(row["submitted_at"]) if row.get("submitted_at") else None,
            scores=[(applications[(row["call"], s["application"])], s["criterion"], s["score"], s["reason"])
                    for s in row.get("scores", [])])
    for application, on in withdrawn:  # after the scores, which a withdrawn application no longer takes
        services.application_withdraw(application=application, on=on)
    for row in data.get("arenas", []):
        initiative = coalitions[row["coalition"]].initiatives.get(name=row["initiative"])
        arena = services.arena_set(initiative=initiative, description=row.get("description", ""),
                                   quality_of_life_classic=parse_decimal_text(row.get("quality_of_life_classic")),
                                   quality_of_life_integrated=parse_decimal_text(row.get("quality_of_life_integrated")))
        for entry in row.get("entries", []):
            services.arena_entry_set(arena=arena, stakeholder=entry["stakeholder"], approach=entry["approach"],
                                     investment=Decimal(entry["investment"]), returns=Decimal(entry["returns"]),
                                     organisation=organisations[entry["organisation"]] if entry.get("organisation")
                                     else None, note=entry.get("note", ""))


def _restore_allocation(application: Application, row: dict[str, Any], organisations: dict[str, Organisation]) -> None:
    allocation = services.allocation_decide(application=application, amount=Decimal(row["amount"]),
                                            decided_on=parse_date(row["decided_on"]), reasoning=row["reasoning"],
                                            decided_by=row.get("decided_by", ""))
    for response in row.get("responses", []):
        services.financier_response_record(
            allocation=allocation, financier=organisations[response["financier"]], response=response["response"],
            responded_on=parse_date(response["responded_on"]), reason=response.get("reason", ""),
            amount=parse_decimal_text(response.get("amount")))
