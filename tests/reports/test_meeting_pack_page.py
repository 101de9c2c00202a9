"""The meeting pack of an organising meeting: its proposals with their objections, the previous minutes,
open action points and linked effects; who may download it; and a fixed number of queries."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from netwerkregie.demo.generator import build_demo
from netwerkregie.organising.models import Meeting, ResponseKind
from netwerkregie.organising.selectors.meetings import meeting_detail_queryset
from netwerkregie.organising.services import meetings as meeting_services
from netwerkregie.registry.models import Network
from netwerkregie.reports.meeting import meeting_pack_for

pytestmark = pytest.mark.django_db
RULES_DECISION = "Spelregels Regio Voorbeeld vaststellen"


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _url(meeting: Meeting) -> str:
    return reverse("reports:meeting_pack", kwargs={"network": meeting.network.slug, "pk": meeting.pk})


@pytest.fixture
def demo_meeting() -> Meeting:
    """The last fundament meeting of the demo, with the rules decision and a theme on its agenda."""
    network = build_demo()
    meeting = network.meetings.filter(unit__isnull=False, unit__kind="fundament").order_by("-starts_at").first()
    proposal = network.proposals.get(title=RULES_DECISION)
    meeting_services.agenda_item_add(meeting=meeting, title="Besluit spelregels", proposal=proposal)
    theme = network.themes.filter(goals__isnull=False).first()
    meeting_services.agenda_item_add(meeting=meeting, title="Voortgang thema", theme=theme)
    return meeting


def test_the_pack_holds_the_proposals_with_their_objections_and_the_previous_minutes(demo_meeting):
    meeting = meeting_detail_queryset(network=demo_meeting.network).get(pk=demo_meeting.pk)
    pack = meeting_pack_for(meeting=meeting, language="nl")
    proposal = demo_meeting.network.proposals.get(title=RULES_DECISION)
    objections = proposal.responses.filter(kind=ResponseKind.OBJECTION)
    assert objections.exists()
    (shown,) = [p for p in pack.proposals if p.title == RULES_DECISION]
    assert shown.text == proposal.versions.order_by("number").last().text
    assert sorted((o.by, o.text) for o in shown.objections) == sorted(
        (r.organisation.name, r.reason) for r in objections)
    assert all(o.resolved for o in shown.objections if o.by == "Wmo-raad Aldermeer")
    assert [item.title for item in pack.agenda] == [item.title for item in meeting.agenda_items.all()]
    previous = (Meeting.objects.filter(unit=meeting.unit, starts_at__lt=meeting.starts_at)
                .order_by("-starts_at").first())
    assert pack.previous_minutes.title.startswith(previous.title)
    assert pack.previous_minutes.text == (previous.minutes or "Er is geen verslag gemaakt.")
    open_points = {a.title for m in Meeting.objects.filter(unit=meeting.unit, starts_at__lte=meeting.starts_at)
                   for a in m.action_points.filter(status="open")}
    assert {a.text for a in pack.action_points} == open_points
    assert pack.results and pack.results[0].title.startswith("Effecten: ")


def test_a_member_downloads_the_pack_as_pdf(demo_meeting):
    response = _client("lid").get(_url(demo_meeting))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert demo_meeting.title in text and RULES_DECISION in text and "Wmo-raad Aldermeer" in text
    assert "Vergaderstukken" in text or "Meeting pack" in text


def test_the_meeting_page_links_the_pack_for_members_only(demo_meeting):
    page = reverse("organising:meeting_detail", kwargs={"network": demo_meeting.network.slug, "pk": demo_meeting.pk})
    assert _url(demo_meeting) in _client("lid").get(page).content.decode()
    viewer_page = _client("viewer").get(page)
    assert viewer_page.status_code == 200 and _url(demo_meeting) not in viewer_page.content.decode()


def test_viewers_get_403_and_other_networks_404(demo_meeting, make_user):
    assert _client("viewer").get(_url(demo_meeting)).status_code == 403
    outsider = Client()
    outsider.force_login(make_user("buitenstaander"))
    assert outsider.get(_url(demo_meeting)).status_code == 404
    other = Network.objects.create(slug="elders", name="Elders")
    wrong = reverse("reports:meeting_pack", kwargs={"network": other.slug, "pk": demo_meeting.pk})
    other.memberships.create(user=get_user_model().objects.get(username="lid"), role="admin")
    assert _client("lid").get(wrong).status_code == 404


def test_the_pack_runs_the_same_number_of_queries_whatever_the_agenda(demo_meeting):
    client = _client("lid")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(demo_meeting)).status_code == 200
        return len(queries)

    small = count()
    network = demo_meeting.network
    for proposal in network.proposals.exclude(title=RULES_DECISION)[:3]:
        meeting_services.agenda_item_add(meeting=demo_meeting, title=proposal.title, proposal=proposal)
    for theme in network.themes.all()[:2]:
        meeting_services.agenda_item_add(meeting=demo_meeting, title=theme.name, theme=theme)
    for number in range(3):
        meeting_services.action_point_add(meeting=demo_meeting, title=f"Extra actie {number}")
    assert count() == small
