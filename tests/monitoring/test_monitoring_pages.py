"""Monitoring pages over HTTP: roles, the import with row errors, the effect page, warnings on the dashboard."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netwerkregie.core.roles import NetworkRole
from netwerkregie.monitoring import selectors, services
from netwerkregie.monitoring.models import IndicatorValue
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(network, make_user) -> Client:
    user = make_user("kijker")
    registry.membership_set(network=network, user=user, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coalition(network):
    theme = registry.theme_create(network=network, name="Ouderen")
    coalition = registry.coalition_create(network=network, theme=theme, name="Valpreventie")
    registry.initiative_create(coalition=coalition, name="In Balans", start_date=datetime.date(2022, 3, 1))
    return coalition


def test_viewer_reads_but_cannot_import_and_outsiders_get_404(network, viewer, make_user, coalition):
    slug = network.slug
    readable = [reverse("monitoring:index", args=[slug]), reverse("monitoring:legitimation", args=[slug]),
                reverse("monitoring:coalition_effect", args=[slug, coalition.pk]),
                reverse("monitoring:theme_effect", args=[slug, coalition.theme_id])]
    for url in readable:
        assert viewer.get(url).status_code == 200
    for name in ("import", "indicator_create", "goal_create", "report_create"):
        assert viewer.get(reverse(f"monitoring:{name}", args=[slug])).status_code == 403
    outsider = Client()
    outsider.force_login(make_user("buiten"))
    for url in readable:
        assert outsider.get(url).status_code == 404


def test_import_page_lists_every_bad_row_and_stores_nothing(network, logged_in_client, indicator):
    url = reverse("monitoring:import", args=[network.slug])
    upload = SimpleUploadedFile("waarden.csv", b"indicator;gebied;periode;waarde\nInwoners;GM0400;2022XX00;1\n"
                                               b"Onbekend;GM0400;2022JJ00;2\n")
    response = logged_in_client.post(url, {"kind": "long", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="import-errors"' in page
    assert "waarden.csv" in page and "2022XX00" in page and "Onbekend" in page
    assert not IndicatorValue.objects.exists()
    good = SimpleUploadedFile("waarden.csv", b"indicator;gebied;periode;waarde\nInwoners;GM0400;2022JJ00;1\n")
    assert logged_in_client.post(url, {"kind": "long", "file": good}).status_code == 302
    assert IndicatorValue.objects.count() == 1


def test_effect_page_shows_the_trend_smart_gaps_and_attribution(network, logged_in_client, indicator, coalition):
    other = registry.coalition_create(network=network, theme=coalition.theme, name="Samen in de wijk")
    services.values_store(network=network, rows=[services.ValueRow(indicator=indicator, area_code="GM0400",
                                                                   period=f"{y}JJ00", value=Decimal(100 + y - 2020))
                                                 for y in (2021, 2022, 2023)])
    area = network.areas.get()
    services.goal_create(network=network, name="Meer inwoners", indicator=indicator, coalition=coalition, area=area,
                         baseline=Decimal(101), target=Decimal(110), target_date=datetime.date(2027, 1, 1),
                         description="Groei")
    services.goal_create(network=network, name="Ook meer", indicator=indicator, coalition=other)
    page = logged_in_client.get(reverse("monitoring:coalition_effect", args=[network.slug, coalition.pk])).content
    page = page.decode()
    assert f'id="trend-{indicator.pk}"' in page and "In Balans" in page
    assert "attribution-note" in page and "Samen in de wijk" in page
    with translation.override("en"):
        effect = selectors.effect_page(network=network, coalition=other)
        assert effect.goals[0].gaps  # no baseline, target, date, area, description
        assert any("Time-bound" in gap for gap in effect.goals[0].gaps)


def test_overdue_report_and_stress_signals_reach_the_dashboard(network, logged_in_client, coalition):
    network.start_date = datetime.date(2020, 1, 1)
    network.save()
    services.data_report_create(network=network, title="Monitor voorjaar", due_date=datetime.date(2020, 6, 1))
    codes = {s.code for s in selectors.network_signals(network=network)}
    assert {"report_overdue", "no_public_report", "no_measured_value"} <= codes
    page = logged_in_client.get(reverse("overview:dashboard", args=[network.slug])).content.decode()
    assert "Monitor voorjaar" in page


def test_coordinator_records_a_value_function(network, logged_in_client, coalition):
    url = reverse("monitoring:value_function_create", args=[network.slug])
    assert logged_in_client.post(url, {"coalition": coalition.pk, "function": "leer",
                                       "beneficiary": "professionals"}).status_code == 302
    page = logged_in_client.get(reverse("monitoring:coalition_effect", args=[network.slug, coalition.pk]))
    assert 'id="value-functions"' in page.content.decode() and coalition.value_functions.count() == 1


def test_api_reports_evidence_and_value_functions(network, bearer, coalition, viewer):
    client = Client(headers=bearer)
    base = f"/api/v1/networks/{network.slug}"
    assert client.post(f"{base}/data-reports/", {"title": "Monitor", "due_date": "2026-06-01"},
                       content_type="application/json").status_code == 201
    story = client.post(f"{base}/evidence/", {"title": "Verhaal", "text": "Tekst", "recorded_on": "2026-01-01",
                                              "coalition": coalition.pk}, content_type="application/json")
    assert story.status_code == 201 and story.json()["coalition"] == coalition.pk
    assert client.get(f"{base}/evidence/").json()["count"] == 1
    value = client.post(f"{base}/coalitions/{coalition.pk}/value-functions/",
                        {"function": "innovatie", "beneficiary": "society"}, content_type="application/json")
    assert value.status_code == 201
    assert client.post(f"{base}/coalitions/999999/value-functions/", {"function": "doe", "beneficiary": "society"},
                       content_type="application/json").status_code == 404
