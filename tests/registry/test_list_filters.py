"""Registry lists: search, filters, Dutch sorting and pages, the same on the page and in the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core.pagination import PAGE_SIZE
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db

NAMES = ["GGD Hollands Midden", "gemeente Zuidstad", "Gemeente Noorddorp", "Éénlijn Zorg", "Apotheek de Zon",
         "Ziekenhuis Rivierenland"]
DUTCH_ORDER = ["Apotheek de Zon", "Éénlijn Zorg", "Gemeente Noorddorp", "gemeente Zuidstad",
               "GGD Hollands Midden", "Ziekenhuis Rivierenland"]


@pytest.fixture
def organisations(network, org_type):
    types = {"GGD": "ggd", "gemeente": "municipality", "Gemeente": "municipality"}
    return [services.organisation_create(network=network, name=name,
                                         type=org_type(types.get(name.split()[0], "other")))
            for name in NAMES]


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {services.api_token_create(user=user, name='t')[1]}"})


def rows(client: Client, url: str, table_id: str) -> list[str]:
    html = client.get(url).content.decode().split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [name for name in NAMES if name in html]


def order_in(client: Client, url: str, table_id: str) -> list[str]:
    html = client.get(url).content.decode().split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return sorted((name for name in NAMES if name in html), key=html.index)


def test_dutch_alphabetical_order_on_page_and_api(logged_in_client, network, organisations, user):
    url = reverse("registry:organisation_list", args=[network.slug])
    assert order_in(logged_in_client, url, "organisation-list") == DUTCH_ORDER
    items = api(user).get(f"/api/v1/networks/{network.slug}/organisations/").json()["items"]
    assert [item["name"] for item in items] == DUTCH_ORDER


def test_search_ignores_case_and_accents_and_filters_combine(logged_in_client, network, organisations, user):
    url = reverse("registry:organisation_list", args=[network.slug])
    assert rows(logged_in_client, url + "?q=eenlijn", "organisation-list") == ["Éénlijn Zorg"]
    assert order_in(logged_in_client, url + "?type=municipality", "organisation-list") == [
        "Gemeente Noorddorp", "gemeente Zuidstad"]
    items = api(user).get(f"/api/v1/networks/{network.slug}/organisations/?q=GEMEENTE&type=municipality").json()
    assert [item["name"] for item in items["items"]] == ["Gemeente Noorddorp", "gemeente Zuidstad"]


def test_the_api_names_a_bad_filter_value(network, organisations, user):
    response = api(user).get(f"/api/v1/networks/{network.slug}/organisations/?sort=shoe-size")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "sort"


def test_long_lists_paginate(logged_in_client, network, org_type):
    for number in range(PAGE_SIZE + 5):
        services.person_create(network=network, name=f"Persoon {number:03}")
    url = reverse("registry:person_list", args=[network.slug])
    first = logged_in_client.get(url).content.decode()
    assert "Persoon 000" in first and f"Persoon {PAGE_SIZE:03}" not in first and 'rel="next"' in first
    second = logged_in_client.get(url + "?page=2").content.decode()
    assert f"Persoon {PAGE_SIZE:03}" in second and "Persoon 000" not in second
    assert logged_in_client.get(url + "?page=999").status_code == 200  # out of range: the last page


def test_people_sort_by_organisation_and_search_by_function(logged_in_client, network, organisations):
    ggd, gemeente = organisations[0], organisations[2]
    services.person_create(network=network, name="Zoë", organisation=gemeente, function="wethouder")
    services.person_create(network=network, name="Anna", organisation=ggd, function="arts")
    url = reverse("registry:person_list", args=[network.slug])
    page = logged_in_client.get(url + "?sort=organisation").content.decode()
    assert page.index("Zoë") < page.index(">Anna<")  # Gemeente before GGD
    page = logged_in_client.get(url + "?q=wethouder").content.decode().split('id="person-list"')[1]
    assert "Zoë" in page and ">Anna<" not in page


def test_initiatives_have_their_own_list(logged_in_client, network, organisations, user):
    theme = services.theme_create(network=network, name="Ouderen")
    other_theme = services.theme_create(network=network, name="Jeugd")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie")
    youth = services.coalition_create(network=network, theme=other_theme, name="Jongerenpunt")
    services.initiative_create(coalition=coalition, name="Valcursus", status="running")
    services.initiative_create(coalition=youth, name="Appspreekuur")
    url = reverse("registry:initiative_list", args=[network.slug])
    page = logged_in_client.get(url).content.decode()
    assert page.index("Appspreekuur") < page.index("Valcursus")
    filtered = logged_in_client.get(url + f"?theme={theme.pk}").content.decode().split('id="initiative-list"')[1]
    assert "Valcursus" in filtered and "Appspreekuur" not in filtered
    nav = logged_in_client.get(network.get_absolute_url()).content.decode()
    assert url in nav
    items = api(user).get(f"/api/v1/networks/{network.slug}/initiatives/?status=running").json()["items"]
    assert [item["name"] for item in items] == ["Valcursus"]


def test_a_viewer_reads_the_lists(network, organisations, make_user):
    viewer = Client()
    viewer.force_login(services.membership_set(network=network, user=make_user("kijker"),
                                               role=NetworkRole.VIEWER).user)
    for name in ("organisation_list", "person_list", "initiative_list"):
        assert viewer.get(reverse(f"registry:{name}", args=[network.slug])).status_code == 200
