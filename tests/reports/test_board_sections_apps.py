"""The organising, effects and funding sections of a demo network show what those apps' selectors give,
in the page, the PDF and the workbook."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from netwerkregie.core.formatting import euro
from netwerkregie.demo.generator import build_demo
from netwerkregie.funding.selectors import advice_adoption, stream_views
from netwerkregie.monitoring.selectors import network_goal_views
from netwerkregie.organising.models import (
    ActionPoint,
    Meeting,
    ObjectionStatus,
    Proposal,
    ProposalState,
    ProposalVersion,
    Response,
    ResponseKind,
)
from netwerkregie.organising.selectors.meetings import TaskView, action_points, fundament_meetings
from netwerkregie.organising.selectors.rules import IN_FORCE, rules_by_topic, uncommitted_organisations
from netwerkregie.organising.selectors.warnings import organising_warnings
from netwerkregie.registry.models import GovernanceUnitKind
from netwerkregie.reports.board.base import Period
from netwerkregie.reports.board.render import report_html, report_pdf, report_xlsx
from netwerkregie.reports.board.sections import SECTION_KEYS, build_report

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)
KEYS = ["organising", "effects", "funding"]


def _content(built, key):
    return next(section.content for section in built.sections if section.key == key)


def test_new_sections_sit_between_governance_and_warnings():
    assert SECTION_KEYS.index("governance") < SECTION_KEYS.index("organising") < SECTION_KEYS.index("effects") \
        < SECTION_KEYS.index("funding") < SECTION_KEYS.index("warnings")


def test_sections_equal_the_selectors_in_every_format():
    network = build_demo()
    built = build_report(network=network, period=YEAR, language="nl", keys=KEYS)
    today = timezone.localdate()

    organising = _content(built, "organising")
    adopted = [t.label for t in rules_by_topic(network=network) if any(r.status in IN_FORCE for r in t.rules)]
    assert organising.topics_with_rule == len(adopted) > 0
    assert organising.uncommitted == list(uncommitted_organisations(network=network).values_list("name", flat=True))
    assert len(organising.overdue) == action_points(network=network, view=TaskView.OVERDUE).count() > 0
    expected = fundament_meetings(network=network, start=YEAR.start, end=min(YEAR.end, today))
    assert [(f.name, f.held, f.required) for f in organising.fundaments] == [
        (f.unit.name, f.held, f.required) for f in expected]
    assert all(d.decided_on.year == 2026 for d in organising.decisions) and organising.decisions
    assert {d.state for d in organising.decisions} <= {"aangenomen", "verworpen"}

    effects = _content(built, "effects")
    views = network_goal_views(network=network, until=YEAR.end)
    assert len(effects.goals) == len(views) > 0
    assert sorted((g.name, g.latest, g.on_track) for g in effects.goals) == sorted(
        (v.goal.name, v.latest.value if v.latest else None, v.on_track) for v in views)

    funding = _content(built, "funding")
    streams = stream_views(network=network)
    assert [(s.name, s.available) for s in funding.streams] == [(v.stream.name, v.available) for v in streams]
    years = advice_adoption(network=network, start=YEAR.start, end=YEAR.end)
    assert funding.responses == sum(y.responses for y in years) > 0
    assert funding.adopted_percentage == round(100 * sum(y.adopted for y in years) / funding.responses, 1)
    assert built.figures["funding.available"]["value"] == float(sum(v.available for v in streams))

    html = report_html(built)
    with translation.override("nl"):
        for view in streams:
            assert euro(view.available) in html
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(built))).pages)
    flat = " ".join(pdf_text.split())
    for section in built.sections:
        assert section.title in flat
    with translation.override("nl"):
        assert euro(streams[0].available).replace("\xa0", " ") in flat.replace("\xa0", " ")
    assert organising.overdue[0].title in flat
    assert effects.goals[0].name.split()[0] in flat

    sheets = load_workbook(io.BytesIO(report_xlsx(built))).sheetnames
    assert len(sheets) == 1 + sum(len(s.tables) for s in built.sections)


def test_fundament_requirement_is_prorated_and_the_warning_uses_the_same_count():
    network = build_demo()
    unit = network.governance_units.get(kind=GovernanceUnitKind.FUNDAMENT)
    today = timezone.localdate()
    (year,) = fundament_meetings(network=network, start=today - datetime.timedelta(days=365), end=today)
    (half,) = fundament_meetings(network=network, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30))
    assert (year.unit, year.required, half.required) == (unit, 2, 1)
    network.meetings.filter(unit=unit).delete()
    codes = [signal.code for signal in organising_warnings(network=network)]
    assert "fundament_rarely_met" in codes
    (none,) = fundament_meetings(network=network, start=today - datetime.timedelta(days=365), end=today)
    assert (none.held, none.enough) == (0, False)


def _grow(network) -> None:
    """One more of every repeating thing the three sections list."""
    now = timezone.now()
    unit = network.governance_units.get(kind=GovernanceUnitKind.FUNDAMENT)
    for goal in list(network.goals.all()):
        goal.pk, goal.name = None, f"{goal.name} (kopie)"
        goal.save()
    for stream in list(network.funding_streams.prefetch_related("financiers", "calls__applications__allocation")):
        financiers = list(stream.financiers.all())
        calls = list(stream.calls.all())
        stream.pk, stream.name = None, f"{stream.name} (kopie)"
        stream.save()
        stream.financiers.set(financiers)
        for call in calls:
            applications = list(call.applications.all())
            call.pk, call.stream, call.previous = None, stream, None
            call.save()
            for application in applications:
                allocation = getattr(application, "allocation", None)
                application.pk, application.call = None, call
                application.save()
                if allocation is not None:
                    responses = list(allocation.responses.all())
                    allocation.pk, allocation.application = None, application
                    allocation.save()
                    for response in responses:
                        response.pk, response.allocation = None, allocation
                        response.save()
    organisation = network.organisations.first()
    for number in range(2):
        proposal = Proposal.objects.create(network=network, unit=unit, title=f"Extra voorstel {number}",
                                           state=ProposalState.OPEN)
        ProposalVersion.objects.create(proposal=proposal, number=1, text="Tekst.", created_at=now)
        Response.objects.create(proposal=proposal, version=1, organisation=organisation, kind=ResponseKind.OBJECTION,
                                reason="Te duur.", objection_status=ObjectionStatus.STANDING, recorded_at=now)
        meeting = Meeting.objects.create(network=network, unit=unit, title=f"Extra overleg {number}",
                                         starts_at=datetime.datetime(2026, 3, 1 + number, 10, tzinfo=datetime.UTC),
                                         ends_at=datetime.datetime(2026, 3, 1 + number, 12, tzinfo=datetime.UTC))
        ActionPoint.objects.create(meeting=meeting, title=f"Extra actie {number}", due_date=datetime.date(2026, 4, 1))


def test_the_sections_run_the_same_number_of_queries_when_everything_grows():
    network = build_demo()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            build_report(network=network, period=YEAR, language="nl", keys=KEYS)
        return len(queries)

    small = count()
    before = build_report(network=network, period=YEAR, language="nl", keys=KEYS)
    _grow(network)
    after = build_report(network=network, period=YEAR, language="nl", keys=KEYS)
    assert len(_content(after, "effects").goals) == 2 * len(_content(before, "effects").goals)
    assert len(_content(after, "funding").streams) == 2 * len(_content(before, "funding").streams)
    assert len(_content(after, "organising").objections) == len(_content(before, "organising").objections) + 2
    assert count() == small
