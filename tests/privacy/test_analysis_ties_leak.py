"""Issue 8, leak 6 on the analysis page and API: centralities must not rest on ties members may not see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netwerkregie.assessments.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def ties(survey):
    """One respondent of A reports A–B; three respondents of C report C–D."""
    rnd = survey.round(["relations"])
    orgs = {key: survey.organisation(name, "hospital") for key, name in
            (("a", "Alfa"), ("b", "Bravo"), ("c", "Charlie"), ("d", "Delta"))}
    for source, target, respondents in (("a", "b", 1), ("c", "d", 3)):
        for _ in range(respondents):
            invitation = survey.respond(rnd, orgs[source], {})
            Answer.objects.create(invitation=invitation, instrument="relations", item="relation_kind",
                                  organisation=orgs[target], value="coordinated")
    return rnd


def _degrees(analysis: dict) -> dict[str, float]:
    return {row["name"]: row["degree"] for row in analysis["per_node"]}


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_a_single_respondents_tie_counts_for_no_one_below_admin(ties, network, member_as, role):
    member = member_as(role)
    analysis = member.api.get(f"/api/v1/networks/{network.slug}/analysis", {"sources": "survey"}).json()
    assert analysis["edges"] == 1 and _degrees(analysis)["Alfa"] == 0 and _degrees(analysis)["Charlie"] > 0
    page = member.web.get(reverse("analysis:index", kwargs={"network": network.slug}), {"sources": "survey"})
    assert page.status_code == 200 and page.context["analysis"].edges == 1


def test_admins_analyse_every_reported_tie(ties, network, member_as):
    analysis = member_as("admin").api.get(f"/api/v1/networks/{network.slug}/analysis", {"sources": "survey"}).json()
    assert analysis["edges"] == 2 and _degrees(analysis)["Alfa"] > 0


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator", "admin"])
def test_the_structural_warnings_do_not_show_a_single_respondents_tie(ties, network, member_as, role):
    """Alfa and Bravo are tied by one respondent only: every member's dashboard and warnings page call
    them isolated, as if nobody had named them (admins see the same warnings: all members do)."""
    member = member_as(role)
    for name in ("overview:dashboard", "overview:warnings"):
        page = member.web.get(reverse(name, kwargs={"network": network.slug}))
        assert page.status_code == 200
        text = page.content.decode()
        for organisation in ("Alfa", "Bravo"):
            assert f"{organisation} heeft geen relaties in het netwerk." in text or \
                   f"{organisation} has no relations in the network." in text, (name, organisation)
        assert "Charlie heeft geen relaties" not in text and "Charlie has no relations" not in text
