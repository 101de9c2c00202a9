"""The audit log: exports, raw answers, role changes and invitations are recorded; only admins read it."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.audit import services as audit
from netwerkregie.audit.models import AuditAction, AuditEvent


def log_url(network) -> str:
    return reverse("audit:log", kwargs={"network": network.slug})


def test_exports_role_changes_and_invitations_are_recorded(network, logged_in_client, make_user, user):
    logged_in_client.get(reverse("reports:network_json", kwargs={"network": network.slug}))
    logged_in_client.get(reverse("reports:registry_xlsx", kwargs={"network": network.slug}))
    colleague = make_user("collega")
    membership = network.memberships.create(user=colleague, role="viewer")
    logged_in_client.post(reverse("registry:member_role", kwargs={"network": network.slug, "pk": membership.pk}),
                          {"role": "member"})
    logged_in_client.post(reverse("registry:member_invite", kwargs={"network": network.slug}),
                          {"email": "nieuw@example.org", "role": "viewer"})
    events = list(AuditEvent.objects.order_by("at", "pk").values_list("action", "actor_name", "detail"))
    assert [e[0] for e in events] == [AuditAction.EXPORT, AuditAction.EXPORT, AuditAction.ROLE_CHANGE,
                                      AuditAction.INVITATION]
    assert {e[1] for e in events} == {user.username}
    assert events[2][2] == "collega: member" and events[3][2] == "nieuw@example.org: viewer"

    page = logged_in_client.get(log_url(network))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="audit-log"' in body and "nieuw@example.org" in body and body.count("<tr data-action=") == 4


def test_viewing_raw_answers_is_recorded(network, logged_in_client):
    today = timezone.localdate()
    survey_round = survey.round_create(network=network, name="Meting", instruments=["five_conditions"],
                                       opens_on=today, closes_on=today + datetime.timedelta(days=7))
    response = logged_in_client.get(reverse("assessments:round_answers_xlsx",
                                            kwargs={"network": network.slug, "pk": survey_round.pk}))
    assert response.status_code == 200
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.RAW_ANSWERS and event.detail == "Meting" and event.network == network


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_only_admins_read_the_log(network, make_user, role):
    audit.record(action=AuditAction.EXPORT, actor=None, network=network, detail="geheim.json")
    other = make_user(f"als-{role}")
    network.memberships.create(user=other, role=role)
    client = Client()
    client.force_login(other)
    response = client.get(log_url(network))
    assert response.status_code == 403 and "geheim.json" not in response.content.decode()


def test_outsiders_do_not_learn_the_network_exists(network, make_user):
    client = Client()
    client.force_login(make_user("buitenstaander"))
    assert client.get(log_url(network)).status_code == 404


def test_events_older_than_the_retention_period_are_dropped(network, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    audit.record(action=AuditAction.EXPORT, actor=None, network=network, detail="oud")
    AuditEvent.objects.update(at=timezone.now() - datetime.timedelta(days=31))
    audit.record(action=AuditAction.EXPORT, actor=None, network=network, detail="nieuw")
    assert list(AuditEvent.objects.values_list("detail", flat=True)) == ["nieuw"]


def test_the_record_outlives_a_deleted_network(network, user):
    audit.record(action=AuditAction.EXPORT, actor=user, network=network, detail="x.json")
    network.delete()
    event = AuditEvent.objects.get()
    assert event.network is None and event.network_name == "Regio Test" and event.actor_name == user.username


def test_the_log_page_runs_a_fixed_number_of_queries(make_network, user):
    counts = []
    for size in (2, 40):
        network = make_network(f"regio-{size}", user=user)
        for i in range(size):
            audit.record(action=AuditAction.EXPORT, actor=user, network=network, detail=f"{i}.json")
        client = Client()
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(log_url(network)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
