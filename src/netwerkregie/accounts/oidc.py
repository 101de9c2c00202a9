"""Single sign-on by OpenID Connect (mozilla-django-oidc), configured by environment variables.

An organisation's Microsoft Entra ID, Google Workspace or Keycloak signs people in; netwerkregie
matches them by their verified e-mail address to an existing account or makes one. Signing in
grants no network by itself: pending invitations for that address are accepted (the provider
vouched for the address, as following the e-mailed link would), everything else stays with the
network's admins. Settings and deployment: settings.py (OIDC_*) and docs/deploy.md.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from netwerkregie.registry.invitations import member_invitations_accept_for_email

logger = logging.getLogger(__name__)

# mozilla-django-oidc's endpoint settings, and their names in the provider's discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_SECONDS = 3600
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read."""


def discovery_document(issuer: str) -> dict[str, Any]:
    """The issuer's /.well-known/openid-configuration, kept an hour per process."""
    cached = _discovery.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(str(error)) from error
    _discovery[issuer] = (time.monotonic() + DISCOVERY_SECONDS, document)
    return document


def oidc_setting(attr: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting; an endpoint that is not set explicitly comes from discovery."""
    if attr in DISCOVERED and not getattr(settings, attr, ""):
        if not settings.OIDC_ISSUER:  # explicit endpoints only: an empty one is not configured
            if default:
                return default[0]
            raise ImproperlyConfigured(f"Single sign-on needs NETWERKREGIE_OIDC_ISSUER or the {attr} endpoint.")
        try:
            return discovery_document(settings.OIDC_ISSUER)[DISCOVERED[attr]]
        except KeyError as error:
            raise ProviderUnavailable(f"the discovery document names no {DISCOVERED[attr]}") from error
    return import_from_settings(attr, *default)


def email_is_verified(claims: dict[str, Any]) -> bool:
    """The provider says the address is the person's: `email_verified`, Entra ID's `xms_edov`, or
    an installation that trusts its provider's addresses (OIDC_TRUST_EMAIL)."""
    if not claims.get("email"):
        return False
    return settings.OIDC_TRUST_EMAIL or any(claims.get(name) in (True, "true") for name in ("email_verified",
                                                                                              "xms_edov"))


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Authenticates the provider's callback: a signed ID token for this client, a verified e-mail."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login; the endpoints are looked up only when a
        # provider's callback arrives, so a password login never waits for the provider.
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs) -> Any:
        if request is None or "code" not in request.GET or "state" not in request.GET:
            return None
        super().__init__()
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs) -> dict[str, Any]:
        """The library checks signature, expiry and nonce; the audience and issuer are checked here."""
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.PyJWTError as error:  # the library turns only a bad signature into SuspiciousOperation
            raise SuspiciousOperation(f"The ID token is not valid: {error}") from error
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token was issued for another client.")
        if settings.OIDC_ISSUER and str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The userinfo answer with the signed ID token's claims, which win where both speak."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") not in (None, payload.get("sub")):
            raise SuspiciousOperation("The userinfo answer is about someone else than the ID token.")
        return {**userinfo, **payload}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return email_is_verified(claims)

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet:
        email = claims["email"].strip()
        username = self.UserModel.USERNAME_FIELD
        return self.UserModel.objects.filter(Q(email__iexact=email) | Q(**{f"{username}__iexact": email}))

    def create_user(self, claims: dict[str, Any]) -> Any:
        """A new account named by the address (as invitation accounts are), without a password."""
        email = claims["email"].strip()
        user = self.UserModel(**{self.UserModel.USERNAME_FIELD: email.lower()}, email=email,
                              first_name=str(claims.get("given_name", ""))[:150],
                              last_name=str(claims.get("family_name", ""))[:150])
        if not (user.first_name or user.last_name) and claims.get("name"):
            user.first_name, _space, last = str(claims["name"]).partition(" ")
            user.first_name, user.last_name = user.first_name[:150], last[:150]
        user.set_unusable_password()
        user.save()
        return user


class SignOnStartView(OIDCAuthenticationRequestView):
    """Anyone: off to the provider, with state, nonce and a PKCE challenge kept in the session."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs):
        # The endpoint is looked up in get(), so an unreachable provider gets a page, not an error.
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as error:
            logger.warning("Single sign-on provider unavailable: %s", error)
            return redirect("accounts:sso_failed")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: sign in, accept invitations for the address, land in the network."""

    @property
    def failure_url(self) -> str:
        return reverse("accounts:sso_failed")

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().get(request)
        except (SuspiciousOperation, ProviderUnavailable, requests.RequestException) as error:
            # A forged or replayed answer, a bad signature or a provider that stopped answering.
            logger.warning("Single sign-on refused: %s", error)
            return self.login_failure()

    def login_success(self) -> HttpResponseRedirect:
        response = super().login_success()
        for membership in member_invitations_accept_for_email(user=self.user):
            messages.success(self.request, _("Welcome to %(network)s.") % {"network": membership.network.name})
        if not self.user.network_memberships.exists():
            return redirect("accounts:no_network")
        return response
