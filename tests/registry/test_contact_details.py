"""Who sees people's e-mail and phone is a network setting, applied on pages, API and export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db
EMAIL, PHONE = "anna@ggd.example", "010 123 45 67"


@pytest.fixture
def anna(network, org_type):
    ggd = services.organisation_create(network=network, name="GGD", type=org_type("ggd"))
    return services.person_create(network=network, name="Anna Bakker", organisation=ggd, function="arts",
                                  email=EMAIL, phone=PHONE)


def as_role(network, make_user, role: str) -> tuple[Client, Client]:
    """A browser session and an API client of a new user with `role`."""
    user = make_user(f"u-{role}")
    services.membership_set(network=network, user=user, role=role)
    browser = Client()
    browser.force_login(user)
    token = services.api_token_create(user=user, name="t")[1]
    return browser, Client(headers={"Authorization": f"Bearer {token}"})


def seen(network, anna, browser: Client, api: Client) -> dict[str, bool]:
    """Where the e-mail address shows up for this client."""
    export = browser.get(reverse("reports:registry_xlsx", args=[network.slug]))  # member and up
    in_export = False
    if export.status_code == 200:
        workbook = openpyxl.load_workbook(io.BytesIO(export.content))
        in_export = any(EMAIL in row for row in workbook["personen"].iter_rows(values_only=True))
    return {
        "list": EMAIL in browser.get(reverse("registry:person_list", args=[network.slug])).content.decode(),
        "detail": EMAIL in browser.get(anna.get_absolute_url()).content.decode(),
        "phone": PHONE in browser.get(anna.get_absolute_url()).content.decode(),
        "api list": api.get(f"/api/v1/networks/{network.slug}/people/").json()["items"][0]["email"] == EMAIL,
        "api detail": api.get(f"/api/v1/networks/{network.slug}/people/{anna.pk}/").json()["phone"] == PHONE,
        "xlsx": in_export,
    }


def test_by_default_viewers_see_name_organisation_and_function_only(network, anna, make_user):
    viewer = as_role(network, make_user, NetworkRole.VIEWER)
    assert not any(seen(network, anna, *viewer).values())
    page = viewer[0].get(anna.get_absolute_url()).content.decode()
    assert "Anna Bakker" in page and "GGD" in page and "arts" in page
    member = as_role(network, make_user, NetworkRole.MEMBER)
    assert all(seen(network, anna, *member).values())


def test_the_network_can_keep_contact_details_to_coordinators(network, anna, make_user, user):
    admin = Client()
    admin.force_login(user)
    response = admin.post(reverse("registry:network_settings", args=[network.slug]), {
        "name": network.name, "slug": network.slug, "anonymity_minimum": 3,
        "contact_details_from": NetworkRole.COORDINATOR})
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.contact_details_from == NetworkRole.COORDINATOR
    member = as_role(network, make_user, NetworkRole.MEMBER)
    assert not any(seen(network, anna, *member).values())
    coordinator = as_role(network, make_user, NetworkRole.COORDINATOR)
    assert all(seen(network, anna, *coordinator).values())


def test_search_does_not_reveal_an_address_to_a_viewer(network, anna, make_user):
    viewer, api = as_role(network, make_user, NetworkRole.VIEWER)
    assert api.get(f"/api/v1/networks/{network.slug}/people/?q=ggd.example").json()["count"] == 0
    page = viewer.get(reverse("registry:search", args=[network.slug]) + "?q=ggd.example").content.decode()
    assert "Anna Bakker" not in page
