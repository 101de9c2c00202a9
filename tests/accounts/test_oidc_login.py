"""Single sign-on through a fake OpenID Connect provider: the whole flow over HTTP, the checks on
state, nonce, signature, audience and e-mail, matching by address and accepting invitations."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import invitations
from netwerkregie.registry.models import MemberInvitation

START = reverse("accounts:oidc_start")
FAILED = reverse("accounts:sso_failed")
ANNE = {"sub": "anne-123", "email": "Anne.de.Vries@zorg.example", "email_verified": True,
        "given_name": "Anne", "family_name": "de Vries"}


def account(username: str, email: str):
    return get_user_model().objects.create_user(username=username, email=email, password="geheim-wachtwoord-42")


def signed_in_user(client: Client):
    return client.get(reverse("registry:profile")).wsgi_request.user


def sign_in(client: Client, provider, claims=ANNE, next_url: str = ""):
    start = client.get(START + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    return client.get(provider.sign_in(start.url, claims))


def test_login_page_shows_the_button_only_when_enabled(db, client):
    assert 'id="sso-login"' not in client.get(reverse("login")).content.decode()
    assert client.get(START).status_code == 404
    assert client.get(reverse("accounts:oidc_callback") + "?code=x&state=y").status_code == 404


def test_a_new_person_signs_in_and_learns_they_have_no_network_yet(db, client, oidc_provider):
    page = client.get(reverse("login")).content.decode()
    assert 'id="sso-login"' in page and "Inloggen met Microsoft" in page

    response = sign_in(client, oidc_provider)
    assert response.status_code == 302 and response.url == reverse("accounts:no_network")
    user = get_user_model().objects.get(email__iexact=ANNE["email"])
    assert user.username == ANNE["email"].lower() and user.get_full_name() == "Anne de Vries"
    assert not user.has_usable_password()
    assert signed_in_user(client) == user
    page = client.get(response.url).content.decode()
    assert 'id="no-network"' in page and ANNE["email"] in page


def test_an_existing_account_is_matched_by_email_and_the_invitation_accepted(
        client, oidc_provider, network, user):
    existing = account("anne", "anne.de.vries@zorg.example")
    invitation, _token = invitations.member_invitation_create(
        network=network, email="ANNE.de.vries@zorg.example", role=NetworkRole.COORDINATOR, invited_by=user,
        base_url="http://testserver/")

    response = sign_in(client, oidc_provider, next_url=network.get_absolute_url())
    assert response.status_code == 302 and response.url == network.get_absolute_url()
    assert signed_in_user(client) == existing
    assert get_user_model().objects.filter(email__iexact=ANNE["email"]).count() == 1
    assert network.memberships.get(user=existing).role == NetworkRole.COORDINATOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == existing and invitation.accepted_at is not None
    assert client.get(network.get_absolute_url()).status_code == 200


def test_a_revoked_invitation_is_not_accepted(client, oidc_provider, network, user):
    invitation, _token = invitations.member_invitation_create(
        network=network, email=ANNE["email"], role=NetworkRole.MEMBER, invited_by=user, base_url="http://testserver/")
    invitations.member_invitation_revoke(invitation=invitation)
    response = sign_in(client, oidc_provider)
    assert response.url == reverse("accounts:no_network")
    assert not network.memberships.filter(user__email__iexact=ANNE["email"]).exists()
    assert MemberInvitation.objects.get().accepted_at is None


def test_the_state_must_be_the_one_this_browser_was_sent_with(db, client, oidc_provider):
    start = client.get(START)
    callback = oidc_provider.sign_in(start.url, ANNE).replace("state=", "state=forged")
    response = client.get(callback)
    assert response.status_code == 302 and response.url == FAILED
    assert not signed_in_user(client).is_authenticated
    # A callback in a browser that never started a sign-in.
    other = Client()
    response = other.get(oidc_provider.sign_in(client.get(START).url, ANNE))
    assert response.url == FAILED and not signed_in_user(other).is_authenticated


def test_the_callback_works_once(db, client, oidc_provider):
    start = client.get(START)
    callback = oidc_provider.sign_in(start.url, ANNE)
    assert client.get(callback).url == reverse("accounts:no_network")
    client.logout()
    assert client.get(callback).url == FAILED


@pytest.mark.parametrize("tamper", [
    pytest.param({"nonce": "another-nonce"}, id="nonce"),
    pytest.param({"aud": "another-client"}, id="audience"),
    pytest.param({"iss": "https://evil.example"}, id="issuer"),
    pytest.param({"exp": 1_000_000}, id="expired"),
])
def test_an_id_token_that_does_not_fit_is_refused(db, client, oidc_provider, tamper):
    oidc_provider.id_token_claims = tamper
    response = sign_in(client, oidc_provider)
    assert response.status_code == 302 and response.url == FAILED
    assert not signed_in_user(client).is_authenticated
    assert not get_user_model().objects.filter(email__iexact=ANNE["email"]).exists()


def test_a_wrong_signature_is_refused(db, client, oidc_provider):
    oidc_provider.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    response = sign_in(client, oidc_provider)
    assert response.url == FAILED and not signed_in_user(client).is_authenticated
    assert client.get(response.url).status_code == 403


def test_an_unverified_email_address_signs_no_one_in(db, client, oidc_provider, settings):
    victim = account("anne", ANNE["email"])
    response = sign_in(client, oidc_provider, claims={**ANNE, "email_verified": False})
    assert response.url == FAILED and not signed_in_user(client).is_authenticated
    # An installation that trusts its own directory (Entra ID sends no email_verified) lets it through.
    settings.OIDC_TRUST_EMAIL = True
    other = Client()
    sign_in(other, oidc_provider, claims={key: value for key, value in ANNE.items() if key != "email_verified"})
    assert signed_in_user(other) == victim


def test_password_logins_never_wait_for_the_provider(client, oidc_provider, user):
    response = client.post(reverse("login"), {"username": user.username, "password": "geheim-wachtwoord-42"})
    assert response.status_code == 302 and signed_in_user(client) == user
    assert not oidc_provider.mock.calls


def test_a_provider_that_cannot_be_reached_gets_a_page(db, client, oidc_provider, settings):
    settings.OIDC_ISSUER = "https://down.idp.example"
    response = client.get(START)
    assert response.status_code == 302 and response.url == FAILED


def test_explicit_endpoints_work_without_discovery(db, client, oidc_provider, settings):
    settings.OIDC_ISSUER = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.idp.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.idp.example/jwks"
    response = sign_in(client, oidc_provider)
    assert response.url == reverse("accounts:no_network") and signed_in_user(client).is_authenticated
    assert not [call for call in oidc_provider.mock.calls if "well-known" in call.request.url]


def test_two_accounts_with_the_address_sign_neither_in(db, client, oidc_provider):
    account("anne", ANNE["email"])
    account("anne2", ANNE["email"].upper())
    response = sign_in(client, oidc_provider)
    assert response.url == FAILED and not signed_in_user(client).is_authenticated
