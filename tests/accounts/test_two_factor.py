"""Two-factor authentication for admins: required per network, verified per session, backup codes,
the API's answer, the recovery command and the audit log."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerkregie.accounts import services as two_factor
from netwerkregie.assessments import services as survey
from netwerkregie.audit.models import AuditAction, AuditEvent
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services

VERIFY = reverse("accounts:two_factor")


def members(network) -> str:
    return reverse("registry:member_list", kwargs={"network": network.slug})


def dashboard(network) -> str:
    return reverse("overview:dashboard", kwargs={"network": network.slug})


def test_admin_without_an_app_is_sent_to_set_one_up_only_when_the_network_asks(
        make_network, user, logged_in_client, strict_network):
    relaxed = make_network("regio-los", user=user)
    assert logged_in_client.get(members(relaxed)).status_code == 200

    response = logged_in_client.get(members(strict_network))
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next={members(strict_network)}"
    # Pages for every role stay open; only the admin's own rights wait.
    assert logged_in_client.get(dashboard(strict_network)).status_code == 200
    settings_url = reverse("registry:network_settings", kwargs={"network": strict_network.slug})
    audit_url = reverse("audit:log", kwargs={"network": strict_network.slug})
    assert logged_in_client.get(settings_url).status_code == 302
    assert logged_in_client.get(audit_url).status_code == 302


def test_setting_up_the_app_with_a_computed_code_opens_the_admin_pages(
        user, logged_in_client, strict_network, code_of):
    target = members(strict_network)
    page = logged_in_client.get(f"{VERIFY}?next={target}")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and 'id="totp-secret"' in html
    assert strict_network.name in html  # says which network asks for it
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = logged_in_client.post(VERIFY, {"code": "000000", "next": target})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.throttle_reset()

    done = logged_in_client.post(VERIFY, {"code": code_of(device), "next": target})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert logged_in_client.get(target).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_ON)
    assert event.network == strict_network and event.actor == user


def test_a_later_session_verifies_with_the_app(user, strict_network, app, code_of):
    client = Client()
    client.force_login(user)
    target = members(strict_network)
    assert client.get(target).status_code == 302
    form = client.get(f"{VERIFY}?next={target}")
    assert 'id="two-factor-verify-form"' in form.content.decode()

    response = client.post(VERIFY, {"code": code_of(app), "next": target})
    assert response.status_code == 302 and response.url == target
    assert client.get(target).status_code == 200
    # The next session asks again.
    other = Client()
    other.force_login(user)
    assert other.get(target).status_code == 302


def test_a_wrong_code_is_refused_and_guessing_is_slowed_down(user, logged_in_client, strict_network, app, code_of):
    response = logged_in_client.post(VERIFY, {"code": "123456", "next": members(strict_network)})
    assert response.status_code == 200
    assert "niet goed" in " ".join(response.context["form"].errors["code"])
    assert logged_in_client.get(members(strict_network)).status_code == 302
    # Right after a wrong code even the right one waits (django-otp's throttle).
    response = logged_in_client.post(VERIFY, {"code": code_of(app), "next": members(strict_network)})
    assert response.status_code == 200 and "Wacht" in " ".join(response.context["form"].errors["code"])


def test_a_backup_code_works_once(user, strict_network, app):
    codes = two_factor.backup_codes_renew(user=user)
    first = Client()
    first.force_login(user)
    response = first.post(VERIFY, {"code": f"  {codes[0].upper()} ", "next": members(strict_network)})
    assert response.status_code == 302
    assert first.get(members(strict_network)).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9

    second = Client()
    second.force_login(user)
    response = second.post(VERIFY, {"code": codes[0], "next": members(strict_network)})
    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert second.get(members(strict_network)).status_code == 302


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR])
def test_lower_roles_are_unaffected(make_user, strict_network, role):
    colleague = make_user("collega")
    services.membership_set(network=strict_network, user=colleague, role=role)
    client = Client()
    client.force_login(colleague)
    assert client.get(dashboard(strict_network)).status_code == 200
    assert client.get(members(strict_network)).status_code == 403  # no admin: refused, not sent to verify


def test_the_api_refuses_admin_calls_with_a_clear_message(make_network, user, bearer, strict_network, app):
    url = f"/api/v1/networks/{strict_network.slug}/memberships/"
    response = Client().get(url, headers=bearer)
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"] or "tweestapsverificatie" in response.json()["detail"]
    # Reading the network is not an admin call; another network without the rule is unaffected.
    assert Client().get(f"/api/v1/networks/{strict_network.slug}/", headers=bearer).status_code == 200
    relaxed = make_network("regio-los", user=user)
    assert Client().get(f"/api/v1/networks/{relaxed.slug}/memberships/", headers=bearer).status_code == 200


def test_admins_switch_the_rule_on_in_the_settings_and_the_api(make_network, user, logged_in_client, bearer):
    network = make_network("regio-keuze", user=user)
    page = logged_in_client.get(reverse("registry:network_settings", kwargs={"network": network.slug}))
    assert 'name="admins_use_two_factor"' in page.content.decode()
    response = Client().patch(f"/api/v1/networks/{network.slug}/", {"admins_use_two_factor": True},
                              content_type="application/json", headers=bearer)
    assert response.status_code == 200 and response.json()["admins_use_two_factor"] is True
    network.refresh_from_db()
    assert network.admins_use_two_factor
    assert logged_in_client.get(members(network)).status_code == 302


def test_removing_the_app_needs_a_verified_session(user, logged_in_client, strict_network, app, code_of):
    remove = reverse("accounts:two_factor_remove")
    response = logged_in_client.post(remove)
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=user).exists()

    logged_in_client.post(VERIFY, {"code": code_of(app)})
    page = logged_in_client.get(reverse("accounts:security")).content.decode()
    assert 'id="two-factor-remove"' in page and "disabled" not in page.split('id="two-factor-remove"')[1][:20]
    assert logged_in_client.post(remove).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_OFF)
    assert event.network == strict_network and "removed by the user" in event.detail
    # The network asks again: set up a new app.
    assert logged_in_client.get(members(strict_network)).status_code == 302


def test_reset_command_removes_the_second_factor(user, strict_network, app, capsys):
    two_factor.backup_codes_renew(user=user)
    call_command("reset_2fa", user.email.upper())  # the CLI's run_from_argv would close the test's connection
    assert "removed" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_OFF)
    assert event.network == strict_network and event.actor is None and "reset-2fa" in event.detail

    with pytest.raises(CommandError, match="No account with the e-mail address 'niemand@example.org'"):
        call_command("reset_2fa", "niemand@example.org")


def test_the_setup_page_keeps_the_csp(logged_in_client, strict_network):
    response = logged_in_client.get(VERIFY)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", response.content.decode())


def test_raw_answers_and_the_full_export_wait_for_the_second_factor(make_user, user, logged_in_client,
                                                                    strict_network, app, code_of):
    today = timezone.localdate()
    survey_round = survey.round_create(network=strict_network, name="Meting 2026", instruments=["five_conditions"],
                                       opens_on=today - datetime.timedelta(days=7),
                                       closes_on=today + datetime.timedelta(days=21))
    raw = reverse("assessments:round_answers_xlsx", kwargs={"network": strict_network.slug, "pk": survey_round.pk})
    export = reverse("reports:network_json", kwargs={"network": strict_network.slug})
    member = make_user("lid")
    services.membership_set(network=strict_network, user=member, role=NetworkRole.MEMBER)
    member_client = Client()
    member_client.force_login(member)
    assert member_client.get(raw).status_code == 403
    assert member_client.get(export).json()["scope"] != "full"

    for url in (raw, export):
        response = logged_in_client.get(url)
        assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert not AuditEvent.objects.filter(network=strict_network, actor=user).exists()

    logged_in_client.post(VERIFY, {"code": code_of(app)})
    assert logged_in_client.get(raw).status_code == 200
    assert logged_in_client.get(export).json()["scope"] == "full"
