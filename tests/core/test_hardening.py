"""Production defaults: debug off, a secret key required, `check --deploy` clean, own error pages,
rate-limited logins and API tokens, all four password validators."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.test import Client
from django.urls import include, path

from netwerkregie import urls as project_urls


def boom(request: HttpRequest):
    raise RuntimeError("a bug")


def forbidden(request: HttpRequest):
    raise PermissionDenied


# This module doubles as a URLconf: the project's URLs plus two that fail on purpose.
urlpatterns = [path("boom/", boom), path("forbidden/", forbidden), path("", include(project_urls))]

PRODUCTION_ENV = {
    "NETWERKREGIE_SECRET_KEY": "k" * 20 + "production-like-secret-3f9a7c1e5b2d8046af19e2c7d5b3a91e",
    "NETWERKREGIE_ALLOWED_HOSTS": "netwerkregie.example.nl",
    "NETWERKREGIE_PROXY_SSL_HEADER": "1",
}


def clean_env(**env: str) -> dict[str, str]:
    """The machine's environment without the test run's settings, plus `env`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("NETWERKREGIE_", "DJANGO_"))}, **env}


def netwerkregie(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netwerkregie.cli", *args], env=clean_env(**env),
                          capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deploy_check():
    result = netwerkregie("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_secret_key_the_app_refuses_to_start_outside_debug():
    result = netwerkregie("check", env={})
    assert result.returncode != 0
    assert "NETWERKREGIE_SECRET_KEY is not set" in result.stderr
    assert netwerkregie("check", env={"NETWERKREGIE_DEBUG": "1"}).returncode == 0


def test_debug_is_off_by_default_and_secure_headers_are_sent():
    code = ("from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)")
    result = subprocess.run([sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
                             f"'netwerkregie.settings'; django.setup(); {code}"],
                            env=clean_env(**PRODUCTION_ENV), capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["False", "True", "True", "31536000", "True"], result.stderr


def test_every_page_carries_the_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_all_four_default_password_validators():
    names = {type(v).__name__ for v in get_default_password_validators()}
    assert names == {"UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                     "NumericPasswordValidator"}
    with pytest.raises(ValidationError):
        get_default_password_validators()[3].validate("8473629105")


# Error pages ------------------------------------------------------------------------------


@pytest.mark.urls(__name__)
def test_404_is_our_own_dutch_page_with_a_way_back(db):
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body and 'id="error-back"' in body
    assert "Traceback" not in body and "URLconf" not in body


@pytest.mark.urls(__name__)
def test_403_is_our_own_dutch_page(db):
    response = Client().get("/forbidden/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.urls(__name__)
def test_500_is_our_own_page_never_the_debug_page(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body and 'id="error-back"' in body
    assert "a bug" not in body and "Traceback" not in body
    english = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    english.cookies["django_language"] = "en"
    assert "Something went wrong" in english.get("/boom/").content.decode()


def test_a_stale_form_gets_the_csrf_page_in_dutch(user):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


# Rate limits ------------------------------------------------------------------------------


def test_wrong_passwords_lock_the_account_for_that_address(user, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/accounts/login/", {"username": user.username, "password": "fout"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"username": user.username, "password": "fout"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    # Even the right password is refused during the cool-off.
    response = client.post("/accounts/login/", {"username": user.username, "password": "geheim-wachtwoord-42"})
    assert response.status_code == 429
    # Another address is not locked out.
    other = Client(REMOTE_ADDR="10.0.0.7")
    response = other.post("/accounts/login/", {"username": user.username, "password": "geheim-wachtwoord-42"})
    assert response.status_code == 302


def test_a_right_password_resets_the_count(user, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/accounts/login/", {"username": user.username, "password": "fout"})
    assert client.post("/accounts/login/", {"username": user.username,
                                            "password": "geheim-wachtwoord-42"}).status_code == 302
    client.logout()
    assert client.post("/accounts/login/", {"username": user.username, "password": "fout"}).status_code == 200


def test_wrong_api_tokens_are_rate_limited_per_address(bearer, network, settings):
    settings.TOKEN_FAILURE_LIMIT = 3
    client = Client()
    for _attempt in range(3):
        assert client.get("/api/v1/networks/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/api/v1/networks/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 429
    assert client.get("/api/v1/networks/", headers=bearer).status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.8").get("/api/v1/networks/", headers=bearer).status_code == 200


def test_behind_a_proxy_the_forwarded_address_counts(bearer, network, settings):
    settings.TOKEN_FAILURE_LIMIT = 2
    settings.BEHIND_PROXY = True
    first = Client(HTTP_X_FORWARDED_FOR="198.51.100.1")
    for _attempt in range(2):
        first.get("/api/v1/networks/", HTTP_AUTHORIZATION="Bearer wrong")
    assert first.get("/api/v1/networks/", headers=bearer).status_code == 429
    # A client that forges a left-most entry still gets the address the proxy appended.
    forged = Client(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert forged.get("/api/v1/networks/", headers=bearer).status_code == 200
