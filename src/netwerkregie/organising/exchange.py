"""Rules, commitments, decisions and meetings in the network's JSON export (docs/json-format.md, `organising`).

A restore, not a replay: states, versions, responses and timestamps are written as they were, since replaying
the transitions would judge old decisions by today's dates. Bodies are referred to by name (governance units
and coalitions are unique per network), people by the export's person reference, proposals by a key made of
their position in the export. Users (who recorded what) and spokespeople are not part of a network's data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netwerkregie.core.exchange import iso, parse_date
from netwerkregie.core.services import validated_save
from netwerkregie.registry.models import Coalition, GovernanceUnit, Network, Organisation, Person, Theme

from .models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Commitment,
    Meeting,
    MeetingInvitation,
    Proposal,
    ProposalVersion,
    Response,
    Rule,
    RuleVersion,
    UnitOfficer,
)


def _moment(text: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(text) if text else None


def _body(obj) -> dict[str, str | None]:
    return {"unit": obj.unit.name if obj.unit_id else None,
            "coalition": obj.coalition.name if obj.coalition_id else None}


def organising_export(*, network: Network, person_ref: dict[int, str]) -> dict[str, Any]:
    """Everything of the organising app, in a stable order; a fixed number of queries."""
    proposals = list(network.proposals.select_related("unit", "coalition", "financier")
                     .prefetch_related("versions", "responses__organisation").order_by("created_at", "pk"))
    key = {p.pk: f"{p.title}#{index}" for index, p in enumerate(proposals)}
    meetings = (network.meetings.select_related("unit", "coalition").order_by("starts_at", "pk")
                .prefetch_related("agenda_items__proposal", "agenda_items__theme", "agenda_items__coalition_link",
                                  "invitations__organisation", "attendances__organisation", "action_points"))
    return {
        "rules": [
            {"title": r.title, "topic": r.topic, "text": r.text, "status": r.status, **_body(r),
             "adopted_by": key.get(r.adopted_by_id), "evaluation_date": iso(r.evaluation_date),
             "template_key": r.template_key, "order": r.order,
             "versions": [{"number": v.number, "title": v.title, "text": v.text, "status": v.status, "note": v.note,
                           "changed_at": iso(v.changed_at)} for v in sorted(r.versions.all(), key=lambda v: v.number)]}
            for r in network.rules.select_related("unit", "coalition").prefetch_related("versions").order_by("order",
                                                                                                             "title")
        ],
        "commitments": [
            {"organisation": c.organisation.name, "committed_by": person_ref.get(c.committed_by_id),
             "committed_on": iso(c.committed_on), "recorded_at": iso(c.recorded_at)}
            for c in network.rule_commitments.select_related("organisation").order_by("organisation__name")
        ],
        "proposals": [
            {"key": key[p.pk], "title": p.title, **_body(p), "principle": p.principle, "state": p.state,
             "closes_on": iso(p.closes_on), "created_at": iso(p.created_at), "decided_on": iso(p.decided_on),
             "outcome": p.outcome, "outcome_by": person_ref.get(p.outcome_by_id), "review_date": iso(p.review_date),
             "financier": p.financier.name if p.financier else None, "financier_response": p.financier_response,
             "financier_responded_on": iso(p.financier_responded_on),
             "versions": [{"number": v.number, "text": v.text, "note": v.note, "created_at": iso(v.created_at)}
                          for v in sorted(p.versions.all(), key=lambda v: v.number)],
             "responses": sorted(({"version": r.version, "organisation": r.organisation.name, "kind": r.kind,
                                   "reason": r.reason, "objection_status": r.objection_status,
                                   "resolution": r.resolution, "proxy": r.proxy, "recorded_at": iso(r.recorded_at)}
                                  for r in p.responses.all()), key=lambda r: (r["version"], r["organisation"]))}
            for p in proposals
        ],
        "meetings": [
            {"title": m.title, **_body(m), "starts_at": iso(m.starts_at), "ends_at": iso(m.ends_at), "place": m.place,
             "online_url": m.online_url, "minutes": m.minutes, "minutes_status": m.minutes_status, "uid": str(m.uid),
             "agenda": [{"order": i.order, "title": i.title, "duration_minutes": i.duration_minutes,
                         "proposal": key.get(i.proposal_id), "theme": i.theme.name if i.theme else None,
                         "coalition": i.coalition_link.name if i.coalition_link else None}
                        for i in sorted(m.agenda_items.all(), key=lambda i: (i.order, i.title))],
             "invitations": sorted(({"organisation": i.organisation.name, "sent_at": iso(i.sent_at)}
                                    for i in m.invitations.all()), key=lambda i: i["organisation"]),
             "attendance": sorted(({"organisation": a.organisation.name, "present": a.present, "level": a.level}
                                   for a in m.attendances.all()), key=lambda a: a["organisation"]),
             "action_points": sorted(({"title": a.title, "owner": person_ref.get(a.owner_id),
                                       "due_date": iso(a.due_date), "status": a.status} for a in m.action_points.all()),
                                     key=lambda a: (a["due_date"] or "", a["title"]))}
            for m in meetings
        ],
        "officers": sorted((
            {"unit": o.unit.name, "person": person_ref[o.person_id], "role": o.role, "independent": o.independent,
             "start_date": iso(o.start_date), "end_date": iso(o.end_date)}
            for o in UnitOfficer.objects.filter(unit__network=network).select_related("unit")),
            key=lambda o: (o["unit"], o["role"], o["start_date"] or "", o["person"])),
    }


class _Lookup:
    """Names of the export resolved to this network's objects; an unknown name names the field."""

    def __init__(self, network: Network, people: dict[str, Person], organisations: dict[str, Organisation]):
        self.people, self.organisations = people, organisations
        self.units = {u.name: u for u in network.governance_units.all()}
        self.coalitions = {c.name: c for c in network.coalitions.all()}
        self.themes = {t.name: t for t in network.themes.all()}
        self.proposals: dict[str, Proposal] = {}

    def get(self, table: dict, field: str, name: str | None):
        if name is None:
            return None
        if name not in table:
            raise ValidationError({field: _("Unknown %(field)s %(name)s.") % {"field": field, "name": name}})
        return table[name]

    def body(self, row: dict) -> tuple[GovernanceUnit | None, Coalition | None]:
        return (self.get(self.units, "unit", row.get("unit")),
                self.get(self.coalitions, "coalition", row.get("coalition")))

    def theme(self, name: str | None) -> Theme | None:
        return self.get(self.themes, "theme", name)


def organising_import(*, network: Network, data: dict[str, Any] | None, people: dict[str, Person],
                      organisations: dict[str, Organisation]) -> None:
    """Restore an exported `organising` section inside the caller's transaction; None restores nothing."""
    if not data:
        return
    find = _Lookup(network, people, organisations)
    for row in data.get("proposals", []):
        unit, coalition = find.body(row)
        proposal = validated_save(Proposal(
            network=network, unit=unit, coalition=coalition, title=row["title"], principle=row.get("principle", ""),
            state=row["state"], closes_on=parse_date(row.get("closes_on")),
            decided_on=parse_date(row.get("decided_on")),
            outcome=row.get("outcome", ""), outcome_by=find.get(people, "outcome_by", row.get("outcome_by")),
            review_date=parse_date(row.get("review_date")),
            financier=find.get(organisations, "financier", row.get("financier")),
            financier_response=row.get("financier_response", ""),
            financier_responded_on=parse_date(row.get("financier_responded_on")),
            created_at=_moment(row["created_at"])))
        find.proposals[row["key"]] = proposal
        for v in row.get("versions", []):
            validated_save(ProposalVersion(proposal=proposal, number=v["number"], text=v["text"],
                                           note=v.get("note", ""), created_at=_moment(v["created_at"])))
        for r in row.get("responses", []):
            validated_save(Response(
                proposal=proposal, version=r["version"], kind=r["kind"], reason=r.get("reason", ""),
                organisation=find.get(organisations, "organisation", r["organisation"]),
                objection_status=r.get("objection_status", ""), resolution=r.get("resolution", ""),
                proxy=r.get("proxy", False), recorded_at=_moment(r["recorded_at"])))
    for row in data.get("rules", []):
        unit, coalition = find.body(row)
        rule = validated_save(Rule(
            network=network, title=row["title"], topic=row["topic"], text=row["text"], status=row["status"],
            unit=unit, coalition=coalition, adopted_by=find.get(find.proposals, "adopted_by", row.get("adopted_by")),
            evaluation_date=parse_date(row.get("evaluation_date")), template_key=row.get("template_key", ""),
            order=row.get("order", 0)))
        for v in row.get("versions", []):
            validated_save(RuleVersion(rule=rule, number=v["number"], title=v["title"], text=v["text"],
                                       status=v["status"], note=v.get("note", ""), changed_at=_moment(v["changed_at"])))
    for row in data.get("commitments", []):
        validated_save(Commitment(
            network=network, organisation=find.get(organisations, "organisation", row["organisation"]),
            committed_by=find.get(people, "committed_by", row.get("committed_by")),
            committed_on=parse_date(row["committed_on"]), recorded_at=_moment(row["recorded_at"])))
    for row in data.get("meetings", []):
        unit, coalition = find.body(row)
        meeting = validated_save(Meeting(
            network=network, unit=unit, coalition=coalition, title=row["title"], starts_at=_moment(row["starts_at"]),
            ends_at=_moment(row["ends_at"]), place=row.get("place", ""), online_url=row.get("online_url", ""),
            minutes=row.get("minutes", ""), minutes_status=row.get("minutes_status", ""), uid=row["uid"]))
        for i in row.get("agenda", []):
            validated_save(AgendaItem(meeting=meeting, order=i["order"], title=i["title"],
                                      duration_minutes=i["duration_minutes"],
                                      proposal=find.get(find.proposals, "proposal", i.get("proposal")),
                                      theme=find.theme(i.get("theme")),
                                      coalition_link=find.get(find.coalitions, "coalition", i.get("coalition"))))
        for i in row.get("invitations", []):
            validated_save(MeetingInvitation(meeting=meeting, sent_at=_moment(i.get("sent_at")),
                                             organisation=find.get(organisations, "organisation", i["organisation"])))
        for a in row.get("attendance", []):
            validated_save(Attendance(meeting=meeting, present=a["present"], level=a.get("level", ""),
                                      organisation=find.get(organisations, "organisation", a["organisation"])))
        for a in row.get("action_points", []):
            validated_save(ActionPoint(meeting=meeting, title=a["title"], status=a["status"],
                                       owner=find.get(people, "owner", a.get("owner")),
                                       due_date=parse_date(a.get("due_date"))))
    for row in data.get("officers", []):
        validated_save(UnitOfficer(unit=find.get(find.units, "unit", row["unit"]),
                                   person=find.get(people, "person", row["person"]), role=row["role"],
                                   independent=row.get("independent", False),
                                   start_date=parse_date(row.get("start_date")),
                                   end_date=parse_date(row.get("end_date"))))
