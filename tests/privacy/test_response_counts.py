"""Leak 4 (counts): who finished in a small organisation was visible to every viewer, live."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _panel(client, surveyed) -> str:
    url = f"/n/{surveyed.network.slug}/assessments/rounds/{surveyed.round.pk}/"
    return client.get(url).content.decode() + client.get(url + "response/").content.decode()


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_viewers_and_members_see_the_overall_count_only(surveyed, client_as, api_as, role):
    page = _panel(client_as(role), surveyed)
    assert "response-summary" in page and "response-per-organisation" not in page
    assert "Ziekenhuis Zuid" not in page and "Huisartsen Noord" not in page
    response = api_as(role).get(
        f"/api/v1/networks/{surveyed.network.slug}/survey-rounds/{surveyed.round.pk}/response/").json()
    assert (response["invited"], response["completed"], response["organisations"]) == (4, 2, [])


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_see_per_organisation_counts_from_the_minimum_up(surveyed, client_as, api_as, role):
    # Minimum 3: the hospital (2 invited, 1 completed) and the GP practice (2 invited, 1 completed)
    # show "fewer than 3" everywhere. With minimum 2 the invited counts show, completed ones still not.
    surveyed.network.anonymity_minimum = 2
    surveyed.network.save()
    page = _panel(client_as(role), surveyed)
    assert "response-per-organisation" in page and "Ziekenhuis Zuid" in page
    assert "fewer than 2" in page or "minder dan 2" in page
    response = api_as(role).get(
        f"/api/v1/networks/{surveyed.network.slug}/survey-rounds/{surveyed.round.pk}/response/").json()
    rows = {row["name"]: (row["invited"], row["completed"], row["rate"]) for row in response["organisations"]}
    assert rows == {"Ziekenhuis Zuid": (2, None, None), "Huisartsen Noord": (2, None, None)}
    assert response["minimum"] == 2 and response["completed"] == 2


def test_counts_at_or_above_the_minimum_are_shown(surveyed, api_as):
    surveyed.network.anonymity_minimum = 1
    surveyed.network.save()
    response = api_as("coordinator").get(
        f"/api/v1/networks/{surveyed.network.slug}/survey-rounds/{surveyed.round.pk}/response/").json()
    rows = {row["name"]: (row["invited"], row["completed"], row["rate"]) for row in response["organisations"]}
    assert rows == {"Ziekenhuis Zuid": (2, 1, 0.5), "Huisartsen Noord": (2, 1, 0.5)}
