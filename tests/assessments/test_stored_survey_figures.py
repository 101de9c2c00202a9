"""Stored trend, round comparison, quadrants and dip assessment: equal to freshly computed ones, read back
until a write, never stored over a round still open, and what a viewer sees is what fresh figures show."""

from __future__ import annotations

import datetime
import itertools
import random

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from results_fixtures import dip, five_conditions, make_round, organisation, respond
from survey_helpers import build_region, open_round

from netwerkregie.assessments import services as survey
from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.results import dip as dip_module
from netwerkregie.assessments.results import quadrant, stored, trends
from netwerkregie.assessments.results.stored import (
    stored_comparison,
    stored_dip,
    stored_quadrants,
    stored_trend,
)
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import StoredResult

pytestmark = pytest.mark.django_db
INSTRUMENTS = ["five_conditions", "network_dip", "network_nature"]
KINDS = [stored.TREND_KIND, stored.COMPARISON_KIND, stored.QUADRANT_KIND, stored.DIP_KIND]
DAY = datetime.timedelta(days=1)


def nature(x: int, y: int) -> dict[str, object]:
    inst = instrument_get("network_nature")
    return {it.key: (6 - s if it.reverse else s) for d, s in (("steering", x), ("content", y))
            for it in inst.dimension(d).items}


def generated(network, seed: int) -> list:
    """Three closed rounds of random respondents: five conditions, dip signals, the quadrant per theme."""
    rng = random.Random(seed)
    orgs = [organisation(network, f"Organisatie {i}", key) for i, key in enumerate(["hospital", "gp", "welfare"] * 3)]
    themes = [registry.theme_create(network=network, name=name) for name in ("Ouderen", "GGZ")]
    rounds = []
    for year in (2023, 2024, 2025):
        round_ = make_round(network, f"Monitor {year}", INSTRUMENTS, opens=f"{year}-01-10", closes=f"{year}-03-01")
        for _i in range(rng.randint(4, 14)):
            theme = rng.choice(themes)
            respond(round_, rng.choice(orgs), {"five_conditions": five_conditions(rng.randint(1, 5)),
                                               "network_dip": dip(rng.randint(1, 5)),
                                               "network_nature": nature(rng.randint(1, 5), rng.randint(1, 5))},
                    level=rng.choice(["strategic", "tactical", "operational"]),
                    subjects=[({"theme": theme}, {"network_nature": nature(rng.randint(1, 5), rng.randint(1, 5))})])
        rounds.append(round_)
    registry.data_changed(network=network)  # the answers above were written with the ORM
    return rounds


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stored_figures_equal_fresh_ones(network, seed):
    rounds = generated(network, seed)
    for language in ("nl", "en"):
        with translation.override(language):
            for key in INSTRUMENTS:
                for chosen in (None, rounds[:2], rounds[1:]):
                    fresh = trends.trend(network=network, instrument_key=key, rounds=chosen)
                    assert stored_trend(network=network, instrument_key=key, rounds=chosen) == fresh  # stored
                    assert stored_trend(network=network, instrument_key=key, rounds=chosen) == fresh  # read back
            for before, after in itertools.permutations(rounds, 2):
                fresh = trends.round_comparison(before=before, after=after)
                for _visit in range(2):
                    read = stored_comparison(before=before, after=after)
                    assert read == fresh and [d.verdict for d in read.differences] == [
                        d.verdict for d in fresh.differences]
            for round_ in rounds:
                fresh = quadrant.quadrants(survey_round=round_)
                assert len(fresh) >= 2  # the network and each theme answered about
                for _visit in range(2):
                    assert stored_quadrants(survey_round=round_) == fresh
            for on in (None, datetime.date(2024, 6, 1)):  # today, and as a board report of mid-2024 asks
                fresh = dip_module.dip_assessment(network=network, on=on)
                for _visit in range(2):
                    read = stored_dip(network=network, on=on)
                    assert read == fresh and read.headline == fresh.headline
    counts = {kind: StoredResult.objects.filter(kind=kind).count() for kind in KINDS}
    # per language: 3 instruments × 3 choices of rounds, 6 pairs, 3 rounds, dip over 3 and over 2 rounds
    assert counts == {stored.TREND_KIND: 18, stored.COMPARISON_KIND: 12, stored.QUADRANT_KIND: 6, stored.DIP_KIND: 4}


def test_the_pages_read_stored_figures_until_a_write(network, logged_in_client, monkeypatch):
    rounds = generated(network, 4)
    slug = {"network": network.slug}
    pages = {"trend": (reverse("assessments:results_trend", kwargs=slug), {"instrument": "five_conditions"}),
             "comparison": (reverse("assessments:results_compare", kwargs=slug), {}),
             "quadrants": (reverse("assessments:results_quadrant", kwargs=slug), {}),
             "dip": (reverse("assessments:results_index", kwargs=slug), {})}
    first = {name: logged_in_client.get(url, query).context[name] for name, (url, query) in pages.items()}
    assert first["comparison"].after == rounds[-1] and not first["quadrants"][0].suppressed
    assert any(not p.stat.suppressed for s in first["trend"].series for p in s.points)
    assert not first["dip"].latest.index.suppressed
    computing = ((stored.trends, "trend_of"), (stored.trends, "round_comparison"), (stored.quadrant, "quadrants"),
                 (stored.dip, "dip_of"))
    with monkeypatch.context() as patched:
        for module, name in computing:
            patched.setattr(module, name, lambda **kwargs: pytest.fail("computed again"))
        again = {name: logged_in_client.get(url, query).context[name] for name, (url, query) in pages.items()}
    assert again == first
    registry.network_update(network=network, anonymity_minimum=50)  # every figure is now too small
    after = {name: logged_in_client.get(url, query).context[name] for name, (url, query) in pages.items()}
    assert all(p.stat.suppressed for s in after["trend"].series for p in s.points)
    assert all(d.suppressed for d in after["comparison"].differences)
    assert all(q.suppressed for q in after["quadrants"])
    assert after["dip"].latest is None  # with fewer respondents than the minimum no round counts


def _answer(invitation, score: int) -> None:
    survey.answers_save(invitation=invitation, instrument="five_conditions", values=five_conditions(score))
    survey.answers_save(invitation=invitation, instrument="network_dip", values=dip(score))
    survey.invitation_complete(invitation=invitation)


def test_answers_of_an_open_round_are_never_stored_and_closing_it_shows_them(network, logged_in_client):
    """Answers saved through the services arrive without a version bump: while the round is open every
    figure over it is computed; once the round is closed (a write) the figure with every answer is stored."""
    closed = generated(network, 5)
    region = build_region(network)
    running = open_round(network, instruments=["five_conditions", "network_dip"])
    invitations = survey.invitations_create(survey_round=running, people=region.people)
    means = []
    for invitation, score in zip(invitations, (5, 5, 4, 5, 5), strict=True):
        _answer(invitation, score)
        if invitation is not invitations[0]:
            comparison = stored_comparison(before=closed[-1], after=running)
            means.append(next(d.after.mean for d in comparison.differences if d.key == "ambitie"))
    assert not StoredResult.objects.filter(kind__in=KINDS).exists()
    assert means[0] is None and means[-1] == pytest.approx(4.8)  # suppressed at first, then every answer
    assert [r.round for r in stored_dip(network=network).rounds] == closed  # an open round does not count
    survey.round_update(survey_round=running, closes_on=timezone.localdate() - DAY)
    running.refresh_from_db()
    comparison = stored_comparison(before=closed[-1], after=running)
    assert next(d.after.mean for d in comparison.differences if d.key == "ambitie") == pytest.approx(4.8)
    assert stored_dip(network=network).latest.round == running
    assert set(StoredResult.objects.filter(kind__in=KINDS).values_list("kind", flat=True)) == {
        stored.COMPARISON_KIND, stored.DIP_KIND}
    response = logged_in_client.get(reverse("assessments:results_compare", kwargs={"network": network.slug}))
    assert response.context["comparison"] == trends.round_comparison(before=closed[-1], after=running)


def test_a_viewer_gets_the_fresh_trend_of_the_rounds_they_may_see(network, logged_in_client, make_user):
    """The admin's trend includes a round still open (computed, not stored); the viewer's trend, stored,
    is exactly the fresh trend over the closed rounds."""
    closed = generated(network, 6)
    running = make_round(network, "Lopend", INSTRUMENTS, opens=(timezone.localdate() - DAY).isoformat(),
                         closes=(timezone.localdate() + 9 * DAY).isoformat())
    for i in range(4):
        respond(running, organisation(network, f"Lopend {i}", "gp"), {"five_conditions": five_conditions(1)})
    url = reverse("assessments:results_trend", kwargs={"network": network.slug})
    admin = logged_in_client.get(url).context["trend"]
    assert admin.rounds == [*closed, running]
    viewer = make_user("kijker")
    registry.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(viewer)
    with translation.override("nl"):
        fresh = trends.trend(network=network, instrument_key="five_conditions", rounds=closed)
    for _visit in range(2):
        seen = client.get(url).context["trend"]
        assert seen == fresh and seen.rounds == closed
    assert StoredResult.objects.filter(kind=stored.TREND_KIND).count() == 1

