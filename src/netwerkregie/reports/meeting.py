"""The meeting pack (*vergaderstukken*): one PDF sent with the invitation to a meeting.

The organising app fills a `MeetingPack` from its meetings, proposals and action points and
calls `meeting_pack_pdf`; this module only lays it out, so it holds no rule of that app.
Result summaries are plain lines the caller takes from the results selectors (suppressed
groups already left out there).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation


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
    return weasyprint.HTML(string=meeting_pack_html(pack)).write_pdf(pdf_variant="pdf/ua-1")
