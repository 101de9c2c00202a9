"""Issue 8, leak 6: survey ties on the map are answers; non-admins see them aggregated or as presence only."""

from __future__ import annotations

import pytest
from django.urls import reverse
from map_wire import elements

from netwerkregie.assessments.models import Answer, Invitation
from netwerkregie.registry.models import StoredResult, SurveyTies

pytestmark = pytest.mark.django_db


@pytest.fixture
def ties(survey):
    """One respondent of A reports A–B; three respondents of C report C–D (all "coordinated", trust 4)."""
    rnd = survey.round(["relations"])
    orgs = {key: survey.organisation(name, "hospital") for key, name in
            (("a", "Alfa"), ("b", "Bravo"), ("c", "Charlie"), ("d", "Delta"))}
    for source, target, respondents in (("a", "b", 1), ("c", "d", 3)):
        for _ in range(respondents):
            invitation: Invitation = survey.respond(rnd, orgs[source], {})
            for item, value in [("relation_kind", "coordinated"), ("trust_reliability", 4), ("trust_openness", 4),
                                ("trust_mission", 4)]:
                Answer.objects.create(invitation=invitation, instrument="relations", item=item,
                                      organisation=orgs[target], value=value)
    return {key: str(org.pk) for key, org in orgs.items()}


def survey_edges(data: dict) -> list[dict]:
    return [e["data"] for e in data["elements"]["edges"] if e["data"]["src"] == "survey"]


def degree(data: dict, pk: str) -> int:
    return next(n["data"]["degree"] for n in data["elements"]["nodes"] if n["data"]["id"] == pk)


def both_maps(member, network, **params) -> list[dict]:
    """The map as the page loads it and as the API gives it, every tie of it (not only the strongest)."""
    params = {"ties": "all", **params}
    page = member.web.get(reverse("analysis:map_data", kwargs={"network": network.slug}), params)
    api = member.api.get(f"/api/v1/networks/{network.slug}/map", params)
    assert page.status_code == api.status_code == 200
    return [elements(page.json()), elements(api.json())]


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_by_default_a_single_respondents_tie_is_not_shown(ties, network, member_as, role):
    assert network.map_survey_ties == SurveyTies.AGGREGATED  # the safe default
    for data in both_maps(member_as(role), network, sources="survey"):
        edges = survey_edges(data)
        assert [(e["source"], e["target"], e["kind"]) for e in edges] == [(ties["c"], ties["d"], "coordinated")]
        assert all("trust" not in e for e in edges)
        assert degree(data, ties["a"]) == 0  # no centrality gives the hidden tie away
        assert "3" in data["legend"]["survey_ties"]["note"]
    page = member_as(role).web.get(reverse("analysis:map", kwargs={"network": network.slug})).content.decode()
    assert 'id="survey-ties-note"' in page


def test_presence_shows_only_that_a_tie_exists(ties, network, member_as):
    network.map_survey_ties = SurveyTies.PRESENCE
    network.save()
    member = member_as("viewer")
    for data in both_maps(member, network, sources="survey"):
        edges = survey_edges(data)
        assert {(e["source"], e["target"]) for e in edges} == {(ties["a"], ties["b"]), (ties["c"], ties["d"])}
        assert {e["kind"] for e in edges} == {"reported"} and {e["weight"] for e in edges} == {1.0}
        assert all("trust" not in e and "directed" not in e for e in edges)
        assert "coordinated" not in {k["key"] for k in data["legend"]["kinds"]}
    for data in both_maps(member, network, sources="survey", kind="coordinated"):
        assert survey_edges(data) == []  # filtering on a kind does not reveal it either


def test_admins_see_every_tie_as_reported(ties, network, member_as):
    for data in both_maps(member_as("admin"), network, sources="survey"):
        edges = {(e["source"], e["target"]): e for e in survey_edges(data)}
        assert set(edges) == {(ties["a"], ties["b"]), (ties["c"], ties["d"])}
        assert edges[(ties["a"], ties["b"])]["kind"] == "coordinated" and edges[(ties["a"], ties["b"])]["trust"] == 4


def test_a_stored_map_is_served_only_to_who_may_see_it(ties, network, member_as):
    """The admin's map, stored first, holds the single respondent's tie and trust: members get their own."""
    admin, viewer = member_as("admin"), member_as("viewer")
    for _ in range(2):  # computed and stored, then read from the store
        for data in both_maps(admin, network, sources="survey"):
            assert len(survey_edges(data)) == 2 and all("trust" in e for e in survey_edges(data))
        for data in both_maps(viewer, network, sources="survey"):
            assert [(e["source"], e["target"]) for e in survey_edges(data)] == [(ties["c"], ties["d"])]
            assert all("trust" not in e for e in survey_edges(data))
    assert StoredResult.objects.filter(network=network, kind="map").count() == 2  # admin's and viewer's
