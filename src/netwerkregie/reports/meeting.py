"""The meeting pack (*vergaderstukken*): one PDF sent with the invitation to a meeting.

`meeting_pack_for` fills a `MeetingPack` from an organising meeting through the organising
selectors (agenda, the proposals on it with their objections, the previous meeting's minutes,
open action points) and, for agenda items that link a theme or coalition, the effects against
targets from the monitoring selectors; `meeting_pack_pdf` lays it out. Neither holds a rule of
those apps. Result lines carry aggregated figures only: no survey answer and no group below the
anonymity minimum can reach a pack.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from netwerkregie.monitoring.selectors import GoalView, network_goal_views
from netwerkregie.organising.models import Meeting, ObjectionStatus, ResponseKind
from netwerkregie.organising.selectors.decisions import proposal_list
from netwerkregie.organising.selectors.meetings import body_open_action_points, previous_meeting
from netwerkregie.reports.pdf import tagged_pdf


@dataclass(frozen=True)
class AgendaItem:
    title: str
    description: str = ""
    kind: str = ""  # e.g. "for decision", "for discussion", "for information"


@dataclass(frozen=True)
class Objection:
    text: str
    by: str = ""
    resolved: bool = False


@dataclass(frozen=True)
class Proposal:
    title: str
    text: str
    objections: list[Objection] = field(default_factory=list)


@dataclass(frozen=True)
class Minutes:
    title: str
    date: datetime.date
    text: str


@dataclass(frozen=True)
class ActionPoint:
    text: str
    owner: str = ""
    due: datetime.date | None = None


@dataclass(frozen=True)
class ResultSummary:
    title: str
    lines: list[str]


@dataclass(frozen=True)
class MeetingPack:
    network_name: str
    title: str  # the meeting, e.g. "Regiegroep 12 maart 2026"
    date: datetime.date
    body: str = ""  # the fundament or the regiegroep holding the meeting
    location: str = ""
    language: str = "nl"
    agenda: list[AgendaItem] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    previous_minutes: Minutes | None = None
    action_points: list[ActionPoint] = field(default_factory=list)
    results: list[ResultSummary] = field(default_factory=list)


def meeting_pack_html(pack: MeetingPack) -> str:
    with translation.override(pack.language):
        return render_to_string("reports/meeting/pack.html", {"pack": pack})


def meeting_pack_pdf(pack: MeetingPack) -> bytes:
    """Tagged PDF (PDF/UA-1) with cover, running header, page x of y and bookmarks, like the board report."""
    return tagged_pdf(meeting_pack_html(pack))


def _proposals(meeting: Meeting) -> list[Proposal]:
    """The proposals on the agenda, in agenda order, with every objection raised to any of their versions
    (one resolved by an amendment or withdrawn is marked so)."""
    ids = [item.proposal_id for item in meeting.agenda_items.all() if item.proposal_id]
    proposals = {p.pk: p for p in proposal_list(network=meeting.network).filter(pk__in=ids)}
    result = []
    for pk in dict.fromkeys(ids):
        proposal = proposals[pk]
        versions = list(proposal.versions.all())
        objections = [Objection(response.reason, response.organisation.name,
                                response.objection_status != ObjectionStatus.STANDING)
                      for response in proposal.responses.all() if response.kind == ResponseKind.OBJECTION]
        result.append(Proposal(proposal.title, versions[-1].text if versions else "",
                               sorted(objections, key=lambda o: (o.resolved, o.by))))
    return result


def _effect_lines(meeting: Meeting) -> list[ResultSummary]:
    """Effects against targets of every theme or coalition the agenda links, once each (a theme with its
    coalitions' goals, as on its effect page), from one read of the network's goals."""
    themes = {item.theme_id: item.theme for item in meeting.agenda_items.all() if item.theme_id}
    coalitions = {item.coalition_link_id: item.coalition_link for item in meeting.agenda_items.all()
                  if item.coalition_link_id}
    if not themes and not coalitions:
        return []
    views = network_goal_views(network=meeting.network)

    def theme_of(view: GoalView) -> int | None:
        return view.goal.theme_id or (view.goal.coalition.theme_id if view.goal.coalition else None)

    linked = [(theme.name, [v for v in views if theme_of(v) == pk]) for pk, theme in themes.items()]
    linked += [(coalition.name, [v for v in views if v.goal.coalition_id == pk])
               for pk, coalition in coalitions.items()]
    states = {True: _("on track"), False: _("not on track"), None: _("unknown")}
    summaries = []
    for title, goals in linked:
        lines = [_("%(goal)s: latest value %(latest)s, target %(target)s (%(state)s)") % {
            "goal": view.goal.name,
            "latest": number_format(view.latest.value, decimal_pos=2) if view.latest else "–",
            "target": number_format(view.goal.target, decimal_pos=2) if view.goal.target is not None else "–",
            "state": states[view.on_track]} for view in goals]
        if lines:
            summaries.append(ResultSummary(_("Effects: %(title)s") % {"title": title}, lines))
    return summaries


def meeting_pack_for(*, meeting: Meeting, language: str) -> MeetingPack:
    """The pack of one meeting, in `language`; `meeting` comes from organising's meeting_detail_queryset."""
    with translation.override(language):
        previous = previous_meeting(meeting=meeting)
        minutes = None
        if previous is not None:
            minutes = Minutes(f"{previous.title} ({previous.get_minutes_status_display()})",
                              timezone.localdate(previous.starts_at), previous.minutes or _("No minutes were taken."))
        return MeetingPack(
            network_name=meeting.network.name, title=meeting.title, date=timezone.localdate(meeting.starts_at),
            body=str(meeting.body), location=meeting.place, language=language,
            agenda=[AgendaItem(item.title, _("%(minutes)d minutes") % {"minutes": item.duration_minutes},
                               _("for decision") if item.proposal_id else "") for item in meeting.agenda_items.all()],
            proposals=_proposals(meeting), previous_minutes=minutes,
            action_points=[ActionPoint(point.title, point.owner.name if point.owner else "", point.due_date)
                           for point in body_open_action_points(meeting=meeting)],
            results=_effect_lines(meeting))
