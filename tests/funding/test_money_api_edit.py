"""PATCH and DELETE for monitoring and funding over the API: coordinators only, history kept (422 says why)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client

from netwerkregie.core.roles import NetworkRole
from netwerkregie.funding.models import Application, Assessor, Call, Criterion, FundingStream
from netwerkregie.monitoring import services as monitoring
from netwerkregie.monitoring.models import Indicator, IndicatorValue
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


def token_client(network, make_user, role: str) -> Client:
    user = make_user(f"api-{role}")
    registry.membership_set(network=network, user=user, role=role)
    return Client(headers={"Authorization": f"Bearer {registry.api_token_create(user=user, name='t')[1]}"})


def patch(client: Client, path: str, body: dict):
    return client.patch(path, json.dumps(body), content_type="application/json")


@pytest.fixture
def api(network):
    return lambda path: f"/api/v1/networks/{network.slug}/{path}"


def test_members_cannot_change_or_delete(network, make_user, build_call, api):
    assessed = build_call()
    member = token_client(network, make_user, NetworkRole.MEMBER)
    indicator = monitoring.indicator_create(network=network, name="Valincidenten")
    for path in (f"indicators/{indicator.pk}/", f"funding-streams/{assessed.stream.pk}/",
                 f"calls/{assessed.call.pk}/", f"applications/{assessed.applications['Y'].pk}/",
                 f"calls/{assessed.call.pk}/assessors/{assessed.assessors['P2'].pk}/"):
        assert patch(member, api(path), {}).status_code == 403, path
        assert member.delete(api(path)).status_code == 403, path
    assert member.post(api(f"applications/{assessed.applications['Y'].pk}/withdraw")).status_code == 403
    assert Indicator.objects.exists() and Application.objects.filter(withdrawn_on__isnull=True).count() == 3


def test_indicators_and_values_are_patched_and_deleted_only_without_history(network, make_user, api):
    coordinator = token_client(network, make_user, NetworkRole.COORDINATOR)
    indicator = monitoring.indicator_create(network=network, name="Inwoners")
    monitoring.values_store(network=network, rows=[monitoring.ValueRow(
        indicator=indicator, area_code="GM0400", period="2023JJ00", value=Decimal("31.5"))])
    response = patch(coordinator, api(f"indicators/{indicator.pk}/"), {"name": "Inwoners totaal"})
    assert response.status_code == 200 and response.json()["name"] == "Inwoners totaal"
    assert patch(coordinator, api(f"indicators/{indicator.pk}/"), {"name": None}).status_code == 422
    assert patch(coordinator, api(f"indicators/{indicator.pk}/"), {"name": ""}).status_code == 422  # same checks
    refused = coordinator.delete(api(f"indicators/{indicator.pk}/"))
    assert refused.status_code == 422 and Indicator.objects.exists()
    value = coordinator.get(api("indicator-values/")).json()["items"][0]
    response = patch(coordinator, api(f"indicator-values/{value['id']}/"), {"value": "32.25"})
    assert response.status_code == 200 and Decimal(response.json()["value"]) == Decimal("32.25")
    assert coordinator.delete(api(f"indicator-values/{value['id']}/")).status_code == 204
    assert coordinator.delete(api(f"indicators/{indicator.pk}/")).status_code == 204
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()


def test_an_open_call_keeps_its_criteria_and_an_assessed_application_is_withdrawn(network, make_user, build_call,
                                                                                 api):
    assessed = build_call()
    coordinator = token_client(network, make_user, NetworkRole.COORDINATOR)
    call = assessed.call
    criterion = assessed.criteria["A"]
    assert patch(coordinator, api(f"calls/{call.pk}/criteria/{criterion.pk}/"), {"weight": "9"}).status_code == 422
    assert coordinator.delete(api(f"calls/{call.pk}/criteria/{criterion.pk}/")).status_code == 422
    assert Criterion.objects.get(pk=criterion.pk).weight == Decimal(3)
    assert patch(coordinator, api(f"calls/{call.pk}/"), {"scale_max": 10}).status_code == 422
    response = patch(coordinator, api(f"calls/{call.pk}/"), {"description": "Na opening", "scale_max": 5})
    assert response.status_code == 200 and response.json()["description"] == "Na opening"
    assert coordinator.delete(api(f"calls/{call.pk}/")).status_code == 422 and Call.objects.filter(pk=call.pk).exists()
    y = assessed.applications["Y"]
    assert patch(coordinator, api(f"applications/{y.pk}/"), {"title": "Anders"}).status_code == 422
    assert coordinator.delete(api(f"applications/{y.pk}/")).status_code == 422
    response = coordinator.post(api(f"applications/{y.pk}/withdraw"))
    assert response.status_code == 200 and response.json()["withdrawn_on"] == datetime.date.today().isoformat()
    ranking = {r["title"]: r["rank"] for r in coordinator.get(api(f"calls/{call.pk}/result")).json()["ranking"]}
    assert ranking == {"Aanvraag X": 1, "Aanvraag Y": None, "Aanvraag Z": 2}
    assert coordinator.delete(api(f"calls/{call.pk}/assessors/{assessed.assessors['P2'].pk}/")).status_code == 422
    assert coordinator.delete(api(f"funding-streams/{assessed.stream.pk}/")).status_code == 422
    assert FundingStream.objects.exists() and Assessor.objects.count() == 3


def test_a_fresh_application_and_a_draft_call_change_and_go(network, make_user, build_call, api):
    assessed = build_call(score=False)
    coordinator = token_client(network, make_user, NetworkRole.COORDINATOR)
    created = coordinator.post(api(f"calls/{assessed.call.pk}/applications/"), json.dumps({
        "coalition": assessed.coalition.pk, "title": "Nieuw", "requested_amount": "1000",
        "partners": [{"organisation": assessed.organisations[0].pk}]}), content_type="application/json").json()
    response = patch(coordinator, api(f"applications/{created['id']}/"), {
        "requested_amount": "2500", "partners": [{"organisation": assessed.organisations[1].pk,
                                                  "own_contribution": "100"}]})
    assert response.status_code == 200, response.json()
    assert response.json()["requested_amount"] == "2500.00"
    assert [p["organisation"] for p in response.json()["partners"]] == [assessed.organisations[1].pk]
    assert coordinator.delete(api(f"applications/{created['id']}/")).status_code == 204
    draft = coordinator.post(api("calls/"), json.dumps({"stream": assessed.stream.pk, "name": "Concept"}),
                             content_type="application/json").json()
    criterion = coordinator.post(api(f"calls/{draft['id']}/criteria/"), json.dumps({"name": "Keten", "weight": "2"}),
                                 content_type="application/json").json()
    response = patch(coordinator, api(f"calls/{draft['id']}/criteria/{criterion['id']}/"), {"weight": "1.5"})
    assert response.status_code == 200 and Decimal(response.json()["weight"]) == Decimal("1.5")
    assert coordinator.delete(api(f"calls/{draft['id']}/")).status_code == 204
    assert not Call.objects.filter(pk=draft["id"]).exists()


def test_an_effectenarena_entry_is_patched_and_deleted(network, make_user, build_call, api):
    assessed = build_call(score=False)
    coordinator = token_client(network, make_user, NetworkRole.COORDINATOR)
    created = coordinator.post(api("effectenarena-entries/"), json.dumps({
        "initiative": assessed.initiative.pk, "stakeholder": "insurer", "approach": "integrated",
        "investment": "5000"}), content_type="application/json").json()
    entry = created["entries"][0]
    response = patch(coordinator, api(f"effectenarena-entries/{entry['id']}/"), {"returns": "7500.50"})
    assert response.status_code == 200 and Decimal(response.json()["returns"]) == Decimal("7500.50")
    arena = coordinator.get(api("effectenarenas/")).json()[0]
    assert arena["balances"][0]["invests_without_return"] is False
    assert patch(token_client(network, make_user, NetworkRole.MEMBER), api(f"effectenarena-entries/{entry['id']}/"),
                 {"returns": "0"}).status_code == 403
    assert coordinator.delete(api(f"effectenarena-entries/{entry['id']}/")).status_code == 204
    assert coordinator.get(api("effectenarenas/")).json()[0]["entries"] == []
