"""The organisations API with a real token: CRUD, errors naming the field, isolation."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user):
    _token, plain = services.api_token_create(user=user, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return client


def test_crud_through_the_api(api, network):
    base = f"/api/v1/networks/{network.slug}/organisations/"
    created = api.post(base, {"name": "GGD Test", "type": "ggd", "municipality": "Noorddorp"},
                       content_type="application/json")
    assert created.status_code == 201, created.content
    org = created.json()
    assert org["type"] == "ggd" and org["municipality"] == "Noorddorp"
    listing = api.get(base + "?type=ggd").json()
    assert listing["count"] == 1 and listing["items"][0]["name"] == "GGD Test"
    patched = api.patch(f"{base}{org['id']}/", {"website": "https://ggd.example.org"},
                        content_type="application/json")
    assert patched.json()["website"] == "https://ggd.example.org"
    assert api.delete(f"{base}{org['id']}/").status_code == 204
    assert api.get(base).json()["count"] == 0


def test_errors_name_the_field(api, network):
    base = f"/api/v1/networks/{network.slug}/organisations/"
    response = api.post(base, {"name": "X", "type": "spaceship"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "type"
    response = api.post(base, {"type": "ggd"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "name"
    api.post(base, {"name": "Dubbel", "type": "ggd"}, content_type="application/json")
    response = api.post(base, {"name": "Dubbel", "type": "ggd"}, content_type="application/json")
    assert response.status_code == 422


def test_auth_roles_and_isolation(api, network, make_network, make_user, user, org_type):
    assert Client().get("/api/v1/networks/").status_code == 401
    other = make_network("elders")
    foreign = services.organisation_create(network=other, name="Elders", type=org_type())
    own = services.organisation_create(network=network, name="Eigen", type=org_type())
    for method, url in [("get", f"/api/v1/networks/{other.slug}/"),
                        ("get", f"/api/v1/networks/{other.slug}/organisations/"),
                        ("get", f"/api/v1/networks/{other.slug}/organisations/{foreign.pk}/"),
                        ("get", f"/api/v1/networks/{network.slug}/organisations/{foreign.pk}/"),
                        ("patch", f"/api/v1/networks/{network.slug}/organisations/{foreign.pk}/"),
                        ("delete", f"/api/v1/networks/{network.slug}/organisations/{foreign.pk}/")]:
        response = getattr(api, method)(url, {}, content_type="application/json")
        assert response.status_code == 404, (method, url)
    assert [n["slug"] for n in api.get("/api/v1/networks/").json()] == [network.slug]
    services.membership_set(network=network, user=user, role=NetworkRole.VIEWER)
    response = api.delete(f"/api/v1/networks/{network.slug}/organisations/{own.pk}/")
    assert response.status_code == 403


def test_list_keeps_a_constant_query_count(api, network, org_type):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get(f"/api/v1/networks/{network.slug}/organisations/?limit=1000").status_code == 200
        return len(queries)

    for i in range(10):
        services.organisation_create(network=network, name=f"Org {i}", type=org_type(),
                                     municipality=network.municipalities.first())
    small = count()
    for i in range(10, 300):
        services.organisation_create(network=network, name=f"Org {i}", type=org_type(),
                                     municipality=network.municipalities.first())
    assert count() == small


def test_token_from_the_cli_opens_the_api(network, user, capsys):
    from django.core.management import call_command

    call_command("create_token", user.username, "script")
    plain = capsys.readouterr().out.strip()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/networks/")
    assert response.status_code == 200 and response.json()[0]["slug"] == network.slug


def test_admin_lists_the_registry(admin_client, network):
    for path in ["network", "organisation", "coalition", "theme", "governanceunit", "person", "apitoken"]:
        assert admin_client.get(f"/admin/registry/{path}/").status_code == 200, path
