"""The analysis API through HTTP with a real token: relations CRUD, filters, roles, isolation, the analysis."""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings
from relation_helpers import org, orgs, relation, report, respondent, survey_round
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from netwerkregie.analysis.models import Relation
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry
from netwerkregie.wsgi import application

pytestmark = pytest.mark.django_db
JSON = "application/json"
CONTRACT = {"nodes", "edges", "density", "components", "degree_centralization", "communities", "per_node"}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def api_client(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {registry.api_token_create(user=user, name='t')[1]}"})


@pytest.fixture
def api(user) -> Client:
    return api_client(user)


def base(network) -> str:
    return f"/api/v1/networks/{network.slug}"


def fields(response) -> set[str]:
    return {error["field"] for error in response.json()["detail"]}


def test_crud(network, api):
    a, b, c = orgs(network, "Gemeente", "Welzijn", "GGD")
    created = api.post(f"{base(network)}/relations/", {"source": a.pk, "target": b.pk, "kind": "funding",
                                                       "start_date": "2024-01-01"}, content_type=JSON)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body == {"id": body["id"], "source": a.pk, "target": b.pk, "kind": "funding", "description": "",
                    "start_date": "2024-01-01", "end_date": None}
    url = f"{base(network)}/relations/{body['id']}/"
    assert api.get(url).json() == body
    patched = api.patch(url, {"target": c.pk, "description": "Subsidie"}, content_type=JSON)
    assert patched.status_code == 200 and patched.json()["target"] == c.pk
    assert Relation.objects.get().description == "Subsidie"
    assert api.delete(url).status_code == 204
    assert api.get(url).status_code == 404


def test_list_paginates_and_filters(network, api):
    a, b, c = orgs(network, "A", "B", "C")
    relation(network, a, b, "funding")
    relation(network, b, c, "referral", start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 12, 31))
    relation(network, c, a, "covenant")
    listed = api.get(f"{base(network)}/relations/", {"limit": 2}).json()
    assert listed["count"] == 3 and len(listed["items"]) == 2
    assert [r["kind"] for r in api.get(f"{base(network)}/relations/", {"kind": "referral"}).json()["items"]] == [
        "referral"]
    around_a = api.get(f"{base(network)}/relations/", {"organisation": a.pk}).json()["items"]
    assert sorted(r["kind"] for r in around_a) == ["covenant", "funding"]
    then = api.get(f"{base(network)}/relations/", {"active_on": "2020-06-01"}).json()["items"]
    assert [r["kind"] for r in then] == ["funding", "referral", "covenant"]
    later = api.get(f"{base(network)}/relations/", {"active_on": "2021-06-01"}).json()["items"]
    assert [r["kind"] for r in later] == ["funding", "covenant"]


def test_errors_name_the_field(network, api, make_network):
    a, b = orgs(network, "A", "B")
    foreign = org(make_network("elders"), "Elders")
    url = f"{base(network)}/relations/"
    cases = [
        ({"source": a.pk, "target": foreign.pk, "kind": "funding"}, {"target"}),
        ({"source": a.pk, "target": a.pk, "kind": "funding"}, {"target"}),
        ({"source": a.pk, "target": b.pk, "kind": "gossip"}, {"kind"}),
        ({"source": a.pk, "target": b.pk, "kind": "funding", "start_date": "2025-01-01",
          "end_date": "2024-01-01"}, {"end_date"}),
        ({"target": b.pk, "kind": "funding"}, {"source"}),
    ]
    for body, expected in cases:
        response = api.post(url, body, content_type=JSON)
        assert response.status_code == 422 and fields(response) == expected, (body, response.json())
    made = relation(network, a, b)
    response = api.patch(f"{url}{made.pk}/", {"kind": None}, content_type=JSON)
    assert response.status_code == 422 and fields(response) == {"kind"}
    assert Relation.objects.count() == 1


def test_isolation_and_roles(network, make_network, make_user):
    a, b = orgs(network, "A", "B")
    made = relation(network, a, b)
    outsider = make_user("buiten")
    other = make_network("eigen", user=outsider)
    x, y = orgs(other, "X", "Y")
    client = api_client(outsider)
    assert client.get(f"{base(network)}/relations/").status_code == 404
    assert client.get(f"{base(network)}/analysis").status_code == 404
    # another network's relation through the caller's own network is a 404 as well
    assert client.get(f"{base(other)}/relations/{made.pk}/").status_code == 404
    assert client.patch(f"{base(other)}/relations/{made.pk}/", {"kind": "contract"},
                        content_type=JSON).status_code == 404
    assert client.delete(f"{base(other)}/relations/{made.pk}/").status_code == 404
    registry.membership_set(network=network, user=outsider, role=NetworkRole.VIEWER)
    assert client.get(f"{base(network)}/relations/").json()["count"] == 1
    assert client.post(f"{base(network)}/relations/", {"source": a.pk, "target": b.pk, "kind": "funding"},
                       content_type=JSON).status_code == 403
    assert client.delete(f"{base(network)}/relations/{made.pk}/").status_code == 403
    assert Relation.objects.filter(network=network).count() == 1


def test_analysis_endpoint(network, api, make_network):
    a, b, c = orgs(network, "A", "B", "C")
    relation(network, a, b)
    r = survey_round(network)
    report(respondent(r, b), c, trust=(4, 4, 4))
    report(respondent(r, c), b, trust=(2, 2, 2))
    respondent(r, a)  # answered, reported nothing: three respondents make the round count
    everything = api.get(f"{base(network)}/analysis")
    assert everything.status_code == 200
    data = everything.json()
    assert set(data) >= CONTRACT and data["nodes"] == 3 and data["edges"] == 2
    assert data["cut_points"] == ["B"] and data["reciprocity"] == pytest.approx(2 / 3)
    manual = api.get(f"{base(network)}/analysis", {"sources": "manual"}).json()
    assert manual["edges"] == 1 and manual["isolates"] == ["C"]
    directed = api.get(f"{base(network)}/analysis", {"sources": ["survey"], "directed": "true",
                                                     "round": r.pk}).json()
    assert directed["edges"] == 2 and {row["name"]: row["trust"] for row in directed["received"]} == {
        "B": None, "C": None}  # one report each: below the anonymity minimum of 3
    foreign_round = survey_round(make_network("elders"))
    refused = api.get(f"{base(network)}/analysis", {"round": foreign_round.pk})
    assert refused.status_code == 422 and fields(refused) == {"round"}
    assert fields(api.get(f"{base(network)}/analysis", {"sources": "rumour"})) == {"sources.0"}


# Generated requests -------------------------------------------------------------------------------

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex=r"/relations/|/analysis$")



@pytest.fixture
def filled(user, network):
    """A member's network with a relation and a survey round, so generated ids can hit data."""
    a, b = orgs(network, "A", "B")
    relation(network, a, b)
    report(respondent(survey_round(network), a), b)
    return network, registry.api_token_create(user=user, name="schemathesis")[1]


@schema.parametrize()
@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_generated_requests_never_fail_on_the_server(case, filled, keep_connection):
    network, token = filled
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = network.slug
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text)
    if response.status_code == 422:
        assert all(error["field"] for error in response.json()["detail"])


def test_openapi_documents_the_analysis_endpoints():
    document = Client().get("/api/v1/openapi.json").json()
    assert [error.message for error in OPENAPI_31_VALIDATOR.iter_errors(document)] == []
    paths = document["paths"]
    assert set(paths["/api/v1/networks/{slug}/relations/"]) == {"get", "post"}
    assert set(paths["/api/v1/networks/{slug}/relations/{relation_id}/"]) == {"get", "patch", "delete"}
    analysis = paths["/api/v1/networks/{slug}/analysis"]["get"]
    assert {p["name"] for p in analysis["parameters"]} >= {"slug", "sources", "round", "directed"}
    schema = analysis["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(document["components"]["schemas"][schema]["properties"]) >= CONTRACT | {"cut_points", "received"}


def test_analysis_endpoint_pages_the_organisations(network, api):
    organisations = orgs(network, "A", "B", "C", "D", "E")
    for source, target in zip(organisations, organisations[1:], strict=False):
        relation(network, source, target)
    everything = api.get(f"{base(network)}/analysis").json()
    assert everything["organisation_count"] == len(everything["per_node"]) == 5
    assert everything["received_count"] == len(everything["received"]) == 0  # nobody reported in a survey
    pages = [api.get(f"{base(network)}/analysis", {"organisations_limit": 2, "organisations_offset": offset}).json()
             for offset in (0, 2, 4)]
    assert [len(page["per_node"]) for page in pages] == [2, 2, 1]
    assert [row["name"] for page in pages for row in page["per_node"]] == ["A", "B", "C", "D", "E"]
    assert {page["organisation_count"] for page in pages} == {5} and pages[2]["nodes"] == 5
    assert api.get(f"{base(network)}/analysis", {"organisations_limit": 5000}).status_code == 422
