"""The demo region loads, is deterministic, shows every warning, and its user gets in."""

import pytest
from django.core.management import call_command

from netwerkregie.demo.generator import build_demo
from netwerkregie.registry import selectors
from netwerkregie.registry.models import Network

pytestmark = pytest.mark.django_db


def snapshot(network: Network) -> list:
    return [
        sorted(network.organisations.values_list("name", "type__key", "municipality__name", "website")),
        sorted(network.people.values_list("name", "organisation__name", "function", "email", "phone")),
        sorted(network.coalitions.values_list("name", "theme__name", "form", "status")),
        sorted(network.coalitions.values_list("participations__organisation__name",
                                              "participations__contribution_people",
                                              "participations__contribution_money")),
        sorted(network.governance_units.values_list("name", "memberships__person__name",
                                                    "memberships__level")),
    ]


def test_demo_meets_the_brief_and_shows_every_warning():
    network = build_demo()
    assert network.municipalities.count() == 4
    assert network.organisations.count() >= 40
    assert network.organisations.values("type").distinct().count() >= 10
    assert network.themes.count() == 5
    assert network.coalitions.count() >= 8
    assert network.governance_units.count() >= 6
    codes = {w.code for w in selectors.network_warnings(network=network)}
    assert codes == {"theme_without_board_lead", "theme_without_coordinator", "coalition_too_small",
                     "organisation_without_coalition", "board_overload"}


def test_demo_is_deterministic():
    first = snapshot(build_demo())
    call_command("demo", reset=True)
    assert snapshot(Network.objects.get(slug="regio-voorbeeld")) == first


def test_if_empty_leaves_an_existing_database_alone(capsys):
    Network.objects.create(name="Andere regio", slug="andere-regio")
    call_command("demo", if_empty=True)
    assert not Network.objects.filter(slug="regio-voorbeeld").exists()
    assert "demo / demo" in capsys.readouterr().out


def test_demo_user_logs_in_and_sees_the_dashboard(client):
    call_command("demo")
    assert client.login(username="demo", password="demo")
    response = client.get("/n/regio-voorbeeld/")
    assert response.status_code == 200
    assert "Valpreventie 65+" in response.content.decode()
