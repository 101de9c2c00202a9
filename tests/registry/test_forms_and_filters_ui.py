"""Coalition form, respondent picker and dashboard filters as a director uses them (HTTP)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.registry import services
from netwerkregie.registry.models import Coalition

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(network, org_type):
    return [services.organisation_create(network=network, name=name, type=org_type(key))
            for name, key in (("Gemeente Noorddorp", "municipality"), ("GGD", "ggd"), ("Ziekenhuis", "hospital"))]


def test_the_coalition_form_asks_for_at_least_two_organisations(logged_in_client, network, parties):
    theme = services.theme_create(network=network, name="Ouderen")
    url = reverse("registry:coalition_create", args=[network.slug])
    page = logged_in_client.get(url).content.decode()
    assert "<select" not in page.split('name="organisations"', 1)[0].rsplit("<", 1)[-1]
    assert page.count('type="checkbox" name="organisations"') == 3 and "data-checklist" in page
    data = {"name": "Valpreventie", "theme": theme.pk, "form": "project", "status": "active",
            "decision_principle": "consensus"}
    response = logged_in_client.post(url, {**data, "organisations": [parties[0].pk]})
    assert response.status_code == 200 and not Coalition.objects.exists()
    boxes = dict(re.findall(r'<input type="checkbox" name="organisations" value="(\d+)"([^>]*)>',
                            response.content.decode()))
    assert "checked" in boxes[str(parties[0].pk)] and "checked" not in boxes[str(parties[1].pk)]
    assert "Pick at least 2 organisations" in response.content.decode() or "Kies minstens 2" in (
        response.content.decode())
    response = logged_in_client.post(url, {**data, "organisations": [parties[0].pk, parties[1].pk]})
    assert response.status_code == 302
    assert Coalition.objects.get().participations.count() == 2


def test_the_respondent_picker_keeps_ticked_people_when_the_filter_changes(logged_in_client, network, parties):
    anna = services.person_create(network=network, name="Anna", organisation=parties[0])
    bram = services.person_create(network=network, name="Bram", organisation=parties[1])
    today = timezone.localdate()
    survey_round = survey.round_create(network=network, name="Meting", instruments=["five_conditions"],
                                       opens_on=today, closes_on=today + datetime.timedelta(days=14))
    url = reverse("assessments:round_respondents", args=[network.slug, survey_round.pk])
    page = logged_in_client.get(url).content.decode()
    assert 'hx-include="#candidates input[name=people]:checked:not(:disabled)"' in page
    assert "<script>" not in page  # the select-all box works from the static checklist.js
    # Anna was ticked, then the filter changed to Bram's organisation: Anna stays ticked.
    partial = logged_in_client.get(url, {"organisation": parties[1].pk, "people": [anna.pk]},
                                   headers={"HX-Request": "true"}).content.decode()
    assert f'value="{anna.pk}" id="person-{anna.pk}" checked' in partial
    assert f'value="{bram.pk}" id="person-{bram.pk}">' in partial
    # Someone of another network cannot be slipped in this way.
    stranger = services.person_create(network=services.network_create(name="Ander", slug="ander"), name="X")
    partial = logged_in_client.get(url, {"people": [stranger.pk]}, headers={"HX-Request": "true"}).content.decode()
    assert f'person-{stranger.pk}"' not in partial


def test_dashboard_filters_live_in_the_url(logged_in_client, network, parties):
    page = logged_in_client.get(network.get_absolute_url()).content.decode()
    assert 'hx-push-url="true"' in page.split('id="matrix-filters"', 1)[1].split(">", 1)[0]
    shared = logged_in_client.get(network.get_absolute_url() + "?type=ggd&sort=coalitions").content.decode()
    assert '<option value="ggd" selected>' in shared and 'value="coalitions" selected' in shared
    matrix = shared.split('id="contribution-matrix"', 1)[1]
    assert "GGD" in matrix and "Ziekenhuis" not in matrix
    # Going back in the browser asks htmx for the whole page, not only the matrix.
    restored = logged_in_client.get(network.get_absolute_url() + "?type=ggd",
                                    headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restored.content.decode()
    partial = logged_in_client.get(network.get_absolute_url() + "?type=ggd", headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()


@pytest.mark.parametrize("query", ["type=ggd", "type=hospital&sort=name", "sort=type", "sort=coalitions"])
def test_the_matrix_rows_are_the_organisation_list_rows(logged_in_client, network, parties, query):
    """One filter declaration: the dashboard's matrix and the organisation list agree for the same parameters."""
    names = [party.name for party in parties]

    def order(url: str, table_id: str) -> list[str]:
        html = logged_in_client.get(url).content.decode().split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
        return sorted((name for name in names if f">{name}<" in html), key=html.index)

    matrix = order(f"{network.get_absolute_url()}?{query}", "contribution-matrix")
    assert matrix == order(reverse("registry:organisation_list", args=[network.slug]) + f"?{query}",
                           "organisation-list")
    assert matrix and (len(matrix) < len(names)) == query.startswith("type=")


def test_an_invalid_matrix_filter_is_named_and_left_out(logged_in_client, network, parties):
    partial = logged_in_client.get(network.get_absolute_url() + "?type=onzin",
                                   headers={"HX-Request": "true"}).content.decode()
    assert 'role="alert"' in partial.split('id="contribution-matrix"', 1)[0]
    assert all(party.name in partial for party in parties)
