"""Survey round API: reads for members, writes for coordinators, isolation, no answers, no tokens."""

from __future__ import annotations

import pytest
from django.test import Client
from survey_helpers import DAY, TODAY, build_region, open_round

from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import SurveyRound
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region(network):
    return build_region(network)


@pytest.fixture
def api(network, make_user):
    """A client for a member with the given role, authenticated by a real API token."""

    def make(role: str = "admin", username: str | None = None) -> Client:
        member = make_user(username or f"api-{role}")
        registry.membership_set(network=network, user=member, role=role)
        token = registry.api_token_create(user=member, name="test")[1]
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


@pytest.fixture
def answered_round(network, region):
    r = open_round(network)
    invitations = survey.invitations_create(survey_round=r, people=region.people)
    survey.answers_save(invitation=invitations[0], instrument="five_conditions", values={"amb_shared": 2},
                        evidence={"amb_shared": "GEHEIM-BEWIJS"})
    survey.invitation_complete(invitation=invitations[0])
    return r, invitations


def base(network) -> str:
    return f"/api/v1/networks/{network.slug}/survey-rounds/"


def test_viewer_reads_rounds_and_response_rates_but_no_answers(network, api, answered_round):
    r, invitations = answered_round
    client = api("viewer")
    listing = client.get(base(network)).json()
    assert listing["count"] == 1
    assert {k: listing["items"][0][k] for k in ("id", "name", "invited", "completed", "is_open")} == {
        "id": r.pk, "name": "Meting 2026", "invited": 5, "completed": 1, "is_open": True}
    detail = client.get(f"{base(network)}{r.pk}/")
    assert detail.status_code == 200
    assert detail.json()["response"]["rate"] == 0.2
    response = client.get(f"{base(network)}{r.pk}/response/").json()
    assert response["organisations"] == [] and response["completed"] == 1  # per organisation: coordinators
    for text in (detail.content, client.get(f"{base(network)}{r.pk}/response/").content):
        assert b"GEHEIM-BEWIJS" not in text and invitations[0].token.encode() not in text
    assert client.get(f"{base(network)}{r.pk}/invitations/").status_code == 403


def test_coordinator_creates_updates_invites_and_deletes(network, api, region):
    client = api("coordinator")
    payload = {"name": "Meting API", "instruments": ["network_dip"], "opens_on": TODAY().isoformat(),
               "closes_on": (TODAY() + 10 * DAY).isoformat(), "theme": region.theme.pk}
    created = client.post(base(network), payload, content_type=JSON)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["theme"] == region.theme.pk and "{link}" in body["invitation_body_en"]
    url = f"{base(network)}{body['id']}/"
    bad = client.patch(url, {"closes_on": (TODAY() - 5 * DAY).isoformat(), "instruments": ["nope"]},
                       content_type=JSON)
    assert bad.status_code == 422
    assert {d["field"] for d in bad.json()["detail"]} == {"closes_on", "instruments"}
    assert client.patch(url, {"name": "Meting API 2"}, content_type=JSON).json()["name"] == "Meting API 2"
    invited = client.post(url + "invitations/", {"people": [region.anna.pk, region.bram.pk]}, content_type=JSON)
    assert invited.status_code == 201
    rows = invited.json()
    assert [(row["person"], row["level"], row["status"]) for row in rows] == [
        (region.anna.pk, "strategic", "not_sent"), (region.bram.pk, "tactical", "not_sent")]
    assert "token" not in rows[0]
    listing = client.get(url + "invitations/").json()
    assert listing["count"] == 2
    assert client.delete(url).status_code == 204
    assert not SurveyRound.objects.exists()


def test_viewer_cannot_write(network, api, region, answered_round):
    r, _ = answered_round
    client = api("viewer")
    payload = {"name": "X", "instruments": ["network_dip"], "opens_on": TODAY().isoformat(),
               "closes_on": TODAY().isoformat()}
    assert client.post(base(network), payload, content_type=JSON).status_code == 403
    assert client.patch(f"{base(network)}{r.pk}/", {"name": "Y"}, content_type=JSON).status_code == 403
    assert client.delete(f"{base(network)}{r.pk}/").status_code == 403
    assert client.post(f"{base(network)}{r.pk}/invitations/", {"people": [region.eva.pk]},
                       content_type=JSON).status_code == 403
    assert SurveyRound.objects.get().name == "Meting 2026"


def test_other_networks_rounds_and_people_are_invisible(network, api, answered_round, make_network, make_user):
    r, _ = answered_round
    outsider = make_user("buiten")
    other = make_network("elders", user=outsider)
    stranger = registry.person_create(network=other, name="Vreemde")
    token = registry.api_token_create(user=outsider, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get(base(network)).status_code == 404
    assert client.get(f"/api/v1/networks/elders/survey-rounds/{r.pk}/").status_code == 404
    assert client.get(f"/api/v1/networks/elders/survey-rounds/{r.pk}/response/").status_code == 404
    assert client.delete(f"/api/v1/networks/elders/survey-rounds/{r.pk}/").status_code == 404
    assert client.get("/api/v1/networks/elders/survey-rounds/").json()["count"] == 0
    # A coordinator of this network cannot invite a person of another network, nor scope to its theme.
    coordinator = api("coordinator")
    response = coordinator.post(f"{base(network)}{r.pk}/invitations/", {"people": [stranger.pk]},
                                content_type=JSON)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "people"
    other_theme = registry.theme_create(network=other, name="Elders thema")
    response = coordinator.patch(f"{base(network)}{r.pk}/", {"theme": other_theme.pk}, content_type=JSON)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "theme"
    assert Client().get(base(network)).status_code == 401
