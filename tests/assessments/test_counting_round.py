"""Which round counts: the latest closed round with enough respondents and response share, one rule for all."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from results_fixtures import make_round, organisation, respond

from netwerkregie.analysis import selectors as analysis
from netwerkregie.assessments.selectors import counting_round, counting_rounds
from netwerkregie.governance import selectors as governance
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 6, 1)


def relational_round(network, name: str, opens: str, closes: str, reporters, invited_extra: int = 0):
    """Each reporter's organisation rates every other organisation it is given as trusting (4)."""
    rnd = make_round(network, name, ["relations"], opens=opens, closes=closes)
    for source, targets in reporters:
        respond(rnd, source, {}, subjects=[({"organisation": t}, {"relations": {
            "relation_kind": "cooperative", "trust_reliability": 4, "trust_openness": 4, "trust_mission": 4}})
            for t in targets])
    for _ in range(invited_extra):
        respond(rnd, reporters[0][0], {}, complete=False)
    return rnd


@pytest.fixture
def two_rounds(network):
    """A real picture in 2025 (4 organisations all rating each other) and a new round with one response."""
    orgs = [organisation(network, f"Organisatie {i}", "welfare") for i in range(4)]
    full = relational_round(network, "Relaties 2025", "2025-01-10", "2025-03-01",
                            [(o, [t for t in orgs if t != o]) for o in orgs])
    thin = relational_round(network, "Relaties 2026", "2026-05-01", "2026-07-01", [(orgs[0], orgs[1:2])],
                            invited_extra=5)
    return full, thin


def test_a_new_round_with_one_response_does_not_replace_the_picture(network, two_rounds):
    full, thin = two_rounds
    choice = counting_round(network=network, instrument="relations", on=ON)
    assert choice.round == full and not choice.provisional and not choice.explicit
    assert (choice.completed, choice.invited) == (4, 4)
    assert "Relaties 2025 (4 van 4 uitgenodigden antwoordden, 100%)" in choice.description
    # the analysis (and so the map and the structural warnings) and the advice use the same round
    assert analysis.relations_round(network=network) == full  # today the 2026 round is closed but thin
    assert governance.advice_inputs(network=network)["trust_density"].round == "Relaties 2025"
    # chosen explicitly, the open round is used, marked provisional
    chosen = counting_round(network=network, instrument="relations", chosen=thin, on=ON)
    assert chosen.round == thin and chosen.provisional and chosen.explicit
    assert "voorlopig" in chosen.description
    inputs = governance.advice_inputs(network=network, survey_round=thin)
    assert inputs["trust_density"].provisional and inputs["trust_density"].round == "Relaties 2026"


def test_response_share_is_set_per_network(network):
    orgs = [organisation(network, f"Organisatie {i}", "welfare") for i in range(3)]
    rnd = relational_round(network, "Relaties 2025", "2025-01-10", "2025-03-01",
                           [(o, [t for t in orgs if t != o]) for o in orgs], invited_extra=4)
    assert counting_rounds(network=network, on=ON) == []  # 3 of 7 answered: 43 % < 50 %
    registry.network_update(network=network, round_response_share=40)
    assert counting_rounds(network=network, on=ON) == [rnd]
    network.anonymity_minimum = 4
    network.save()
    assert counting_rounds(network=network, on=ON) == []  # fewer respondents than the anonymity minimum


def test_theme_rounds_and_other_instruments_do_not_count_as_the_networks_picture(network):
    org = organisation(network, "Huisarts", "gp")
    theme = registry.theme_create(network=network, name="Ouderen")
    themed = make_round(network, "Ouderen 2025", ["relations"], theme=theme)
    other = make_round(network, "Monitor 2025", ["five_conditions"])
    for rnd in (themed, other):
        for _ in range(3):
            respond(rnd, org, {})
    assert counting_round(network=network, instrument="relations", on=ON).round is None
    assert counting_round(network=network, on=ON).round == other


def test_network_settings_form_sets_the_response_share(network, logged_in_client):
    url = reverse("registry:network_settings", kwargs={"network": network.slug})
    page = logged_in_client.get(url).content.decode()
    assert 'name="round_response_share"' in page and 'value="50"' in page


def test_analysis_page_and_dashboard_name_the_round_they_use(network, logged_in_client, two_rounds):
    html = logged_in_client.get(reverse("analysis:index", kwargs={"network": network.slug})).content.decode()
    assert 'id="analysis-round"' in html and "Relaties 2025" in html.split('id="analysis-round"')[1][:200]
    html = logged_in_client.get(reverse("overview:dashboard", kwargs={"network": network.slug})).content.decode()
    assert "Relaties 2025" in html.split('id="structure-round"')[1][:200]
