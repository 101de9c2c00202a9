"""Fixtures of the accounts tests: a network whose admins must use two-factor authentication, and a
fake OpenID Connect provider."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerkregie.accounts import oidc
from netwerkregie.registry.models import Network


@pytest.fixture
def strict_network(make_network, user) -> Network:
    """`user` is its admin; admins must use two-factor authentication."""
    return make_network("regio-streng", user=user, admins_use_two_factor=True)


@pytest.fixture
def app(user) -> TOTPDevice:
    """`user`'s confirmed authenticator app, as if set up earlier."""
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


@pytest.fixture
def code_of() -> Callable[[TOTPDevice], str]:
    """The code the person's app shows now."""
    def code(device: TOTPDevice) -> str:
        device.refresh_from_db()
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"

    return code



# A fake OpenID Connect provider ----------------------------------------------------------

ISSUER = "https://login.idp.example"
CLIENT_ID = "netwerkregie-test"


@dataclass
class FakeProvider:
    """An OpenID Connect provider answering through `responses`: discovery, JWKS, token, userinfo.

    `sign_in(claims)` plays the person signing in at the provider: it takes the authorisation
    request netwerkregie redirected to and returns the callback URL with a code; the token
    endpoint then answers with an RS256 ID token carrying the request's nonce (unless the
    test tampers with `id_token_claims` or `signing_key`).
    """

    mock: responses.RequestsMock
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(public_exponent=65537,
                                                                                    key_size=2048))
    signing_key: rsa.RSAPrivateKey | None = None
    id_token_claims: dict[str, Any] = field(default_factory=dict)
    userinfo: dict[str, Any] = field(default_factory=dict)
    grants: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.mock.get(f"{ISSUER}/.well-known/openid-configuration", json={
            "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token", "userinfo_endpoint": f"{ISSUER}/userinfo",
            "jwks_uri": f"{ISSUER}/jwks"})
        self.mock.get(f"{ISSUER}/jwks", json={"keys": [{**jwk, "kid": "key-1", "alg": "RS256", "use": "sig"}]})
        self.mock.add_callback(responses.POST, f"{ISSUER}/token", callback=self._token)
        self.mock.add_callback(responses.GET, f"{ISSUER}/userinfo", callback=self._userinfo)

    def sign_in(self, authorize_url: str, claims: dict[str, Any]) -> str:
        url = urlparse(authorize_url)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        assert "openid" in query["scope"].split() and query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.grants[code] = {**query, "claims": claims}
        self.userinfo = {"sub": claims["sub"], **claims}
        return f"{urlparse(query['redirect_uri']).path}?{urlencode({'code': code, 'state': query['state']})}"

    def _token(self, request) -> tuple[int, dict, str]:
        form = {name: values[0] for name, values in parse_qs(request.body).items()}
        grant = self.grants.pop(form.get("code"), None)
        if grant is None or form["redirect_uri"] != grant["redirect_uri"] or form["client_secret"] != "geheim":
            return 400, {}, json.dumps({"error": "invalid_grant"})
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form["code_verifier"].encode()).digest())
        if challenge.decode().rstrip("=") != grant["code_challenge"]:
            return 400, {}, json.dumps({"error": "invalid_grant", "error_description": "PKCE"})
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": grant["nonce"],
                  **grant["claims"], **self.id_token_claims}
        id_token = jwt.encode(claims, self.signing_key or self.key, algorithm="RS256", headers={"kid": "key-1"})
        return 200, {}, json.dumps({"id_token": id_token, "access_token": "access-1", "token_type": "Bearer"})

    def _userinfo(self, request) -> tuple[int, dict, str]:
        if request.headers.get("Authorization") != "Bearer access-1":
            return 401, {}, ""
        return 200, {"Content-Type": "application/json"}, json.dumps(self.userinfo)


@pytest.fixture
def oidc_provider(settings) -> Iterator[FakeProvider]:
    """Single sign-on switched on against the fake provider; nothing else may be called over HTTP."""
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_BUTTON_LABEL = "Inloggen met Microsoft"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS,
                                        "netwerkregie.accounts.oidc.SingleSignOnBackend"]
    oidc._discovery.clear()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield FakeProvider(mock)
    oidc._discovery.clear()
