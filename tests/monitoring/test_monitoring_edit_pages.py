"""Editing and deleting the data team's records over HTTP: coordinators only, and history is never lost."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.monitoring import services
from netwerkregie.monitoring.models import Evidence, Goal, Indicator, IndicatorValue
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(network, indicator):
    theme = registry.theme_create(network=network, name="Ouderen")
    coalition = registry.coalition_create(network=network, theme=theme, name="Valpreventie")
    services.values_store(network=network, rows=[
        services.ValueRow(indicator=indicator, area_code="GM0400", period="2023JJ00", value=Decimal("31.5"))])
    return {
        "indicator": indicator,
        "value": IndicatorValue.objects.get(),
        "goal": services.goal_create(network=network, name="Meer inwoners", indicator=indicator, theme=theme),
        "report": services.data_report_create(network=network, title="Monitor 2025",
                                              due_date=datetime.date(2025, 12, 1)),
        "evidence": services.evidence_create(network=network, coalition=coalition, title="Mevrouw J.", text="Verhaal",
                                             recorded_on=datetime.date(2025, 6, 1)),
        "value_function": services.coalition_value_add(coalition=coalition, function="doe", beneficiary="residents"),
        "legitimation": services.legitimation_evidence_add(network=network, route="B", description="Jaarverslag",
                                                           occurred_on=datetime.date(2026, 3, 1)),
    }


def client_as(network, make_user, role: str) -> Client:
    user = make_user(role)
    registry.membership_set(network=network, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def test_only_coordinators_and_admins_edit_and_delete(network, make_user, records):
    clients = {role: client_as(network, make_user, role) for role in
               (NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR)}
    for kind, obj in records.items():
        for view in ("update", "delete"):
            url = reverse(f"monitoring:{kind}_{view}", args=[network.slug, obj.pk])
            assert clients[NetworkRole.VIEWER].get(url).status_code == 403, url
            assert clients[NetworkRole.MEMBER].post(url).status_code == 403, url
            assert clients[NetworkRole.COORDINATOR].get(url).status_code == 200, url
    assert Indicator.objects.exists() and Evidence.objects.exists()  # the refused posts deleted nothing
    outsider = Client()
    outsider.force_login(make_user("buiten"))
    assert outsider.get(reverse("monitoring:goal_update", args=[network.slug, records["goal"].pk])).status_code == 404


def test_editing_an_indicator_and_correcting_a_value(client, user, network, records):
    client.force_login(user)
    response = client.post(reverse("monitoring:indicator_update", args=[network.slug, records["indicator"].pk]),
                           {"name": "Inwoners totaal", "unit": "aantal", "definition": "", "source": "cbs",
                            "direction": "higher"})
    assert response.status_code == 302
    assert Indicator.objects.get().name == "Inwoners totaal"
    detail = reverse("monitoring:indicator_detail", args=[network.slug, records["indicator"].pk])
    response = client.post(reverse("monitoring:value_update", args=[network.slug, records["value"].pk]),
                           {"value": "32,25", "source": "70072ned"})  # typed the Dutch way
    assert response.status_code == 302 and response.url == detail
    value = IndicatorValue.objects.get()
    assert (value.value, value.source, value.period) == (Decimal("32.25"), "70072ned", "2023JJ00")
    page = client.get(detail).content.decode()
    assert "32,25" in page and "GM0400" in page


def test_an_indicator_with_values_or_goals_is_not_deleted(client, user, network, records):
    client.force_login(user)
    url = reverse("monitoring:indicator_delete", args=[network.slug, records["indicator"].pk])
    page = client.get(url).content.decode()
    assert "geschiedenis" in page  # the page states the rule before anyone clicks
    refused = client.post(url)
    assert refused.status_code == 200 and "Meer inwoners" in refused.content.decode()
    assert Indicator.objects.exists() and IndicatorValue.objects.exists()
    client.post(reverse("monitoring:value_delete", args=[network.slug, records["value"].pk]))
    client.post(reverse("monitoring:goal_delete", args=[network.slug, records["goal"].pk]))
    assert client.post(url).status_code == 302
    assert not Indicator.objects.exists() and not Goal.objects.exists()


def test_evidence_is_edited_and_deleted_from_its_effect_page(client, user, network, records):
    client.force_login(user)
    evidence = records["evidence"]
    effect = reverse("monitoring:coalition_effect", args=[network.slug, evidence.coalition_id])
    edit = reverse("monitoring:evidence_update", args=[network.slug, evidence.pk])
    assert edit in client.get(effect).content.decode()
    response = client.post(reverse("monitoring:evidence_update", args=[network.slug, evidence.pk]), {
        "kind": "lesson", "title": "Wat we leerden", "text": "Samen", "recorded_on": "2025-07-01",
        "coalition": evidence.coalition_id})
    assert response.status_code == 302 and response.url == effect
    assert Evidence.objects.get().kind == "lesson"
    bad = client.post(reverse("monitoring:evidence_update", args=[network.slug, evidence.pk]), {
        "kind": "lesson", "title": "Zonder thema", "text": "x", "recorded_on": "2025-07-01"})
    assert bad.status_code == 200 and Evidence.objects.get().title == "Wat we leerden"  # the message names theme
    assert "theme" in bad.context["form"].errors
    assert client.post(reverse("monitoring:evidence_delete", args=[network.slug, evidence.pk])).url == effect
    assert not Evidence.objects.exists()
