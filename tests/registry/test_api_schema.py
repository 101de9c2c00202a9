"""The OpenAPI document is served and valid, and generated requests never cause a server error."""

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from netwerkregie.registry import services
from netwerkregie.registry.models import GovernanceUnitKind, Level, ThemeRoleKind
from netwerkregie.wsgi import application

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_openapi_is_served_and_valid():
    response = Client().get(OPENAPI)
    assert response.status_code == 200
    document = response.json()
    errors = [error.message for error in OPENAPI_31_VALIDATOR.iter_errors(document)]
    assert errors == []
    paths = document["paths"]
    for resource in ["organisations", "people", "themes", "theme-roles", "coalitions", "participations",
                     "initiatives", "governance-units", "unit-memberships", "memberships"]:
        assert set(paths[f"/api/v1/networks/{{slug}}/{resource}/"]) == {"get", "post"}, resource
        assert set(paths[f"/api/v1/networks/{{slug}}/{resource}/{{{_id_name(paths, resource)}}}/"]) == {
            "get", "patch", "delete"}, resource
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def _id_name(paths: dict, resource: str) -> str:
    prefix = f"/api/v1/networks/{{slug}}/{resource}/{{"
    return next(path for path in paths if path.startswith(prefix))[len(prefix):-2]


@pytest.fixture
def filled_network(user, network, org_type):
    """A member's network with one object of every kind, so generated ids and bodies can hit data."""
    hospital = services.organisation_create(network=network, name="Ziekenhuis", type=org_type())
    gp = services.organisation_create(network=network, name="Huisartsen", type=org_type("gp"))
    person = services.person_create(network=network, name="Anna", organisation=hospital)
    theme = services.theme_create(network=network, name="Ouderen")
    services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.BOARD_LEAD)
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie",
                                          organisations=[hospital, gp])
    services.initiative_create(coalition=coalition, name="Beweegcoach")
    unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.OTHER, name="Regiegroep")
    services.unit_membership_add(unit=unit, person=person, level=Level.STRATEGIC)
    return network




# Loaded through the WSGI app when the module is collected; generating the document needs no database.
schema = schemathesis.openapi.from_wsgi(OPENAPI, application).include(tag="registry")


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_generated_requests_never_fail_on_the_server(case, bearer, filled_network, keep_connection):
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = filled_network.slug
    # Our token wins over any Authorization header the generator made up.
    case.headers = {**(case.headers or {}), **bearer}
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text)
    assert response.status_code != 401, (case.method, case.formatted_path)


def test_api_docs_need_no_internet():
    """Swagger UI comes from django-ninja's static files: the docs work on an offline network."""
    page = Client().get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page
