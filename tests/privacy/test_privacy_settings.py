"""The network's privacy settings: safe defaults, editable by admins, carried by the JSON export."""

from __future__ import annotations

import pytest

from netwerkregie.registry.models import SurveyTies
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


def test_defaults_are_the_safe_choice(network):
    assert network.publish_free_text is False and network.map_survey_ties == SurveyTies.AGGREGATED


def test_an_admin_changes_them_and_an_export_carries_them(network, member_as):
    admin = member_as("admin")
    data = {"name": network.name, "slug": network.slug, "anonymity_minimum": 4, "map_survey_ties": "presence",
            "publish_free_text": "on"}
    assert admin.web.post(f"/n/{network.slug}/settings/", data).status_code == 302
    network.refresh_from_db()
    assert (network.publish_free_text, network.map_survey_ties) == (True, SurveyTies.PRESENCE)
    exported = network_export(network=network)
    assert exported["network"]["publish_free_text"] is True and exported["network"]["map_survey_ties"] == "presence"
    copy = network_import(data=exported, slug="kopie")
    assert (copy.publish_free_text, copy.map_survey_ties) == (True, SurveyTies.PRESENCE)
    del exported["network"]["publish_free_text"], exported["network"]["map_survey_ties"]
    older = network_import(data=exported, slug="ouder")
    assert (older.publish_free_text, older.map_survey_ties) == (False, SurveyTies.AGGREGATED)


def test_a_coordinator_cannot_change_them(network, member_as):
    response = member_as("coordinator").web.post(f"/n/{network.slug}/settings/", {
        "name": network.name, "slug": network.slug, "anonymity_minimum": 3, "map_survey_ties": "presence",
        "publish_free_text": "on"})
    assert response.status_code in (403, 404)
    network.refresh_from_db()
    assert network.publish_free_text is False
