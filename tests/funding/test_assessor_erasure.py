"""Erasing an assessor's person (AVG) keeps their scores: the weighted totals and the ranking do not change."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from netwerkregie.assessments import retention
from netwerkregie.funding import selectors
from netwerkregie.funding.models import Assessor, Score
from netwerkregie.registry.models import Person
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


def published(call) -> list[tuple]:
    """Everything the result page publishes, by assessor position rather than name."""
    result = selectors.call_result(call=call)
    return [(r.application.title, r.total, r.spread, r.rank, r.means,
             [(a.excluded, a.total, [s.score if s else None for s in a.scores]) for a in r.assessors],
             [c.passed for c in r.checks]) for r in result.ranking] + [[c.passed for c in result.call_checks]]


def test_erasing_an_assessor_keeps_the_scores_totals_and_ranking(build_call):
    assessed = build_call()
    before = published(assessed.call)
    p1 = assessed.assessors["P1"]  # works at organisation 1: excluded from X automatically
    scores = Score.objects.filter(assessor=p1).count()

    retention.person_erase(person=p1.person)

    assessor = Assessor.objects.get(pk=p1.pk)
    assert assessor.person is None and assessor.user is None
    assert str(assessor) == "Assessor 1"
    assert Score.objects.filter(assessor=assessor).count() == scores == 6
    assert published(assessed.call) == before
    x = next(r for r in selectors.call_result(call=assessed.call).applications if r.application.title == "Aanvraag X")
    assert [a.excluded for a in x.assessors if a.assessor.pk == p1.pk] == [True]
    assert x.total == Decimal("4.17")
    # The old account can no longer open the sheet: nothing links the scores to a person.
    assert selectors.assessor_for(call=assessed.call, user=assessed.users["P1"]) is None


def test_a_second_erased_assessor_gets_the_next_number(build_call):
    assessed = build_call()
    retention.person_erase(person=assessed.assessors["P2"].person)
    retention.person_erase(person=assessed.assessors["P3"].person)
    names = {a.pk: str(a) for a in Assessor.objects.filter(call=assessed.call)}
    assert names[assessed.assessors["P2"].pk] == "Assessor 1"
    assert names[assessed.assessors["P3"].pk] == "Assessor 2"
    assert names[assessed.assessors["P1"].pk] == "Beoordelaar P1"


def test_the_erasure_page_names_the_assessors_that_stay_and_erases(client, user, network, build_call):
    assessed = build_call()
    before = published(assessed.call)
    person = assessed.assessors["P2"].person
    client.force_login(user)  # the network's admin
    url = reverse("assessments:person_erase", args=[network.slug, person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["plan"].blocked
    assert ("Beoordelaars", 1) in page.context["plan"].consequences.unlinked  # Dutch by default
    response = client.post(url, {"confirm_name": person.name}, follow=True)  # the page after it says who was erased
    assert response.redirect_chain and response.status_code == 200
    assert not Person.objects.filter(pk=person.pk).exists()
    assert published(assessed.call) == before
    detail = client.get(reverse("funding:call_detail", args=[network.slug, assessed.call.pk]))
    assert "Beoordelaar 1" in detail.content.decode() and "Beoordelaar P2" not in detail.content.decode()


def test_an_erased_assessor_round_trips_through_the_export(network, build_call):
    assessed = build_call()
    retention.person_erase(person=assessed.assessors["P1"].person)
    first = network_export(network=network)
    row = next(a for a in first["funding"]["assessors"] if a["person"] is None)
    assert row["erased_number"] == 1 and row["erased_organisation"] == "Organisatie 1"
    copy = network_import(data=first, slug="kopie")
    second = network_export(network=copy)
    assert second["funding"] == first["funding"]
    assert published(copy.funding_streams.get().calls.get()) == published(assessed.call)
