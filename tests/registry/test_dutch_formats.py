"""Numbers typed and shown the Dutch way: "0,5" is a half, € 25.000,00, Dutch chart locale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netwerkregie.core.charts import spec
from netwerkregie.core.forms import parse_decimal
from netwerkregie.registry import services
from netwerkregie.registry.models import CoalitionParticipation

pytestmark = pytest.mark.django_db


@pytest.fixture
def coalition(network, org_type):
    theme = services.theme_create(network=network, name="Ouderen")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie")
    organisation = services.organisation_create(network=network, name="Gemeente Noorddorp",
                                                type=org_type("municipality"))
    return coalition, organisation


def test_a_decimal_comma_is_a_decimal_and_never_multiplies_by_ten(logged_in_client, network, coalition):
    coalition, organisation = coalition
    url = reverse("registry:participation_create", args=[network.slug, coalition.pk])
    response = logged_in_client.post(url, {"organisation": organisation.pk, "contribution_people": "0,5",
                                           "contribution_money": "25.000"})
    assert response.status_code == 302, response.content.decode()
    participation = CoalitionParticipation.objects.get(coalition=coalition)
    assert participation.contribution_people == Decimal("0.5")
    assert participation.contribution_money == Decimal("25000")
    page = logged_in_client.get(coalition.get_absolute_url()).content.decode()
    assert "€ 25.000,00" in page and ">0,5<" in page
    edit = logged_in_client.get(reverse("registry:participation_update", args=[network.slug, participation.pk]))
    assert 'value="0,50"' in edit.content.decode()  # the edit form shows it the Dutch way too


def test_english_amounts_and_input(network, coalition, user):
    coalition, organisation = coalition
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    url = reverse("registry:participation_create", args=[network.slug, coalition.pk])
    client.post(url, {"organisation": organisation.pk, "contribution_people": "1.5",
                      "contribution_money": "1,234.50"})
    assert CoalitionParticipation.objects.get().contribution_money == Decimal("1234.50")
    assert "€1,234.50" in client.get(coalition.get_absolute_url()).content.decode()


@pytest.mark.parametrize("typed, meant", [
    ("0,5", "0.5"), ("0.5", "0.5"), ("1.234,56", "1234.56"), ("25.000", "25000"), ("€ 25.000,00", "25000.00"),
    ("-1.500", "-1500"), ("12", "12"),
])
def test_dutch_typing(typed, meant):
    with translation.override("nl"):
        assert Decimal(parse_decimal(typed)) == Decimal(meant)


def test_a_bad_number_gets_a_message_and_keeps_the_input(logged_in_client, network, coalition):
    coalition, organisation = coalition
    url = reverse("registry:participation_create", args=[network.slug, coalition.pk])
    response = logged_in_client.post(url, {"organisation": organisation.pk, "contribution_people": "een half"})
    assert response.status_code == 200
    assert 'value="een half"' in response.content.decode()
    assert not CoalitionParticipation.objects.exists()


def test_charts_get_the_dutch_number_and_date_locale():
    with translation.override("nl"):
        locale = spec(data=[])["config"]["locale"]
    assert locale["number"]["decimal"] == "," and locale["number"]["thousands"] == "."
    assert locale["number"]["currency"] == ["€ ", ""] and locale["time"]["months"][2] == "maart"
    with translation.override("en"):
        assert "locale" not in spec(data=[])["config"]
