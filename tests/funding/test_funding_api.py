"""The funding API: role rules, blind results, creating streams, calls and applications."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from netwerkregie.core.roles import NetworkRole
from netwerkregie.funding import services
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import OrganisationType

pytestmark = pytest.mark.django_db


def token_client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {registry.api_token_create(user=user, name='t')[1]}"})


def test_result_is_blind_for_members_until_closed(network, build_call):
    assessed = build_call(submit=("P2",))
    url = f"/api/v1/networks/{network.slug}/calls/{assessed.call.pk}/result"
    assert token_client(assessed.users["P1"]).get(url).status_code == 403  # not submitted
    data = token_client(assessed.users["P2"]).get(url).json()
    assert data["submitted_assessors"] == ["Beoordelaar P2"]
    assert all(len(row["assessors"]) == 1 for row in data["ranking"])
    services.call_close(call=assessed.call)
    assert token_client(assessed.users["P1"]).get(url).status_code == 200


def test_weighted_totals_over_the_api_match_the_hand_computation(network, build_call, bearer):
    assessed = build_call()
    data = Client(headers=bearer).get(f"/api/v1/networks/{network.slug}/calls/{assessed.call.pk}/result").json()
    assert [(r["title"], r["rank"], r["total"]) for r in data["ranking"]] == [
        ("Aanvraag X", 1, "4.17"), ("Aanvraag Y", 2, "3.56"), ("Aanvraag Z", 3, "2.50")]
    assert data["weight_sum"] == "6.00"
    z = data["ranking"][2]
    assert [a["excluded"] for a in z["assessors"]] == [False, False, True]


def test_viewer_reads_but_cannot_write_and_non_members_get_404(network, build_call, make_user):
    assessed = build_call()
    viewer = make_user("kijker")
    registry.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    client = token_client(viewer)
    base = f"/api/v1/networks/{network.slug}"
    assert client.get(f"{base}/funding-streams/").json()[0]["budget"] == "100000.00"
    assert client.get(f"{base}/calls/").json()["count"] == 1
    assert client.get(f"{base}/applications/").status_code == 403
    assert client.post(f"{base}/funding-streams/", {"name": "x", "kind": "iza", "budget": 1},
                       content_type="application/json").status_code == 403
    outsider = token_client(make_user("buiten"))
    for path in ("funding-streams/", "calls/", "allocations/", "effectenarenas/",
                 f"calls/{assessed.call.pk}/result"):
        assert outsider.get(f"{base}/{path}").status_code == 404


def test_coordinator_builds_a_call_and_a_member_applies(network, build_call, bearer, make_user):
    assessed = build_call(score=False)
    client = Client(headers=bearer)
    base = f"/api/v1/networks/{network.slug}"
    stream = client.post(f"{base}/funding-streams/", {"name": "WOZO", "kind": "wozo", "budget": "25000.50",
                                                     "financiers": [assessed.organisations[3].pk]},
                         content_type="application/json")
    assert stream.status_code == 201 and stream.json()["available"] == "25000.50"
    call = client.post(f"{base}/calls/", {"stream": stream.json()["id"], "name": "WOZO-oproep",
                                          "criteria_agreed_on": "2026-03-01", "agreed_by": "Regiegroep"},
                       content_type="application/json").json()
    assert client.post(f"{base}/calls/{call['id']}/criteria/", {"name": "Bereik", "weight": 2},
                       content_type="application/json").status_code == 201
    opened = client.post(f"{base}/calls/{call['id']}/open").json()
    assert opened["status"] == "open" and opened["criteria"][0]["weight"] == "2.00"
    assert client.post(f"{base}/calls/{call['id']}/criteria/", {"name": "Later", "weight": 1},
                       content_type="application/json").status_code == 422
    member = make_user("lid")
    registry.membership_set(network=network, user=member, role=NetworkRole.MEMBER)
    response = token_client(member).post(f"{base}/calls/{call['id']}/applications/", {
        "coalition": assessed.coalition.pk, "initiative": assessed.initiative.pk, "title": "Valcursus WOZO",
        "requested_amount": "5000", "partners": [{"organisation": assessed.organisations[0].pk,
                                                  "own_contribution": "750"}]}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["partners"] == [{"organisation": assessed.organisations[0].pk,
                                            "own_contribution": "750.00"}]
    other = organisation_elsewhere()
    bad = token_client(member).post(f"{base}/calls/{call['id']}/applications/", {
        "coalition": assessed.coalition.pk, "title": "Vreemd", "requested_amount": "1",
        "partners": [{"organisation": other}]}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "partners"


def organisation_elsewhere() -> int:
    """An organisation of another network, whose id must be refused like an unknown one."""
    other = registry.network_create(slug="elders", name="Elders")
    return registry.organisation_create(network=other, name="Vreemd", type=OrganisationType.objects.first()).pk


def test_allocations_list_with_responses(network, build_call, bearer):
    assessed = build_call()
    allocation = services.allocation_decide(application=assessed.applications["X"], amount=20000,
                                            decided_on=datetime.date(2026, 4, 1), reasoning="Hoogste score")
    services.financier_response_record(allocation=allocation, financier=assessed.organisations[3],
                                       response="adopted", responded_on=datetime.date(2026, 5, 1))
    data = Client(headers=bearer).get(f"/api/v1/networks/{network.slug}/allocations/").json()
    assert data["items"][0]["responses"][0]["response"] == "adopted"


def test_an_assessor_scores_and_submits_over_the_api(network, build_call):
    assessed = build_call(score=False)
    base = f"/api/v1/networks/{network.slug}/calls/{assessed.call.pk}"
    client = token_client(assessed.users["P3"])
    rows = [{"application": assessed.applications[a].pk, "criterion": assessed.criteria[c].pk, "score": 4,
             "reason": "goed"} for a in "XY" for c in "ABC"]
    bad = [*rows[:-1], {**rows[-1], "score": 9}]
    assert client.put(f"{base}/my-scores", bad, content_type="application/json").status_code == 422
    assert not assessed.assessors["P3"].scores.exists()  # all or none
    assert client.put(f"{base}/my-scores", rows, content_type="application/json").status_code == 200
    assert client.post(f"{base}/my-scores/submit").json()["submitted_at"] is not None
    assert client.get(f"{base}/result").status_code == 200
    outsider = make_member(network)
    assert token_client(outsider).put(f"{base}/my-scores", rows, content_type="application/json").status_code == 403


def make_member(network):
    user = get_user_model().objects.create_user("gewoon-lid")
    registry.membership_set(network=network, user=user, role=NetworkRole.MEMBER)
    return user


def test_allocation_response_and_arena_entry_over_the_api(network, build_call, bearer):
    assessed = build_call()
    client = Client(headers=bearer)
    base = f"/api/v1/networks/{network.slug}"
    allocation = client.post(f"{base}/allocations/", {"application": assessed.applications["X"].pk,
                                                      "amount": "12000", "decided_on": "2026-04-01",
                                                      "reasoning": "Hoogste score"},
                             content_type="application/json")
    assert allocation.status_code == 201
    response = client.post(f"{base}/allocations/{allocation.json()['id']}/responses/", {
        "financier": assessed.organisations[3].pk, "response": "deviated", "reason": "Budget",
        "responded_on": "2026-05-01"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["response"] == "deviated"
    entry = client.post(f"{base}/effectenarena-entries/", {"initiative": assessed.initiative.pk,
                                                           "stakeholder": "insurer", "approach": "integrated",
                                                           "investment": "100", "returns": "0"},
                        content_type="application/json")
    assert entry.status_code == 201 and entry.json()["balances"][0]["invests_without_return"] is True
