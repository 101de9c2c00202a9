"""The governance advice from a network's own data: inputs with sources, the three rows of Provan &
Kenis, edge cases, and the page that shows it beside the current form."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.demo.generator import build_demo
from netwerkregie.governance import selectors
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


def fitting_cells(result) -> dict[str, list[bool | None]]:
    return {row.form: [cell.fits for cell in row.cells] for row in result.table}


# The three rows of the table ------------------------------------------------------------------


def test_shared_governance_row(build, network):
    build.shared_governance()
    result = selectors.governance_advice(network=network)
    inputs = result.inputs
    assert inputs["participants"].value == 5
    assert inputs["trust_density"].value == 1.0
    assert inputs["centralization"].value == 0.0
    assert inputs["goal_consensus"].value == 1.0
    assert inputs["competency_need"].value == 0.0
    assert result.advice.recommended == "shared_governance"
    assert result.advice.scores["shared_governance"] == 1.0
    assert not result.advice.hybrid
    assert fitting_cells(result) == {"shared_governance": [True, True, True, True],
                                     "lead_organization": [False, False, False, False],
                                     "nao": [False, False, False, False],
                                     "hybrid": [True, False, True, True]}


def test_lead_organisation_row(build, network):
    hub, *spokes = build.lead_organization()
    result = selectors.governance_advice(network=network)
    inputs = result.inputs
    assert inputs["participants"].value == 15
    # Only the spokes trust the hub (trust 3); the hub rates them 2: 14 of 15 × 14 ordered pairs.
    assert inputs["trust_density"].value == round(14 / 210, 3)
    # A star: every tie runs through the hub.
    assert inputs["centralization"].value == 1.0
    assert result.advice.recommended == "lead_organization"
    assert fitting_cells(result)["lead_organization"] == [True, True, True, True]
    assert result.comparison.status == "matches"


def test_nao_row(build, network):
    build.nao()
    result = selectors.governance_advice(network=network)
    inputs = result.inputs
    assert inputs["participants"].value == 30
    assert inputs["trust_density"].value == round(420 / 870, 3)
    assert inputs["goal_consensus"].value == 0.5
    assert inputs["competency_need"].value == 1.0
    assert result.advice.recommended == "nao"
    assert fitting_cells(result)["nao"] == [True, True, True, True]
    assert result.comparison.status == "undecided"
    assert "network administrative organisation" in result.comparison.message


def test_a_large_trusting_network_gets_the_hybrid_of_seed_000(build, network):
    """24 partners who all trust each other and agree: too many for shared governance alone."""
    organisations = build.organisations(24)
    build.coalition(organisations)
    survey_round = build.survey_round("Meting 2026")
    build.relations(survey_round, {(a, b): 4 for a in organisations for b in organisations if a != b})
    build.contingencies(survey_round, [build.contingency_answers(goal=5, need=1)] * 3)
    result = selectors.governance_advice(network=network)
    assert result.advice.recommended == "hybrid" and result.advice.hybrid
    assert result.advice.scores["shared_governance"] < result.advice.scores["hybrid"]
    assert result.bands == ["moderate", "many"]
    build.profile(current_form="hybrid")
    assert selectors.governance_advice(network=network).comparison.status == "matches"
    build.profile(current_form="shared_governance")
    result = selectors.governance_advice(network=network)
    assert result.comparison.status == "differs" and "common step" in result.comparison.message
    assert any("kept too long" in note for note in result.advice.notes)


def test_goal_consensus_uses_the_spread_of_answers(build, network):
    """Half the partners fully agree, half not at all: a split network, not moderate consensus."""
    build.coalition(build.organisations(4))
    survey_round = build.survey_round("Meting 2026")
    build.contingencies(survey_round, [build.contingency_answers(goal=5, need=3)] * 3
                        + [build.contingency_answers(goal=1, need=3)] * 3)
    goals = selectors.advice_inputs(network=network)["goal_consensus"]
    assert goals.value == 0.0 and goals.source == "survey"
    assert goals.note == "Mean 0.50, spread 0.50."
    assert selectors.goal_consensus([0.5] * 6) == 0.5


# Edge cases -------------------------------------------------------------------------------------


def test_two_organisations(build, network):
    first, second = build.organisations(2)
    build.coalition([first, second])
    survey_round = build.survey_round("Meting 2026")
    # Two respondents per organisation, so the anonymity minimum (3) is met.
    for _respondent in range(2):
        build.relations(survey_round, {(first, second): 4, (second, first): 4})
    build.profile(goal_consensus=0.8, competency_need=0.1)
    result = selectors.governance_advice(network=network)
    assert result.inputs["participants"].value == 2
    assert result.inputs["trust_density"].value == 1.0
    # Two organisations have no centre: centralisation is missing, the advice still comes.
    assert result.inputs["centralization"].missing
    assert "too few relations" in result.inputs["centralization"].note
    assert result.advice.recommended == "shared_governance"


def test_no_relations_leaves_trust_missing_with_what_to_do(build, network):
    organisations = build.organisations(6)
    build.coalition(organisations)
    result = selectors.governance_advice(network=network)
    trust = result.inputs["trust_density"]
    assert trust.missing and trust.source == "missing" and trust.value is None
    assert "Run a survey round" in trust.note and "Relations between organisations" in trust.note
    for key in ("goal_consensus", "competency_need"):
        assert result.inputs[key].missing
        assert "Governance contingencies" in result.inputs[key].note
    assert result.advice is None
    assert result.comparison.status == "no_advice"
    assert [item.key for item in result.missing] == ["trust_density", "goal_consensus", "competency_need"]


def test_relational_survey_below_the_anonymity_minimum_is_not_used(build, network):
    organisations = build.organisations(4)
    build.coalition(organisations)
    survey_round = build.survey_round("Kleine meting")
    build.relations(survey_round, {(organisations[0], organisations[1]): 4, (organisations[1], organisations[0]): 4})
    trust = selectors.advice_inputs(network=network)["trust_density"]
    assert trust.missing and trust.value is None  # two respondents: the round does not count
    assert "No closed survey round with enough responses" in trust.note
    chosen = selectors.advice_inputs(network=network, survey_round=survey_round)["trust_density"]
    assert chosen.missing and chosen.respondents == 2 and chosen.provisional
    assert "2 partners answered the relational survey" in chosen.note and "at least 3" in chosen.note
    services.network_update(network=network, anonymity_minimum=2)
    trust = selectors.advice_inputs(network=network)["trust_density"]
    # Two of four organisations answered: below the 60 % floor, no advice on trust.
    assert trust.missing and "2 of the network's 4 organisations answered (50 %)" in trust.note
    assert "from 60 %" in trust.note
    build.profile(trust_response_floor=50)
    trust = selectors.advice_inputs(network=network)["trust_density"]
    # Only pairs an answering organisation rates: 2 × 3, of which 2 trusting. Non-respondents are not distrust.
    assert (trust.value, trust.source, trust.respondents) == (round(2 / 6, 3), "survey", 2)


def test_one_organisation_leaves_participants_missing(build, network):
    build.organisations(1)
    participants = selectors.governance_advice(network=network).inputs["participants"]
    assert participants.missing and participants.value == 1
    assert "Register the organisations" in participants.note


def test_participants_are_the_organisations_of_the_network_everywhere(build, network, english_client):
    """Not only those in active coalitions: one number, one definition, on advice, analysis and dashboard."""
    organisations = build.organisations(6)
    build.coalition(organisations[:3])
    build.coalition(organisations[2:5], status="stopped")
    advice = selectors.governance_advice(network=network)
    assert advice.inputs["participants"].value == 6
    assert "whether or not they take part in an active coalition" in str(advice.inputs["participants"].explanation)
    analysis = english_client.get(reverse("analysis:index", kwargs={"network": network.slug})).content.decode()
    assert re.search(r'id="analysis-participants">6 participants: Participants are the organisations', analysis)
    dashboard = english_client.get(reverse("overview:dashboard", kwargs={"network": network.slug})).content.decode()
    assert re.search(r'<div class="fs-3 fw-bold">6</div>\s*<div class="small"><span title="Participants are the '
                     r'organisations', dashboard)


def test_disconnected_network(build, network):
    organisations = build.organisations(6)
    build.coalition(organisations[:3])
    build.coalition(organisations[3:])
    centralization = selectors.governance_advice(network=network).inputs["centralization"]
    assert centralization.value == 0.0
    assert "2 parts" in centralization.note


# Sources ----------------------------------------------------------------------------------------


def test_survey_values_carry_round_and_respondents(build, network):
    build.shared_governance()
    inputs = selectors.advice_inputs(network=network)
    assert inputs["participants"].source == "registry"
    assert inputs["trust_density"].source == "survey"
    assert inputs["trust_density"].source_label == "survey Meting 2026"
    assert inputs["centralization"].source == "analysis"
    assert inputs["goal_consensus"].source == "survey"
    assert inputs["goal_consensus"].respondents == 4
    assert inputs["goal_consensus"].round == "Meting 2026"


def test_survey_overrides_the_hand_estimate(build, network):
    build.shared_governance()
    build.profile(goal_consensus=0.1, competency_need=0.9)
    inputs = selectors.advice_inputs(network=network)
    assert (inputs["goal_consensus"].value, inputs["goal_consensus"].source) == (1.0, "survey")


def test_anonymity_minimum_not_met_falls_back_to_the_hand_estimate(build, network):
    organisations = build.organisations(4)
    build.coalition(organisations)
    survey_round = build.survey_round("Kleine meting")
    build.contingencies(survey_round, [build.contingency_answers(goal=5, need=5)] * 2)
    build.profile(goal_consensus=0.4)
    inputs = selectors.advice_inputs(network=network, survey_round=survey_round)
    goals, need = inputs["goal_consensus"], inputs["competency_need"]
    assert (goals.value, goals.source) == (0.4, "hand")
    assert "2 partners answered" in goals.note and "at least 3" in goals.note
    assert goals.source_label == "entered by hand"
    assert need.missing and "at least 3" in need.note
    # Lowering the network's anonymity minimum makes the two answers count.
    services.network_update(network=network, anonymity_minimum=2)
    inputs = selectors.advice_inputs(network=network)
    assert (inputs["goal_consensus"].value, inputs["goal_consensus"].source) == (1.0, "survey")


def test_latest_round_wins_and_a_round_can_be_chosen(build, network):
    organisations = build.organisations(3)
    build.coalition(organisations)
    old = build.survey_round("Meting 2025", opens_on=datetime.date(2025, 3, 1))
    new = build.survey_round("Meting 2026")
    build.contingencies(old, [build.contingency_answers(goal=1, need=1)] * 3)
    build.contingencies(new, [build.contingency_answers(goal=5, need=5)] * 3)
    build.relations(old, {(a, b): 4 for a in organisations for b in organisations if a != b})
    assert selectors.advice_inputs(network=network)["goal_consensus"].value == 1.0
    # The latest round that counts is 2026: nobody rated relations there, so trust is missing, not taken
    # silently from another round.
    assert selectors.advice_inputs(network=network)["trust_density"].missing
    assert selectors.advice_inputs(network=network, survey_round=old)["trust_density"].round == "Meting 2025"
    chosen = selectors.advice_inputs(network=network, survey_round=old)
    assert (chosen["goal_consensus"].value, chosen["goal_consensus"].round) == (0.0, "Meting 2025")
    chosen = selectors.advice_inputs(network=network, survey_round=new)
    assert chosen["trust_density"].missing and "Meting 2026" in chosen["trust_density"].note


def test_other_networks_answers_do_not_count(build, network, make_network, make_builder):
    build.shared_governance()
    other = make_network("regio-elders")
    make_builder(other).organisations(3)
    inputs = selectors.advice_inputs(network=other)
    assert inputs["trust_density"].missing and inputs["goal_consensus"].missing
    assert inputs["participants"].value == 3


# Comparison with the current form --------------------------------------------------------------


def test_current_form_that_differs_is_stated_with_the_usual_direction(build, network):
    organisations = build.nao()
    build.profile(current_form="lead_organization", lead_organisation=organisations[0])
    comparison = selectors.governance_advice(network=network).comparison
    assert comparison.status == "differs"
    assert "lead organisation" in comparison.message and "common step" in comparison.message


def test_moving_back_is_called_rare(build, network):
    build.shared_governance()
    build.profile(current_form="nao")
    comparison = selectors.governance_advice(network=network).comparison
    assert comparison.status == "differs" and "rarely move back" in comparison.message


# The page ---------------------------------------------------------------------------------------


def advice_url(network) -> str:
    return reverse("governance:advice", kwargs={"network": network.slug})


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_page_shows_values_table_thresholds_tensions_and_current_form(build, network, english_client):
    hub, *_ = build.lead_organization()
    response = english_client.get(advice_url(network))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="recommended" data-form="lead_organization"' in html
    assert re.search(r'<tr data-input="participants" data-source="registry">.*?15</td>', html, re.S)
    assert re.search(r'<tr data-input="trust_density" data-source="survey">.*?0\.07</td>', html, re.S)
    assert re.search(r'data-input="goal_consensus" data-source="hand"', html)
    table = re.search(r'<table[^>]*id="provan-kenis".*?</table>', html, re.S).group(0)
    lead_row = re.search(r'<tr data-form="lead_organization">.*?</tr>', table, re.S).group(0)
    assert lead_row.count("table-success fits") == 4
    shared_row = re.search(r'<tr data-form="shared_governance">.*?</tr>', table, re.S).group(0)
    assert "fits" not in shared_row
    assert "2 – 12 / 8 – 30 / ≥ 20" in html and "our assumption" in html
    assert 'id="participant-band"' in html and "Band: moderate" in text(html)
    assert 'id="tensions"' in html and html.count("<li>", html.index('id="tensions"')) >= 3
    assert 'id="comparison" data-status="matches"' in html
    assert hub.name in text(html)


@pytest.mark.parametrize("form", ["shared_governance", "lead_organization", "nao"])
def test_page_for_each_row_of_the_table(build, network, english_client, form):
    getattr(build, form)()
    html = english_client.get(advice_url(network)).content.decode()
    assert f'id="recommended" data-form="{form}"' in html
    table = re.search(r'<table[^>]*id="provan-kenis".*?</table>', html, re.S).group(0)
    row = re.search(rf'<tr data-form="{form}">.*?</tr>', table, re.S).group(0)
    assert row.count("table-success fits") == 4 and "advised" in row
    assert table.count("table-success fits") < 16


def test_page_explains_missing_inputs(build, network, logged_in_client):
    build.coalition(build.organisations(4))
    html = logged_in_client.get(advice_url(network)).content.decode()
    assert 'id="no-advice"' in html
    assert 'data-input="trust_density" data-source="missing"' in html
    assert reverse("assessments:round_list", kwargs={"network": network.slug}) in html
    assert reverse("governance:profile_edit", kwargs={"network": network.slug}) in html
    assert 'id="tensions"' in html


def test_page_round_choice(build, network, logged_in_client, make_network, make_builder):
    build.shared_governance()
    survey_round = network.survey_rounds.get()
    response = logged_in_client.get(advice_url(network), {"round": survey_round.pk})
    assert response.status_code == 200 and f'value="{survey_round.pk}" selected' in response.content.decode()
    foreign = make_builder(make_network("regio-elders")).survey_round("Elders")
    assert logged_in_client.get(advice_url(network), {"round": foreign.pk}).status_code == 404


def test_viewer_reads_the_advice_but_cannot_edit(build, network, make_user):
    viewer = make_user("kijker")
    services.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(viewer)
    html = client.get(advice_url(network)).content.decode()
    assert 'id="edit-profile"' not in html
    assert client.get(reverse("governance:profile_edit", kwargs={"network": network.slug})).status_code == 403


def test_page_of_another_network_is_404(make_network, make_user):
    outsider = make_user("buitenstaander")
    other = make_network("regio-elders")
    client = Client()
    client.force_login(outsider)
    assert client.get(advice_url(other)).status_code == 404


def count_page_queries(client, network, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(1000) as queries:
        assert client.get(advice_url(network)).status_code == 200
    return len(queries.captured_queries)


def test_page_queries_do_not_grow_with_the_network(build, network, logged_in_client, make_network, make_builder,
                                                   user, django_assert_max_num_queries):
    small = make_network("regio-klein", user=user)
    make_builder(small).shared_governance()
    build.nao()
    assert (count_page_queries(logged_in_client, network, django_assert_max_num_queries)
            == count_page_queries(logged_in_client, small, django_assert_max_num_queries))


def test_demo_region_shows_its_lead_organisation_beside_the_advice(english_client, user):
    network = build_demo()
    services.membership_set(network=network, user=user, role=NetworkRole.MEMBER)
    result = selectors.governance_advice(network=network)
    assert result.profile.current_form == "lead_organization"
    assert result.profile.lead_organisation.name == "Gemeente Aldermeer"
    assert result.inputs["participants"].value == network.organisations.count() > 25
    html = english_client.get(advice_url(network)).content.decode()
    assert 'data-form="lead_organization"' in html and "Gemeente Aldermeer" in html
    assert f'data-status="{result.comparison.status}"' in html
