"""The decision log, action points and objections: one filter declaration, the same rows on page and API."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netwerkregie.organising.models import ObjectionStatus, ProposalState, Response, ResponseKind
from netwerkregie.organising.services import decisions, meetings
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='t')[1]}")


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page_rows(client: Client, url: str, table_id: str, titles: list[str]) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode().split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return sorted((t for t in titles if f">{t}<" in html), key=html.index)


def _api_rows(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content)
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def decision_log(builder):
    """Three proposals: an open one to the fundament, a draft to the coalition, a passed one with reasoning."""
    open_one = builder.proposal(title="Gezamenlijke agenda")
    draft = builder.proposal(builder.coalition, title="Valcursus in de wijk", open_=False)
    passed = builder.proposal(title="Nieuwe voorzitter")
    for index in range(3):
        builder.respond(passed, index, ResponseKind.CONSENT, "Zorgvuldig gekozen" if index == 0 else "")
    decisions.proposal_decide(proposal=passed, action="adopt", outcome="Benoemd",
                              outcome_by=services.person_create(network=builder.network, name="Secretaris"))
    return [open_one.title, draft.title, passed.title]


@pytest.mark.parametrize("query", [
    "", "q=agenda", "q=zorgvuldig", "q=benoemd", "state=open", "state=passed", "body=coalition:{coalition}",
    "body=unit:{fundament}", "q=voorzitter&body=unit:{fundament}&state=passed",
])
def test_decision_log_page_and_api_give_the_same_rows(builder, decision_log, query):
    query = query.format(coalition=builder.coalition.pk, fundament=builder.fundament.pk)
    slug = builder.network.slug
    page = _page_rows(_page(builder.coordinator), reverse("organising:proposal_list", args=[slug]) + f"?{query}",
                      "proposals", decision_log)
    api = _api_rows(_api(builder.coordinator), f"/api/v1/networks/{slug}/organising/proposals?{query}")
    assert page == api
    assert (len(api) == 3) == (query == "")  # every filter narrows this log


def test_body_and_state_narrow_as_asked(builder, decision_log):
    api = _api(builder.coordinator)
    url = f"/api/v1/networks/{builder.network.slug}/organising/proposals"
    assert _api_rows(api, f"{url}?body=coalition:{builder.coalition.pk}") == ["Valcursus in de wijk"]
    assert _api_rows(api, f"{url}?state={ProposalState.PASSED}") == ["Nieuwe voorzitter"]


@pytest.mark.parametrize(("query", "field"), [("state=onzin", "state"), ("body=onzin", "body"),
                                               ("body=unit:x", "body")])
def test_an_invalid_value_is_a_422_in_the_api_and_a_message_on_the_page(builder, decision_log, query, field):
    slug = builder.network.slug
    response = _api(builder.coordinator).get(f"/api/v1/networks/{slug}/organising/proposals?{query}")
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["detail"]] == [field]
    page = _page(builder.coordinator).get(reverse("organising:proposal_list", args=[slug]) + f"?{query}")
    assert page.status_code == 200
    assert 'class="text-danger small"' in page.content.decode().split('id="proposal-filter"', 1)[1].split(
        "</form>", 1)[0]


def test_a_body_of_another_network_finds_nothing(builder, decision_log, make_builder):
    other = make_builder("elders")
    other.proposal(other.fundament, title="Elders")
    slug = builder.network.slug
    for body in (f"unit:{other.fundament.pk}", f"coalition:{other.coalition.pk}"):
        response = _api(builder.coordinator).get(f"/api/v1/networks/{slug}/organising/proposals?body={body}")
        assert response.status_code == 200 and response.json()["count"] == 0, body
    assert _api_rows(_api(other.coordinator),
                     f"/api/v1/networks/{other.network.slug}/organising/proposals?body=unit:{other.fundament.pk}"
                     ) == ["Elders"]


@pytest.fixture
def tasks(builder):
    """An overdue action point owned by the coordinator, one due later, one done."""
    builder.coordinator.email = "coordinator@example.org"
    builder.coordinator.save()
    owner = services.person_create(network=builder.network, name="Coördinator", email="Coordinator@example.org")
    now = timezone.now()
    meeting = meetings.meeting_create(network=builder.network, body=builder.fundament, title="Overleg",
                                      starts_at=now, ends_at=now + datetime.timedelta(hours=2))
    today = timezone.localdate()
    meetings.action_point_add(meeting=meeting, title="Te laat", owner=owner,
                              due_date=today - datetime.timedelta(days=2))
    meetings.action_point_add(meeting=meeting, title="Later", due_date=today + datetime.timedelta(days=7))
    meetings.action_point_add(meeting=meeting, title="Klaar", status="done",
                              due_date=today - datetime.timedelta(days=1))
    return ["Te laat", "Later", "Klaar"]


@pytest.mark.parametrize(("query", "expected"), [("", ["Te laat", "Later"]), ("view=open", ["Te laat", "Later"]),
                                                 ("view=overdue", ["Te laat"]), ("view=mine", ["Te laat"])])
def test_action_points_page_and_api_give_the_same_rows(builder, tasks, query, expected):
    slug = builder.network.slug
    page = _page_rows(_page(builder.coordinator), reverse("organising:task_list", args=[slug]) + f"?{query}",
                      "tasks", tasks)
    api = _api_rows(_api(builder.coordinator), f"/api/v1/networks/{slug}/organising/action-points?{query}")
    assert page == api == expected


def test_an_invalid_task_view_is_named(builder, tasks):
    slug = builder.network.slug
    response = _api(builder.coordinator).get(f"/api/v1/networks/{slug}/organising/action-points?view=alles")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "view"
    page = _page(builder.coordinator).get(reverse("organising:task_list", args=[slug]) + "?view=alles")
    assert page.status_code == 200 and 'role="alert"' in page.content.decode()


def test_objections_filter_by_status(builder):
    proposal = builder.proposal(title="Bezwaarlijk")
    builder.respond(proposal, 0, ResponseKind.OBJECTION, "Te duur")
    builder.respond(proposal, 1, ResponseKind.OBJECTION, "Te vroeg")
    decisions.objection_withdraw(response=Response.objects.get(proposal__pk=proposal.pk, reason="Te vroeg"),
                                 withdrawn_by=builder.speakers[1])
    api = _api(builder.coordinator)
    url = f"/api/v1/networks/{builder.network.slug}/organising/objections"
    reasons = {status: [item["reason"] for item in api.get(f"{url}?status={status}").json()["items"]]
               for status in ObjectionStatus.values}
    assert reasons == {"standing": ["Te duur"], "resolved": [], "withdrawn": ["Te vroeg"]}
    assert len(api.get(url).json()["items"]) == 2
    refused = api.get(f"{url}?status=onzin")
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "status"
