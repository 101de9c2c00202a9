"""The organising API: roles, isolation, refusals naming the rule, and constant query counts per list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netwerkregie.core.roles import NetworkRole
from netwerkregie.organising.models import ProposalState
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db

LISTS = ["rules", "commitments", "proposals", "objections", "meetings", "action-points"]


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='t')[1]}")


def _url(network, path: str) -> str:
    return f"/api/v1/networks/{network.slug}/organising/{path}"


def test_coordinator_proposes_member_objects_amend_and_pass(builder):
    coordinator, member = _api(builder.coordinator), _api(builder.speakers[1])
    created = coordinator.post(_url(builder.network, "proposals"), {
        "title": "Gezamenlijke agenda", "text": "Eén agenda voor alle overleggen.", "unit": builder.fundament.pk},
        content_type="application/json")
    assert created.status_code == 201, created.content
    proposal = created.json()
    assert proposal["principle"] == "consent" and proposal["state"] == "draft"
    actions = _url(builder.network, f"proposals/{proposal['id']}/actions")
    assert coordinator.post(actions, {"action": "open"}, content_type="application/json").status_code == 200
    responses = _url(builder.network, f"proposals/{proposal['id']}/responses")
    refused = member.post(responses, {"organisation": builder.organisations[1].pk, "kind": "objection"},
                          content_type="application/json")
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "reason"
    objected = member.post(responses, {"organisation": builder.organisations[1].pk, "kind": "objection",
                                       "reason": "Te veel overleg."}, content_type="application/json")
    assert objected.status_code == 201 and objected.json()["objection_status"] == "standing"
    blocked = coordinator.post(actions, {"action": "adopt"}, content_type="application/json")
    assert blocked.status_code == 422 and "consent" in str(blocked.json())
    amended = coordinator.post(actions, {"action": "amend", "text": "Eén agenda, maandelijks."},
                               content_type="application/json").json()
    assert amended["state"] == ProposalState.AMENDED and len(amended["versions"]) == 2
    assert amended["responses"][0]["objection_status"] == "resolved"
    for index in range(3):
        assert _api(builder.speakers[index]).post(responses, {"organisation": builder.organisations[index].pk,
                                                              "kind": "consent"},
                                                  content_type="application/json").status_code == 201
    passed = coordinator.post(actions, {"action": "adopt"}, content_type="application/json")
    assert passed.json()["state"] == ProposalState.PASSED


def test_viewer_reads_but_cannot_write_and_other_network_is_404(builder, populate, make_user, make_network):
    populate(builder, 1)
    viewer = make_user("api-kijker")
    services.membership_set(network=builder.network, user=viewer, role=NetworkRole.VIEWER)
    api = _api(viewer)
    for name in LISTS:
        assert api.get(_url(builder.network, name)).status_code == 200, name
    proposal = builder.network.proposals.first()
    assert api.post(_url(builder.network, f"proposals/{proposal.pk}/responses"),
                    {"organisation": builder.organisations[0].pk, "kind": "consent"},
                    content_type="application/json").status_code == 403
    assert api.post(_url(builder.network, "rules"), {"topic": "behaviour", "title": "x", "text": "y"},
                    content_type="application/json").status_code == 403
    other = make_network("api-elders")
    for name in LISTS:
        assert api.get(_url(other, name)).status_code == 404
    foreign = make_network("api-vreemd", user=builder.coordinator, role=NetworkRole.COORDINATOR)
    theirs = services.governance_unit_create(network=foreign, kind="fundament", name="Vreemd")
    answer = _api(builder.coordinator).post(_url(builder.network, "meetings"), {
        "title": "x", "unit": theirs.pk, "starts_at": "2026-01-01T10:00:00+01:00",
        "ends_at": "2026-01-01T11:00:00+01:00"}, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "unit"


def _count(api: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
        assert response.status_code == 200, (url, response.content)
    return len(queries)


def test_list_query_counts_do_not_grow(make_builder, populate, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small, large = make_builder("api-klein", 3), make_builder("api-groot", 6)
    populate(small, 1)
    populate(large, 5)
    for name in LISTS:
        counts = [_count(_api(b.coordinator), _url(b.network, name)) for b in (small, large)]
        assert counts[0] == counts[1], (name, counts)
    for b in (small, large):
        meeting = b.network.meetings.first()
        assert _count(_api(b.coordinator), _url(b.network, f"meetings/{meeting.pk}/agenda-items"))
        assert _count(_api(b.coordinator), _url(b.network, f"meetings/{meeting.pk}/attendance"))
