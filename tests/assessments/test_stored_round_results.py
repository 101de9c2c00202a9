"""Stored round results: equal to freshly computed ones, out of date after a write, never for an open round,
and what a viewer or member sees of them is what they see of fresh results."""

from __future__ import annotations

import datetime
import random

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from results_fixtures import five_conditions, make_round, organisation, respond

from netwerkregie.assessments.results import breakdown, stored
from netwerkregie.assessments.results.stored import results_from_json, results_to_json, stored_round_results
from netwerkregie.assessments.retention import person_erase
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import StoredResult

pytestmark = pytest.mark.django_db
INSTRUMENTS = ["five_conditions", "platform31"]


def generated(network, seed: int) -> list:
    """Three closed rounds of random respondents in organisations of three types, two themes and three levels."""
    rng = random.Random(seed)
    orgs = [organisation(network, f"Organisatie {i}", key) for i, key in enumerate(
        ["hospital", "gp", "welfare"] * 3)]
    for name, members in (("Ouderen", orgs[:5]), ("GGZ", orgs[4:])):
        registry.coalition_create(network=network, theme=registry.theme_create(network=network, name=name),
                                  name=f"Coalitie {name}", organisations=members)
    rounds = []
    for year in (2023, 2024, 2025):
        survey = make_round(network, f"Monitor {year}", INSTRUMENTS, opens=f"{year}-01-10", closes=f"{year}-03-01")
        for _i in range(rng.randint(6, 12)):
            respond(survey, rng.choice(orgs), {"five_conditions": five_conditions(rng.randint(1, 5))},
                    level=rng.choice(["strategic", "tactical", "operational"]),
                    subjects=[({"level": "strategic"}, {"platform31": {"val_task": rng.randint(1, 5)}})],
                    evidence={"five_conditions": {"amb_shared": f"Toelichting {rng.randint(1, 99)}"}})
        rounds.append(survey)
    registry.data_changed(network=network)  # the answers above were written with the ORM
    return rounds


@pytest.mark.parametrize("seed", [1, 2])
def test_stored_round_results_equal_fresh_ones(network, seed):
    rounds = generated(network, seed)
    for language in ("nl", "en"):
        with translation.override(language):
            for survey in rounds:
                for shown in (None, ["five_conditions"], ["platform31"]):
                    for with_texts in (False, True):
                        asked = {"survey_round": survey, "instruments": shown, "with_texts": with_texts}
                        fresh = breakdown.round_results(**asked)
                        assert stored_round_results(**asked).instruments == fresh.instruments  # computed, stored
                        read = stored_round_results(**asked)  # read back
                        assert read.instruments == fresh.instruments and results_to_json(read) == results_to_json(fresh)
                        assert (read.invited, read.respondents, read.minimum, read.texts_shown) == (
                            fresh.invited, fresh.respondents, fresh.minimum, fresh.texts_shown)
    # one stored result per question: rounds × instrument choices × texts × languages
    assert StoredResult.objects.filter(kind=stored.KIND).count() == 3 * 3 * 2 * 2
    assert results_from_json(results_to_json(fresh), survey_round=rounds[-1]).instruments == fresh.instruments


def test_the_results_page_reads_the_stored_figures_until_a_write(network, logged_in_client, monkeypatch):
    (survey, *_older) = generated(network, 3)[::-1]
    url = reverse("assessments:round_results", kwargs={"network": network.slug, "round_id": survey.pk})
    first = logged_in_client.get(url, {"instrument": "five_conditions"})
    assert first.status_code == 200 and not first.context["result"].suppressed
    computed = stored.round_results
    monkeypatch.setattr(stored, "round_results", lambda **kwargs: pytest.fail("computed again"))
    again = logged_in_client.get(url, {"instrument": "five_conditions"})
    assert again.context["result"] == first.context["result"]
    monkeypatch.setattr(stored, "round_results", computed)
    registry.network_update(network=network, anonymity_minimum=50)  # every group is now too small
    after = logged_in_client.get(url, {"instrument": "five_conditions"})
    assert after.context["result"].suppressed and after.context["result"].dimensions == []


def test_an_open_round_is_computed_every_time(network):
    today = timezone.localdate()
    survey = make_round(network, "Lopend", INSTRUMENTS, opens=(today - datetime.timedelta(days=5)).isoformat(),
                        closes=(today + datetime.timedelta(days=5)).isoformat())
    for score in (2, 3, 4):
        respond(survey, organisation(network, f"O{score}", "gp"), {"five_conditions": five_conditions(score)})
    assert stored_round_results(survey_round=survey).respondents == 3
    respond(survey, organisation(network, "O5", "gp"), {"five_conditions": five_conditions(5)})  # no bump
    assert stored_round_results(survey_round=survey).respondents == 4 and not StoredResult.objects.exists()


def test_erasing_a_respondent_discards_stored_round_results(network):
    survey = generated(network, 4)[0]
    before = stored_round_results(survey_round=survey, with_texts=True).instruments[0].texts
    person_erase(person=survey.invitations.exclude(person=None).first().person)
    assert not StoredResult.objects.exists()  # no copy of the erased evidence is left behind
    assert len(stored_round_results(survey_round=survey, with_texts=True).instruments[0].texts) == len(before) - 1


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER])
def test_below_coordinator_stored_results_hold_no_free_text(network, logged_in_client, make_user, role):
    """The admin's results with free text are stored first; a viewer or member then gets exactly the
    fresh results without text – from the page and the API."""
    survey = generated(network, 5)[-1]
    url = reverse("assessments:round_results", kwargs={"network": network.slug, "round_id": survey.pk})
    admin = logged_in_client.get(url, {"instrument": "five_conditions"}).context["result"]
    assert any(t.is_evidence for t in admin.texts)
    below = make_user("lid")
    registry.membership_set(network=network, user=below, role=role)
    client = Client()
    client.force_login(below)
    with translation.override("nl"):
        fresh = breakdown.round_results(survey_round=survey, instruments=["five_conditions"]).instruments[0]
    for _visit in range(2):  # computed and stored, then read
        seen = client.get(url, {"instrument": "five_conditions"}).context["result"]
        assert seen == fresh and seen.texts == [] and "Toelichting" not in client.get(url).content.decode()
    token = registry.api_token_create(user=below, name="t")[1]
    api = client.get(f"/api/v1/networks/{network.slug}/survey-rounds/{survey.pk}/results/",
                     headers={"Authorization": f"Bearer {token}"}).json()
    assert api["texts_shown"] is False and all(i.get("texts", []) == [] for i in api["instruments"])
