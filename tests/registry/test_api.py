"""The registry API through HTTP with a real token: CRUD for every object, roles, isolation, errors."""

import datetime

import pytest
from django.test import Client

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import (
    CoalitionParticipation,
    GovernanceUnitKind,
    Level,
    NetworkMembership,
    ThemeRoleKind,
)

pytestmark = pytest.mark.django_db

JSON = "application/json"

# Every network-scoped collection of the registry API.
RESOURCES = ["organisations", "people", "themes", "theme-roles", "coalitions", "participations",
             "initiatives", "governance-units", "unit-memberships"]


def populate(network, org_type, prefix: str = "") -> dict:
    """One object of every kind, linked as in a real network; keyed by the API collection name."""
    noord = network.municipalities.order_by("name").first()
    hospital = services.organisation_create(network=network, name=f"{prefix}Ziekenhuis", type=org_type(),
                                            municipality=noord)
    gp = services.organisation_create(network=network, name=f"{prefix}Huisartsen", type=org_type("gp"))
    loose = services.organisation_create(network=network, name=f"{prefix}Welzijn Los", type=org_type("welfare"))
    person = services.person_create(network=network, name=f"{prefix}Anna de Vries", organisation=hospital,
                                    email="anna@example.org")
    theme = services.theme_create(network=network, name=f"{prefix}Ouderen", challenge="elderly")
    role = services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.BOARD_LEAD)
    coalition = services.coalition_create(network=network, theme=theme, name=f"{prefix}Valpreventie",
                                          organisations=[hospital, gp])
    initiative = services.initiative_create(coalition=coalition, name=f"{prefix}Beweegcoach")
    unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.BOARD_DIRECTION_GROUP,
                                           name=f"{prefix}Regiegroep")
    seat = services.unit_membership_add(unit=unit, person=person, level=Level.STRATEGIC)
    return {
        "organisations": hospital, "gp": gp, "loose": loose, "people": person, "themes": theme,
        "theme-roles": role, "coalitions": coalition,
        "participations": coalition.participations.get(organisation=hospital),
        "initiatives": initiative, "governance-units": unit, "unit-memberships": seat,
    }


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The API never checks passwords; a cheap hasher keeps creating users fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def token(user) -> str:
    return services.api_token_create(user=user, name="test")[1]


@pytest.fixture
def api(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def own(network, org_type) -> dict:
    return populate(network, org_type)


@pytest.fixture
def other(make_network, make_user, org_type):
    """A network the test user is not a member of, with one object of every kind."""
    network = make_network("elders", user=make_user("vreemde"), municipalities=["Elderstad"])
    return network, populate(network, org_type, prefix="Elders ")


def url(network, resource: str, pk: int | None = None) -> str:
    base = f"/api/v1/networks/{network.slug}/{resource}/"
    return f"{base}{pk}/" if pk else base


# CRUD for every object ------------------------------------------------------------------

# resource: (create payload, patch payload, a field the patch changes), built from `own`.
CRUD = {
    "organisations": (lambda o: {"name": "GGD Regio", "type": "ggd", "municipality": "Zuidstad",
                                 "website": "https://ggd.example.org"},
                      lambda o: {"name": "GGD Regio Voorbeeld"}, "name"),
    "people": (lambda o: {"name": "Bram Jansen", "organisation": o["gp"].pk, "function": "huisarts",
                          "email": "bram@example.org", "phone": "0612345678"},
               lambda o: {"organisation": None}, "organisation"),
    "themes": (lambda o: {"name": "Jeugd", "description": "Gezond opgroeien", "challenge": "youth"},
               lambda o: {"challenge": "prevention"}, "challenge"),
    "theme-roles": (lambda o: {"theme": o["themes"].pk, "person": o["people"].pk, "kind": "coordinator",
                               "start_date": "2025-01-01"},
                    lambda o: {"end_date": "2025-12-31"}, "end_date"),
    "coalitions": (lambda o: {"theme": o["themes"].pk, "name": "Wijkteams", "form": "alliance",
                              "organisations": [o["gp"].pk, o["loose"].pk]},
                   lambda o: {"status": "paused"}, "status"),
    "participations": (lambda o: {"coalition": o["coalitions"].pk, "organisation": o["loose"].pk,
                                  "contribution_people": "0.50", "contribution_knowledge": "wijkkennis"},
                       lambda o: {"contribution_knowledge": "wijkkennis en data"}, "contribution_knowledge"),
    "initiatives": (lambda o: {"coalition": o["coalitions"].pk, "name": "Valcheck", "start_date": "2025-03-01",
                               "end_date": "2025-09-01", "status": "running"},
                    lambda o: {"status": "completed"}, "status"),
    "governance-units": (lambda o: {"kind": "data_research_team", "name": "Datateam"},
                         lambda o: {"description": "Monitort de regio"}, "description"),
    "unit-memberships": (lambda o: {"unit": o["governance-units"].pk, "person": o["people"].pk,
                                    "level": "tactical", "role_title": "secretaris"},
                         lambda o: {"level": "operational"}, "level"),
}


@pytest.mark.parametrize("resource", RESOURCES)
def test_crud_for_every_object(api, network, own, resource):
    create, patch, changed = CRUD[resource]
    before = api.get(url(network, resource)).json()["count"]
    payload = create(own)
    response = api.post(url(network, resource), payload, content_type=JSON)
    assert response.status_code == 201, response.content
    created = response.json()
    for key, value in payload.items():
        assert created[key] == value, key

    detail = url(network, resource, created["id"])
    assert api.get(detail).json() == created
    listing = api.get(url(network, resource)).json()
    assert created["id"] in [item["id"] for item in listing["items"]]
    assert listing["count"] == len(listing["items"]) == before + 1

    change = patch(own)
    response = api.patch(detail, change, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()[changed] == change[changed]
    assert api.get(detail).json()[changed] == change[changed]
    # A partial update leaves the other fields alone.
    assert {k: v for k, v in response.json().items() if k != changed} == {
        k: v for k, v in created.items() if k != changed}

    assert api.delete(detail).status_code == 204
    assert api.get(detail).status_code == 404
    assert api.get(url(network, resource)).json()["count"] == before


def test_coalition_lists_its_current_organisations(api, network, own):
    coalition = own["coalitions"]
    body = api.get(url(network, "coalitions", coalition.pk)).json()
    assert sorted(body["organisations"]) == sorted([own["organisations"].pk, own["gp"].pk])
    services.participation_update(participation=own["participations"], start_date=datetime.date(2019, 1, 1),
                                  end_date=datetime.date(2020, 1, 1))
    body = api.get(url(network, "coalitions", coalition.pk)).json()
    assert body["organisations"] == [own["gp"].pk]
    # The ended participation stays in the history.
    history = api.get(url(network, "participations") + f"?coalition={coalition.pk}").json()
    assert history["count"] == 2


def test_deleting_a_person_erases_their_roles(api, network, own):
    person = own["people"]
    assert api.delete(url(network, "people", person.pk)).status_code == 204
    assert api.get(url(network, "theme-roles")).json()["count"] == 0
    assert api.get(url(network, "unit-memberships")).json()["count"] == 0


# Networks, memberships, organisation types ------------------------------------------------


def test_networks_list_create_and_update(api, user, network, make_network, make_user):
    make_network("niet-van-mij", user=make_user("ander"))
    assert [n["slug"] for n in api.get("/api/v1/networks/").json()] == [network.slug]
    assert api.get(f"/api/v1/networks/{network.slug}/").json()["municipalities"] == ["Noorddorp", "Zuidstad"]

    response = api.post("/api/v1/networks/", {"name": "Regio Nieuw", "slug": "regio-nieuw",
                                              "municipalities": ["Oost", "West"],
                                              "start_date": "2024-01-01"}, content_type=JSON)
    assert response.status_code == 201, response.content
    assert response.json()["municipalities"] == ["Oost", "West"]
    assert NetworkMembership.objects.get(network__slug="regio-nieuw", user=user).role == NetworkRole.ADMIN
    assert sorted(n["slug"] for n in api.get("/api/v1/networks/").json()) == ["regio-nieuw", network.slug]

    response = api.patch(f"/api/v1/networks/{network.slug}/",
                         {"societal_task": "Gezond ouder worden", "municipalities": ["Noorddorp", "Oostveen"]},
                         content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["societal_task"] == "Gezond ouder worden"
    assert response.json()["municipalities"] == ["Noorddorp", "Oostveen"]
    assert response.json()["name"] == network.name

    response = api.post("/api/v1/networks/", {"name": "Dubbel", "slug": network.slug}, content_type=JSON)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["slug"]


@pytest.mark.parametrize("role, status", [(NetworkRole.VIEWER, 403), (NetworkRole.MEMBER, 403),
                                          (NetworkRole.COORDINATOR, 403), (NetworkRole.ADMIN, 200)])
def test_only_admins_edit_the_network(api, user, network, role, status):
    services.membership_set(network=network, user=user, role=role)
    response = api.patch(f"/api/v1/networks/{network.slug}/", {"name": "Andere naam"}, content_type=JSON)
    assert response.status_code == status
    if status == 403:
        assert "detail" in response.json()


def test_admins_manage_memberships(api, user, network, make_user):
    make_user("collega")
    base = url(network, "memberships")
    response = api.post(base, {"username": "collega@example.org", "role": "member"}, content_type=JSON)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["username"] == "collega" and created["role"] == "member"
    assert sorted(m["username"] for m in api.get(base).json()["items"]) == ["collega", user.username]

    response = api.patch(url(network, "memberships", created["id"]), {"role": "coordinator"}, content_type=JSON)
    assert response.json()["role"] == "coordinator"

    for payload, field in [({"username": "niemand"}, "username"), ({"username": "collega@example.org"}, "username"),
                           ({"username": "collega", "role": "keizer"}, "role")]:
        response = api.post(base, payload, content_type=JSON)
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["detail"]] == [field]

    assert api.delete(url(network, "memberships", created["id"])).status_code == 204
    assert not NetworkMembership.objects.filter(network=network, user__username="collega").exists()

    own_membership = NetworkMembership.objects.get(network=network, user=user)
    response = api.patch(url(network, "memberships", own_membership.pk), {"role": "member"}, content_type=JSON)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "role"
    response = api.delete(url(network, "memberships", own_membership.pk))
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "user"
    assert NetworkMembership.objects.get(pk=own_membership.pk).role == NetworkRole.ADMIN

    services.membership_set(network=network, user=user, role=NetworkRole.COORDINATOR)
    assert api.get(base).status_code == 403


def test_organisation_types_are_a_reference_list(api, org_type):
    types = api.get("/api/v1/organisation-types/").json()
    keys = [t["key"] for t in types]
    assert {"hospital", "gp", "ggd", "welfare"} <= set(keys)
    hospital = next(t for t in types if t["key"] == "hospital")
    assert hospital["name_nl"] == org_type("hospital").name_nl


# Authentication, roles, isolation -------------------------------------------------------


def test_without_a_valid_token_everything_is_401(network, own):
    for client in [Client(), Client(HTTP_AUTHORIZATION="Bearer nr_wrong")]:
        for path in ["/api/v1/networks/", f"/api/v1/networks/{network.slug}/",
                     *(url(network, r) for r in RESOURCES),
                     *(url(network, r, own[r].pk) for r in RESOURCES)]:
            response = client.get(path)
            assert response.status_code == 401, path
            assert response.json() == {"detail": "Unauthorized"}


def test_an_inactive_users_token_is_refused(api, user, network):
    user.is_active = False
    user.save()
    assert api.get("/api/v1/networks/").status_code == 401


# (method, path template) of every network-scoped endpoint; {slug} and {id} are filled per case.
ENDPOINTS = [
    ("get", "/api/v1/networks/{slug}/"),
    ("patch", "/api/v1/networks/{slug}/"),
    ("get", "/api/v1/networks/{slug}/memberships/"),
    ("post", "/api/v1/networks/{slug}/memberships/"),
    ("get", "/api/v1/networks/{slug}/memberships/{id}/"),
    ("patch", "/api/v1/networks/{slug}/memberships/{id}/"),
    ("delete", "/api/v1/networks/{slug}/memberships/{id}/"),
] + [
    (method, f"/api/v1/networks/{{slug}}/{resource}/{suffix}")
    for resource in RESOURCES
    for method, suffix in [("get", ""), ("post", ""), ("get", "{id}/"), ("patch", "{id}/"),
                           ("delete", "{id}/")]
]


def _resource(template: str) -> str:
    return template.split("/")[5] if template.count("/") > 5 else "networks"


def _foreign_id(other_objects: dict, other_network, template: str) -> int | None:
    resource = _resource(template)
    if resource == "networks":
        return None
    if resource == "memberships":
        return other_network.memberships.get().pk
    return other_objects[resource].pk


@pytest.mark.parametrize("method, template", ENDPOINTS)
def test_another_network_is_404_on_every_endpoint(api, network, own, other, method, template):
    """Both the other network's slug and its object ids under our own slug are 404."""
    other_network, other_objects = other
    pk = _foreign_id(other_objects, other_network, template)
    body = {"networks": {"name": "X"}, "memberships": {"username": "vreemde", "role": "member"}}.get(
        _resource(template)) or CRUD[_resource(template)][0](own)
    slugs = [other_network.slug] + ([network.slug] if "{id}" in template else [])
    for slug in slugs:
        path = template.format(slug=slug, id=pk)
        response = getattr(api, method)(path, body, content_type=JSON)
        assert response.status_code == 404, (path, response.content)
        assert response.json() == {"detail": "Not found."}
    assert other_objects["organisations"].__class__.objects.filter(pk=other_objects["organisations"].pk).exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_viewers_read_but_cannot_write(api, user, network, own, resource):
    services.membership_set(network=network, user=user, role=NetworkRole.VIEWER)
    assert api.get(url(network, resource)).status_code == 200
    assert api.get(url(network, resource, own[resource].pk)).status_code == 200
    calls = [("post", url(network, resource), CRUD[resource][0](own)),
             ("patch", url(network, resource, own[resource].pk), CRUD[resource][1](own)),
             ("delete", url(network, resource, own[resource].pk), None)]
    for method, path, body in calls:
        response = getattr(api, method)(path, body, content_type=JSON)
        assert response.status_code == 403, (method, path)
        assert response.json()["detail"]
    assert own[resource].__class__.objects.filter(pk=own[resource].pk).exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_members_write(api, user, network, own, resource):
    services.membership_set(network=network, user=user, role=NetworkRole.MEMBER)
    response = api.post(url(network, resource), CRUD[resource][0](own), content_type=JSON)
    assert response.status_code == 201, response.content


# Errors name the field ------------------------------------------------------------------


def fields(response) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["field"] for error in response.json()["detail"]]


def test_validation_errors_name_the_field(api, network, own):
    post = lambda resource, body: api.post(url(network, resource), body, content_type=JSON)  # noqa: E731
    theme, person, coalition = own["themes"], own["people"], own["coalitions"]
    assert fields(post("organisations", {"name": "Nieuw", "type": "ruimteschip"})) == ["type"]
    assert fields(post("organisations", {"name": "Nieuw", "type": "ggd", "municipality": "Elderstad"})) == [
        "municipality"]
    assert fields(post("organisations", {"name": "Nieuw", "type": "ggd", "website": "geen url"})) == ["website"]
    assert fields(post("people", {"function": "arts"})) == ["name"]
    assert fields(post("people", {"name": "P", "email": "geen-adres"})) == ["email"]
    assert fields(post("themes", {"name": "Ouderen"})) == ["name"]
    assert fields(post("themes", {"name": "Nieuw", "challenge": "mars"})) == ["challenge"]
    assert fields(post("theme-roles", {"theme": theme.pk, "person": person.pk, "kind": "keizer"})) == ["kind"]
    assert fields(post("theme-roles", {"theme": theme.pk, "person": person.pk, "kind": "coordinator",
                                       "start_date": "2025-01-01", "end_date": "2024-01-01"})) == ["end_date"]
    assert fields(post("coalitions", {"theme": theme.pk, "name": "Nieuw", "form": "kartel"})) == ["form"]
    assert fields(post("participations", {"coalition": coalition.pk, "organisation": own["gp"].pk})) == [
        "organisation"]
    assert fields(post("participations", {"coalition": coalition.pk, "organisation": own["loose"].pk,
                                          "contribution_people": "123456.789"})) == ["contribution_people"]
    assert fields(post("initiatives", {"coalition": coalition.pk, "name": "Pilot", "start_date": "2025-05-01",
                                       "end_date": "2025-04-01"})) == ["end_date"]
    assert fields(post("initiatives", {"coalition": coalition.pk, "name": "Pilot",
                                       "start_date": "geen datum"})) == ["start_date"]
    assert fields(post("governance-units", {"kind": "other", "name": "Regiegroep"})) == ["name"]
    assert fields(post("unit-memberships", {"unit": own["governance-units"].pk, "person": person.pk})) == [
        "level"]
    assert fields(api.patch(url(network, "organisations", own["organisations"].pk), {"name": None},
                            content_type=JSON)) == ["name"]
    assert fields(api.patch(url(network, "coalitions", coalition.pk), {"theme": None},
                            content_type=JSON)) == ["theme"]
    assert fields(api.patch(url(network, "initiatives", own["initiatives"].pk), {"end_date": "2000-01-01",
                                                                                  "start_date": "2001-01-01"},
                            content_type=JSON)) == ["end_date"]


def test_duplicate_names_are_422_naming_the_name(api, network, own):
    for resource, body in [("organisations", {"name": "Ziekenhuis", "type": "ggd"}),
                           ("themes", {"name": "Ouderen"}),
                           ("coalitions", {"name": "Valpreventie", "theme": own["themes"].pk}),
                           ("governance-units", {"name": "Regiegroep", "kind": "other"})]:
        response = api.post(url(network, resource), body, content_type=JSON)
        assert response.status_code == 422, resource
        messages = response.json()["detail"][0]["messages"]
        assert messages and all(isinstance(m, str) for m in messages)


@pytest.mark.parametrize("resource, body, field", [
    ("people", lambda o, x: {"name": "P", "organisation": x["organisations"].pk}, "organisation"),
    ("theme-roles", lambda o, x: {"theme": x["themes"].pk, "person": o["people"].pk, "kind": "coordinator"},
     "theme"),
    ("theme-roles", lambda o, x: {"theme": o["themes"].pk, "person": x["people"].pk, "kind": "coordinator"},
     "person"),
    ("coalitions", lambda o, x: {"theme": x["themes"].pk, "name": "N"}, "theme"),
    ("coalitions", lambda o, x: {"theme": o["themes"].pk, "name": "N",
                                 "organisations": [o["gp"].pk, x["gp"].pk]}, "organisations"),
    ("participations", lambda o, x: {"coalition": x["coalitions"].pk, "organisation": o["loose"].pk},
     "coalition"),
    ("participations", lambda o, x: {"coalition": o["coalitions"].pk, "organisation": x["loose"].pk},
     "organisation"),
    ("initiatives", lambda o, x: {"coalition": x["coalitions"].pk, "name": "N"}, "coalition"),
    ("unit-memberships", lambda o, x: {"unit": x["governance-units"].pk, "person": o["people"].pk,
                                       "level": "strategic"}, "unit"),
    ("unit-memberships", lambda o, x: {"unit": o["governance-units"].pk, "person": x["people"].pk,
                                       "level": "strategic"}, "person"),
])
def test_references_to_another_network_are_422_naming_the_field(api, network, own, other, resource, body,
                                                                 field):
    _other_network, foreign = other
    count = own[resource].__class__.objects.count()
    response = api.post(url(network, resource), body(own, foreign), content_type=JSON)
    assert fields(response) == [field]
    # The message does not reveal the other network's object.
    assert "Elders" not in response.content.decode()
    assert own[resource].__class__.objects.count() == count


@pytest.mark.parametrize("resource, body, field", [
    ("people", lambda x: {"organisation": x["organisations"].pk}, "organisation"),
    ("theme-roles", lambda x: {"person": x["people"].pk}, "person"),
    ("coalitions", lambda x: {"theme": x["themes"].pk}, "theme"),
    ("participations", lambda x: {"organisation": x["loose"].pk}, "organisation"),
    ("unit-memberships", lambda x: {"person": x["people"].pk}, "person"),
])
def test_updates_refuse_references_to_another_network(api, network, own, other, resource, body, field):
    _other_network, foreign = other
    response = api.patch(url(network, resource, own[resource].pk), body(foreign), content_type=JSON)
    assert fields(response) == [field]


# Pagination and filters ----------------------------------------------------------------


def test_pagination(api, network, org_type):
    for index in range(7):
        services.organisation_create(network=network, name=f"Org {index}", type=org_type())
    page = api.get(url(network, "organisations") + "?limit=3&offset=3").json()
    assert page["count"] == 7
    assert [o["name"] for o in page["items"]] == ["Org 3", "Org 4", "Org 5"]
    assert len(api.get(url(network, "organisations") + "?offset=6").json()["items"]) == 1
    assert fields(api.get(url(network, "organisations") + "?limit=0")) == ["limit"]
    assert fields(api.get(url(network, "organisations") + "?limit=5000")) == ["limit"]


def names(api, path: str, key: str = "name") -> list:
    response = api.get(path)
    assert response.status_code == 200, response.content
    return [item[key] for item in response.json()["items"]]


def test_filters(api, network, own):
    base = f"/api/v1/networks/{network.slug}"
    theme2 = services.theme_create(network=network, name="Jeugd")
    services.coalition_create(network=network, theme=theme2, name="Jeugdnetwerk", status="exploring",
                              organisations=[own["loose"]])
    bram = services.person_create(network=network, name="Bram", organisation=own["gp"], function="huisarts")
    services.theme_role_add(theme=theme2, person=bram, kind=ThemeRoleKind.COORDINATOR)
    unit2 = services.governance_unit_create(network=network, kind="other", name="Werkgroep")
    services.unit_membership_add(unit=unit2, person=bram, level=Level.OPERATIONAL)
    services.initiative_create(coalition=network.coalitions.get(name="Jeugdnetwerk"), name="Jongerenraad")

    assert names(api, f"{base}/organisations/?type=gp") == ["Huisartsen"]
    assert names(api, f"{base}/organisations/?municipality=Noorddorp") == ["Ziekenhuis"]
    assert names(api, f"{base}/organisations/?q=los") == ["Welzijn Los"]
    assert names(api, f"{base}/people/?organisation={own['gp'].pk}") == ["Bram"]
    assert names(api, f"{base}/people/?q=HUISARTS") == ["Bram"]
    assert names(api, f"{base}/coalitions/?theme={theme2.pk}") == ["Jeugdnetwerk"]
    assert names(api, f"{base}/coalitions/?status=active") == ["Valpreventie"]
    assert fields(api.get(f"{base}/coalitions/?status=sleeping")) == ["status"]
    assert names(api, f"{base}/initiatives/?coalition={own['coalitions'].pk}") == ["Beweegcoach"]
    assert names(api, f"{base}/theme-roles/?theme={theme2.pk}", "person") == [bram.pk]
    loose_participation = CoalitionParticipation.objects.get(organisation=own["loose"])
    assert names(api, f"{base}/participations/?organisation={own['loose'].pk}", "id") == [loose_participation.pk]
    assert len(names(api, f"{base}/participations/?coalition={own['coalitions'].pk}", "id")) == 2
    assert names(api, f"{base}/unit-memberships/?unit={unit2.pk}", "person") == [bram.pk]
    # A filter naming another network's object finds nothing rather than leaking it.
    assert names(api, f"{base}/people/?organisation=999999") == []


def test_input_the_database_cannot_hold_is_422(api, network, own):
    """NUL characters (PostgreSQL refuses them) and ids beyond 64 bits never reach the database."""
    base = url(network, "organisations")
    assert fields(api.post(base, {"name": "a\x00b", "type": "ggd"}, content_type=JSON)) == ["name"]
    assert fields(api.get(base + "?q=%00")) == ["q"]
    assert fields(api.get(url(network, "people", 2**64))) == ["person_id"]
    assert fields(api.post(url(network, "people"), {"name": "P", "organisation": 2**64},
                           content_type=JSON)) == ["organisation"]
    assert fields(api.get(url(network, "organisations") + f"?offset={2**64}")) == ["offset"]
    assert fields(api.get("/api/v1/networks/regio%00test/")) == ["slug"]
