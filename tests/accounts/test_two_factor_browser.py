"""An admin sets up an authenticator app in the browser, under the Content-Security-Policy."""

import base64

import pytest
from django_otp.oath import totp

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_sets_up_the_app_and_reaches_the_members_page(live_server, page, browser_login, user):
    network = services.network_create(name="Regio Streng", slug="regio-streng", admins_use_two_factor=True)
    services.membership_set(network=network, user=user, role=NetworkRole.ADMIN)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    browser_login(user.username)
    page.goto(f"{live_server.url}/n/{network.slug}/members/")
    page.wait_for_selector("#totp-qr svg")
    assert "/accounts/two-factor/" in page.url and page.locator("#required-by").inner_text().endswith("Regio Streng")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.fill("input[name=code]", f"{totp(base64.b32decode(secret)):06d}")
    page.click("#two-factor-setup-form button[type=submit]")
    page.wait_for_selector("#backup-codes")
    assert page.locator("#backup-codes li").count() == 10
    page.click("#backup-codes-done")
    page.wait_for_url(f"{live_server.url}/n/{network.slug}/members/")
    assert page.locator("h1").count() and problems == []
