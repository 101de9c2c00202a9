"""Anyone may start a network and add members: neither may tell them who else uses the installation."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from netwerkregie.registry.models import NetworkMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(make_user) -> Client:
    """An ordinary account that starts a network of its own."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(make_user("buitenstaander"))
    assert client.post("/networks/new/", {"name": "Eigen netwerk", "slug": "eigen", "anonymity_minimum": 3,
                                          "map_survey_ties": "aggregated"}).status_code == 302
    return client


def _add(client: Client, address: str):
    return client.post("/n/eigen/members/", {"user": address, "role": "viewer"}, follow=True)


def _visible(response) -> str:
    """The page without the address typed and the CSRF token, to compare two outcomes."""
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'<div class="alert[^"]*" role="alert">.*?</div>', "", text, count=1)  # "network created"
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    return re.sub(r"\s+", " ", text)


def test_adding_an_address_looks_the_same_with_or_without_an_account(outsider, make_user):
    make_user("bestaand")  # bestaand@example.org has an account
    with_account = _add(outsider, "bestaand@example.org")
    without_account = _add(outsider, "nieuw@example.org")
    for response, address in ((with_account, "bestaand@example.org"), (without_account, "nieuw@example.org")):
        assert response.status_code == 200
        assert f"{address} added as viewer" in response.content.decode()
    assert NetworkMembership.objects.filter(network__slug="eigen").count() == 3
    new = get_user_model().objects.get(email="nieuw@example.org")
    assert not new.has_usable_password()
    # Both get the same e-mail, with a link to log in and one to choose a password.
    assert [m.to for m in mail.outbox] == [["bestaand@example.org"], ["nieuw@example.org"]]
    bodies = [re.sub(r"/reset/[^/]+/[^/]+/", "/reset/…/", m.body) for m in mail.outbox]
    assert bodies[0] == bodies[1] and "/accounts/login/" in bodies[0]
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[1].body).group(1)
    assert Client().get(link, follow=True).status_code == 200


def test_usernames_cannot_be_probed_by_network_admins(outsider, make_user, admin_client):
    make_user("bestaand")
    known, unknown = _add(outsider, "bestaand"), _add(outsider, "onbekend")
    assert "Enter the person" in known.content.decode()
    assert _visible(known).replace("bestaand", "X") == _visible(unknown).replace("onbekend", "X")
    assert NetworkMembership.objects.filter(network__slug="eigen").count() == 1


def test_a_taken_slug_does_not_reveal_that_a_network_uses_it(outsider, make_network):
    make_network("geheim-netwerk")
    form = {"name": "Probeer", "anonymity_minimum": 3, "map_survey_ties": "aggregated"}
    taken = outsider.post("/networks/new/", {**form, "slug": "geheim-netwerk"})
    reserved = outsider.post("/networks/new/", {**form, "slug": "admin"})
    for response in (taken, reserved):
        text = response.content.decode()
        assert response.status_code == 200 and "This address is not available" in text
        assert "network" not in text.split("This address is not available")[1][:60].lower()
    assert (_visible(taken).replace('name="slug" value="geheim-netwerk"', "X")
            == _visible(reserved).replace('name="slug" value="admin"', "X"))
    moved = outsider.post("/n/eigen/settings/", {**form, "name": "Eigen", "slug": "geheim-netwerk"})
    assert "This address is not available" in moved.content.decode()
