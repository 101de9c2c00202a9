"""API tokens from the profile: created with a name, shown once, listed, revoked."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.registry.models import ApiToken

pytestmark = pytest.mark.django_db

TOKENS = "/profile/tokens/"


def plain_token(html: str) -> str | None:
    match = re.search(r'id="new-token".*?value="(nr_[^"]+)"', html, re.S)
    return match.group(1) if match else None


def test_profile_links_to_the_tokens_page(logged_in_client):
    assert reverse("registry:api_tokens") == TOKENS
    assert TOKENS in logged_in_client.get(reverse("registry:profile")).content.decode()


def test_a_token_is_shown_once_and_works_until_revoked(logged_in_client, user, network):
    client = logged_in_client
    response = client.post(TOKENS, {"name": "maandexport"})
    html = response.content.decode()
    plain = plain_token(html)
    token = ApiToken.objects.get(user=user)
    assert plain and token.name == "maandexport" and plain.startswith(token.prefix)
    assert "no-store" in response["Cache-Control"]

    # The list shows the name and the start, never the token again.
    html = client.get(TOKENS).content.decode()
    assert "maandexport" in html and token.prefix in html and plain not in html and plain_token(html) is None

    api = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    response = api.get("/api/v1/networks/")
    assert response.status_code == 200 and [n["slug"] for n in response.json()] == [network.slug]
    token.refresh_from_db()
    assert token.last_used_at is not None

    response = client.post(reverse("registry:api_token_revoke", args=[token.pk]))
    assert response["Location"] == TOKENS
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert "maandexport" not in client.get(TOKENS).content.decode().split('id="tokens"')[1]
    assert api.get("/api/v1/networks/").status_code == 401


def test_a_token_needs_a_name(logged_in_client, user):
    response = logged_in_client.post(TOKENS, {"name": ""})
    html = response.content.decode()
    assert 'id="id_name_errors"' in html and plain_token(html) is None
    assert not ApiToken.objects.filter(user=user).exists()


def test_only_your_own_tokens(logged_in_client, user, make_user):
    other = make_user("ander")
    client = Client()
    client.force_login(other)
    client.post(TOKENS, {"name": "van een ander"})
    foreign = ApiToken.objects.get(user=other)
    assert "van een ander" not in logged_in_client.get(TOKENS).content.decode()
    assert logged_in_client.post(reverse("registry:api_token_revoke", args=[foreign.pk])).status_code == 404
    assert logged_in_client.get(reverse("registry:api_token_revoke", args=[foreign.pk])).status_code == 405
    assert ApiToken.objects.filter(pk=foreign.pk).exists()


def test_anonymous_users_are_sent_to_log_in(db):
    response = Client().get(TOKENS)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
