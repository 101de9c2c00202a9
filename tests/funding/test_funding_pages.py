"""Funding pages over HTTP: who sees what, blind scoring, the scoring sheet, money in Dutch format."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.funding import services
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def viewer(network, make_user):
    user = make_user("kijker")
    registry.membership_set(network=network, user=user, role=NetworkRole.VIEWER)
    return client_for(user)


def test_pages_are_404_for_non_members(network, build_call, make_user):
    assessed = build_call()
    outsider = client_for(make_user("buiten"))
    slug = network.slug
    for url in [reverse("funding:index", args=[slug]), reverse("funding:call_detail", args=[slug, assessed.call.pk]),
                reverse("funding:score", args=[slug, assessed.call.pk]), reverse("funding:arena", args=[slug])]:
        assert outsider.get(url).status_code == 404


def test_viewer_reads_the_published_call_but_not_the_result_while_open(network, build_call, viewer):
    assessed = build_call()
    page = viewer.get(reverse("funding:call_detail", args=[network.slug, assessed.call.pk])).content.decode()
    assert "Criterium A" in page and 'id="formula"' in page and 'id="result-hidden"' in page
    assert "Reden P2" not in page
    draft = services.call_create(stream=assessed.stream, name="Concept")
    assert viewer.get(reverse("funding:call_detail", args=[network.slug, draft.pk])).status_code == 404
    assert viewer.get(reverse("funding:stream_create", args=[network.slug])).status_code == 403
    services.call_close(call=assessed.call)
    page = viewer.get(reverse("funding:call_detail", args=[network.slug, assessed.call.pk])).content.decode()
    assert "4,17" in page or "4.17" in page


def test_assessor_sees_only_own_scores_until_submitting(network, build_call):
    assessed = build_call(submit=("P2", "P3"))
    p1 = client_for(assessed.users["P1"])
    services.score_set(assessor=assessed.assessors["P1"], application=assessed.applications["Y"],
                       criterion=assessed.criteria["A"], score=4, reason="Mijn eigen reden")
    sheet = p1.get(reverse("funding:score", args=[network.slug, assessed.call.pk])).content.decode()
    assert "Mijn eigen reden" in sheet
    assert "Reden P2" not in sheet and "Reden P3" not in sheet  # never the others' reasons
    detail = p1.get(reverse("funding:call_detail", args=[network.slug, assessed.call.pk])).content.decode()
    assert 'id="result-hidden"' in detail
    # P2 submitted: the result with the others' scores is open to them.
    detail = client_for(assessed.users["P2"]).get(
        reverse("funding:call_detail", args=[network.slug, assessed.call.pk])).content.decode()
    assert "application-result" in detail and "Mijn eigen reden" not in detail


def test_a_member_who_is_no_assessor_cannot_open_a_sheet(network, build_call, make_user):
    assessed = build_call()
    member = make_user("lid")
    registry.membership_set(network=network, user=member, role=NetworkRole.MEMBER)
    assert client_for(member).get(reverse("funding:score", args=[network.slug, assessed.call.pk])).status_code == 403


def test_scoring_sheet_saves_and_submits(network, build_call):
    assessed = build_call(score=False)
    client = client_for(assessed.users["P3"])
    url = reverse("funding:score", args=[network.slug, assessed.call.pk])
    data = {}
    for name in "XY":
        for criterion in "ABC":
            key = f"{assessed.applications[name].pk}-{assessed.criteria[criterion].pk}"
            data[f"score-{key}"], data[f"reason-{key}"] = "4", f"Onderbouwing {name}{criterion}"
    bad = dict(data, **{f"reason-{assessed.applications['X'].pk}-{assessed.criteria['A'].pk}": ""})
    response = client.post(url, {**bad, "save": "1"})
    assert response.status_code == 200 and "Geef de reden voor deze score." in response.content.decode()
    assert not assessed.assessors["P3"].scores.exists()  # one bad cell: nothing stored
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    assessed.assessors["P3"].refresh_from_db()
    assert assessed.assessors["P3"].submitted_at is not None
    assert assessed.assessors["P3"].scores.count() == 6


def test_coordinator_sees_the_ranking_and_money_in_dutch_format(network, build_call, logged_in_client):
    assessed = build_call()
    page = logged_in_client.get(reverse("funding:call_detail", args=[network.slug, assessed.call.pk])).content.decode()
    assert page.index("Aanvraag X – <span") < page.index("Aanvraag Y – <span") < page.index("Aanvraag Z – <span")
    assert "€ 30.000,00" in page
    index = logged_in_client.get(reverse("funding:index", args=[network.slug])).content.decode()
    assert "€ 100.000,00" in index and "€ 90.000,00" in index


def test_open_action_freezes_and_is_coordinator_only(network, build_call, viewer, logged_in_client):
    assessed = build_call(score=False)
    draft = services.call_create(stream=assessed.stream, name="Concept", agreed_by="Regiegroep",
                                 criteria_agreed_on=assessed.call.criteria_agreed_on)
    services.criterion_add(call=draft, name="Kwaliteit", weight=1)
    url = reverse("funding:call_action", args=[network.slug, draft.pk, "open"])
    assert viewer.post(url).status_code == 403
    assert logged_in_client.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "open"


def test_coordinator_assigns_an_assessor_and_adds_an_arena_entry(network, build_call, logged_in_client):
    assessed = build_call(score=False)
    person = registry.person_create(network=network, name="Nieuwe beoordelaar", organisation=assessed.organisations[4])
    url = reverse("funding:assessor_create", args=[network.slug, assessed.call.pk])
    assert logged_in_client.post(url, {"person": person.pk}).status_code == 302
    assert assessed.call.assessors.filter(person=person).exists()
    url = reverse("funding:arena_entry_create", args=[network.slug])
    response = logged_in_client.post(url, {"initiative": assessed.initiative.pk, "stakeholder": "housing",
                                           "approach": "integrated", "investment": "2500", "returns": "0"})
    assert response.status_code == 302
    page = logged_in_client.get(reverse("funding:arena", args=[network.slug])).content.decode()
    assert "arena-warning" in page and "€ 2.500" in page
