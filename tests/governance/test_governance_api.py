"""The governance API through HTTP with a real token: advice with sources, the profile, roles, isolation."""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.test import Client
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.wsgi import application

pytestmark = pytest.mark.django_db

JSON = "application/json"


def client_for(user) -> Client:
    """A token client that chose English, so messages are asserted in their source text."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='test')[1]}")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def api(user) -> Client:
    return client_for(user)


def advice_url(slug: str) -> str:
    return f"/api/v1/networks/{slug}/governance/advice"


def profile_url(slug: str) -> str:
    return f"/api/v1/networks/{slug}/governance/profile"


def errors(response) -> dict[str, list[str]]:
    return {item["field"]: item["messages"] for item in response.json()["detail"]}


def test_advice_with_inputs_sources_scores_and_current_form(api, build, network):
    hub, *_ = build.lead_organization()
    response = api.get(advice_url(network.slug))
    assert response.status_code == 200
    data = response.json()
    assert data["recommended"] == "lead_organization"
    assert set(data["scores"]) == {"shared_governance", "lead_organization", "nao", "hybrid"}
    assert data["tied"] == [] and data["participant_bands"] == ["moderate"]
    assert data["scores"]["lead_organization"] == max(data["scores"].values())
    assert data["reasons"] and len(data["tensions"]) == 3
    inputs = data["inputs"]
    assert (inputs["participants"]["value"], inputs["participants"]["source"]) == (15, "registry")
    assert inputs["trust_density"]["source"] == "survey"
    assert inputs["trust_density"]["round"] == "Meting 2026"
    assert (inputs["goal_consensus"]["value"], inputs["goal_consensus"]["source"]) == (0.25, "hand")
    assert inputs["centralization"]["value"] == 1.0
    assert data["current_form"] == {
        "form": "lead_organization", "label": "lead organisation", "lead_organisation": hub.pk,
        "lead_organisation_name": hub.name, "status": "matches",
        "message": "The current form, lead organisation, matches the advice."}
    lead_row = next(row for row in data["table"] if row["form"] == "lead_organization")
    assert [cell["fits"] for cell in lead_row["cells"]] == [True, True, True, True]
    assert [cell["column"] for cell in lead_row["cells"]] == ["trust_density", "participants", "goal_consensus",
                                                             "competency_need"]
    assert any(t["value"] == "2 – 12 / 8 – 30 / ≥ 20" for t in data["thresholds"])
    assert "15 of the network's 15 organisations answered" in inputs["trust_density"]["note"]


def test_advice_with_missing_inputs_says_what_to_do(api, build, network):
    build.coalition(build.organisations(3))
    data = api.get(advice_url(network.slug)).json()
    assert data["recommended"] is None and data["scores"] == {} and not data["hybrid"]
    trust = data["inputs"]["trust_density"]
    assert trust["missing"] and trust["value"] is None and trust["source"] == "missing"
    assert "relational survey" in trust["note"]
    assert data["current_form"]["status"] == "no_advice"


def test_advice_for_a_chosen_round(api, build, network, make_network, make_builder):
    build.shared_governance()
    survey_round = network.survey_rounds.get()
    data = api.get(advice_url(network.slug), {"round": survey_round.pk}).json()
    assert data["inputs"]["goal_consensus"]["round"] == survey_round.name
    foreign = make_builder(make_network("regio-elders")).survey_round("Elders")
    assert api.get(advice_url(network.slug), {"round": foreign.pk}).status_code == 404
    assert api.get(advice_url(network.slug), {"round": "x"}).status_code == 422


def test_profile_read_before_anything_was_entered(api, network):
    data = api.get(profile_url(network.slug)).json()
    assert data == {"current_form": "undecided", "lead_organisation": None, "goal_consensus": None,
                    "competency_need": None, "notes": "", "updated_at": None, "updated_by": None,
                    "trust_response_floor": 60, "participants_few_max": 12, "participants_moderate_min": 8,
                    "participants_moderate_max": 30, "participants_many_min": 20}


def test_profile_put_and_read_back(api, build, network, user):
    hub = build.organisations(2)[0]
    body = {"current_form": "lead_organization", "lead_organisation": hub.pk, "goal_consensus": 0.4,
            "competency_need": 0.7, "notes": "Gemeente is penvoerder."}
    response = api.put(profile_url(network.slug), body, content_type=JSON)
    assert response.status_code == 200, response.content
    data = response.json()
    assert {key: data[key] for key in body} == body
    assert data["updated_by"] == user.username and data["updated_at"]
    assert api.get(profile_url(network.slug)).json() == data
    # A PUT replaces: what is left out goes back to its default.
    data = api.put(profile_url(network.slug), {"current_form": "nao"}, content_type=JSON).json()
    assert (data["current_form"], data["lead_organisation"], data["goal_consensus"], data["notes"]) == (
        "nao", None, None, "")


@pytest.mark.parametrize(("body", "field"), [
    ({"current_form": "lead_organization"}, "lead_organisation"),
    ({"current_form": "shared_governance", "lead_organisation": "HUB"}, "lead_organisation"),
    ({"current_form": "nao", "goal_consensus": 1.5}, "goal_consensus"),
    ({"current_form": "nao", "competency_need": -0.1}, "competency_need"),
    ({"current_form": "anarchy"}, "current_form"),
    ({"current_form": "nao", "lead_organisation": 999999}, "lead_organisation"),
    ({"current_form": "nao", "notes": "a\x00b"}, "notes"),
])
def test_profile_errors_name_the_field(api, build, network, body, field):
    hub = build.organisations(1)[0]
    if body.get("lead_organisation") == "HUB":
        body = {**body, "lead_organisation": hub.pk}
    response = api.put(profile_url(network.slug), body, content_type=JSON)
    assert response.status_code == 422, response.content
    assert field in errors(response)
    assert api.get(profile_url(network.slug)).json()["current_form"] == "undecided"


def test_lead_organisation_of_another_network_is_refused(api, network, make_network, make_builder, user):
    other = make_network("regio-elders", user=user)
    foreign = make_builder(other).organisations(1)[0]
    response = api.put(profile_url(network.slug), {"current_form": "lead_organization",
                                                  "lead_organisation": foreign.pk}, content_type=JSON)
    assert response.status_code == 422
    assert f"There is no organisation with id {foreign.pk}" in errors(response)["lead_organisation"][0]


def test_roles(network, make_user):
    for role, can_write in [(NetworkRole.VIEWER, False), (NetworkRole.MEMBER, False),
                            (NetworkRole.COORDINATOR, True), (NetworkRole.ADMIN, True)]:
        person = make_user(f"user-{role}")
        services.membership_set(network=network, user=person, role=role)
        client = client_for(person)
        assert client.get(advice_url(network.slug)).status_code == 200
        assert client.get(profile_url(network.slug)).status_code == 200
        response = client.put(profile_url(network.slug), {"current_form": "nao"}, content_type=JSON)
        assert response.status_code == (200 if can_write else 403), role


def test_other_networks_are_404(api, build, make_network, make_user):
    build.shared_governance()
    stranger = make_user("buitenstaander")
    other = make_network("regio-elders", user=stranger)
    for url in (advice_url(other.slug), profile_url(other.slug), advice_url("bestaat-niet")):
        assert api.get(url).status_code == 404
    assert api.put(profile_url(other.slug), {"current_form": "nao"}, content_type=JSON).status_code == 404
    # And the stranger sees nothing of the first network.
    assert client_for(stranger).get(advice_url(build.network.slug)).status_code == 404


def test_advice_queries_do_not_grow_with_the_network(api, build, network, user, make_network, make_builder,
                                                     django_assert_max_num_queries):
    small = make_network("regio-klein", user=user)
    make_builder(small).shared_governance()
    build.nao()
    counts = []
    for slug in (small.slug, network.slug):
        with django_assert_max_num_queries(1000) as queries:
            assert api.get(advice_url(slug)).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_without_a_token_it_is_401(network):
    assert Client().get(advice_url(network.slug)).status_code == 401
    assert Client().put(profile_url(network.slug), {"current_form": "nao"}, content_type=JSON).status_code == 401


# Generated requests ------------------------------------------------------------------------------

OPENAPI = "/api/v1/openapi.json"


def test_openapi_documents_the_governance_endpoints():
    document = Client().get(OPENAPI).json()
    assert [error.message for error in OPENAPI_31_VALIDATOR.iter_errors(document)] == []
    assert set(document["paths"]["/api/v1/networks/{slug}/governance/advice"]) == {"get"}
    assert set(document["paths"]["/api/v1/networks/{slug}/governance/profile"]) == {"get", "put"}



@pytest.fixture
def lead_network(build, network):
    build.lead_organization()
    return network



schema = schemathesis.openapi.from_wsgi(OPENAPI, application).include(tag="governance")


@schema.parametrize()
@hypothesis.settings(max_examples=10, deadline=None, derandomize=True,
                     suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture,
                                            hypothesis.HealthCheck.too_slow, hypothesis.HealthCheck.filter_too_much])
def test_generated_requests_never_fail_on_the_server(case, lead_network, bearer, keep_connection):
    case.path_parameters = {**(case.path_parameters or {}), "slug": lead_network.slug}
    case.headers = {**(case.headers or {}), **bearer}
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text)
    assert response.status_code != 401, (case.method, case.formatted_path)
