"""Relation edges per source, their filters, trust density and the stored-network analysis."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from relation_helpers import coalition, org, orgs, relation, report, respondent, survey_round, theme

from netwerkregie.analysis import selectors
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import GovernanceUnitKind, Level

pytestmark = pytest.mark.django_db


def by_pair(edges):
    return {(e.source_id, e.target_id): e for e in edges}


# Survey -----------------------------------------------------------------------------------------


def test_survey_edges_average_respondents_of_one_organisation(network):
    a, b, c = orgs(network, "A", "B", "C")
    r = survey_round(network)
    first, second = respondent(r, a), respondent(r, a)
    report(first, b, "coordinated", trust=(4, 4, 4), value=(1, 2, 3), flows=["information"])
    report(second, b, "cooperative", trust=(2, 2, 2), value=(3, 3, 3), flows=["clients", "information"])
    report(first, c, "none", trust=None, value=None)
    report(respondent(r, c), a, "integrated", trust=(4, 3, 2), value=None)
    edges = by_pair(selectors.relation_edges(network=network, sources=["survey"]))
    assert set(edges) == {(a.pk, b.pk), (c.pk, a.pk)}  # "none" makes no edge
    ab = edges[(a.pk, b.pk)]
    assert ab.source == "survey" and ab.directed
    assert ab.trust == pytest.approx(3.0)  # (4 + 2) / 2
    assert ab.value == pytest.approx((2 + 3) / 2)
    assert ab.weight == pytest.approx((3 + 2) / 2)  # coordinated 3, cooperative 2
    assert ab.kind == "coordinated"  # a tie between kinds goes to the closer relation
    assert ab.flows == ("information", "clients")  # in the instrument's order
    ca = edges[(c.pk, a.pk)]
    assert (ca.kind, ca.trust, ca.value) == ("integrated", pytest.approx(3.0), None)


def test_survey_edges_use_the_latest_round_unless_asked(network):
    network.anonymity_minimum = 1  # one respondent per round: enough for these rounds to count
    network.save()
    a, b = orgs(network, "A", "B")
    old, new = survey_round(network, "2024", "2024-01-10"), survey_round(network, "2025", "2025-01-10")
    report(respondent(old, a), b, "aware")
    report(respondent(new, b), a, "integrated")
    assert [(e.source_id, e.kind) for e in selectors.relation_edges(network=network, sources=["survey"])] == [
        (b.pk, "integrated")]
    assert [(e.source_id, e.kind) for e in selectors.relation_edges(
        network=network, sources=["survey"], survey_round=old)] == [(a.pk, "aware")]
    assert selectors.relation_rounds(network=network) == [new, old]


def test_a_report_about_the_own_organisation_is_no_edge(network):
    a, b = orgs(network, "A", "B")
    invitation = respondent(survey_round(network), a)
    report(invitation, a, "integrated")
    assert selectors.relation_edges(network=network, sources=["survey"]) == []


# Co-membership and manual --------------------------------------------------------------------------


def test_comembership_counts_shared_coalitions_themes_and_units(network):
    a, b, c, d, e = orgs(network, "A", "B", "C", "D", "E")
    t = theme(network, "Ouderen")
    coalition(network, "Valpreventie", t, [a, b, c])
    coalition(network, "Gestopt", t, [d, e], status="stopped")
    unit = registry.governance_unit_create(network=network, kind=GovernanceUnitKind.FUNDAMENT, name="Fundament")
    for organisation in (a, d):
        person = registry.person_create(network=network, name=f"P {organisation.name}", organisation=organisation)
        registry.unit_membership_add(unit=unit, person=person, level=Level.STRATEGIC)
    ended = registry.coalition_create(network=network, theme=theme(network, "Jeugd"), name="Oud")
    registry.participation_add(coalition=ended, organisation=a, end_date=datetime.date(2020, 1, 1))
    registry.participation_add(coalition=ended, organisation=e, end_date=datetime.date(2020, 1, 1))
    edges = by_pair(selectors.relation_edges(network=network, sources=["comembership"]))
    weights = {pair: edge.weight for pair, edge in edges.items()}
    # coalition + its theme = 2; the unit = 1; the stopped coalition and ended participations count nothing
    assert weights == {(a.pk, b.pk): 2.0, (a.pk, c.pk): 2.0, (b.pk, c.pk): 2.0, (a.pk, d.pk): 1.0}
    assert all(not e.directed and e.kind == "co-membership" for e in edges.values())


def test_manual_edges_are_the_relations_active_on_the_day(network):
    a, b, c = orgs(network, "A", "B", "C")
    relation(network, a, b, "funding", start_date=datetime.date(2024, 1, 1))
    relation(network, b, c, "referral", start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2021, 1, 1))
    today = [(e.source_id, e.target_id, e.kind) for e in selectors.relation_edges(network=network, sources=["manual"])]
    assert today == [(a.pk, b.pk, "funding")]
    then = selectors.relation_edges(network=network, sources=["manual"], on=datetime.date(2020, 6, 1))
    assert [(e.source_id, e.target_id, e.kind, e.directed) for e in then] == [(b.pk, c.pk, "referral", True)]


def test_unknown_source_is_refused(network):
    with pytest.raises(ValueError):
        selectors.relation_edges(network=network, sources=["rumour"])


# Filters ----------------------------------------------------------------------------------------


@pytest.fixture
def mixed(network):
    """A–B in coalition K1 of theme T, C–D in coalition K2 of theme U; survey and manual ties across."""
    network.anonymity_minimum = 2  # the round's two respondents make it count
    network.save()
    a, b, c, d = orgs(network, "A", "B", "C", "D")
    t, u = theme(network, "T"), theme(network, "U")
    k1 = coalition(network, "K1", t, [a, b])
    coalition(network, "K2", u, [c, d])
    r = survey_round(network)
    report(respondent(r, a), b, "integrated", trust=(4, 4, 4))
    report(respondent(r, c), a, "aware", trust=(1, 2, 1))
    relation(network, b, a, "contract")
    relation(network, c, d, "covenant")
    return {"a": a, "b": b, "c": c, "d": d, "t": t, "u": u, "k1": k1}


def test_theme_and_coalition_filters_keep_edges_inside(network, mixed):
    a, b = mixed["a"], mixed["b"]
    inside = selectors.relation_edges(network=network, theme=mixed["t"])
    assert {(e.source, e.source_id, e.target_id) for e in inside} == {
        ("survey", a.pk, b.pk), ("comembership", a.pk, b.pk), ("manual", b.pk, a.pk)}
    assert {e.source for e in selectors.relation_edges(network=network, coalition=mixed["k1"].pk)} == {
        "survey", "comembership", "manual"}
    assert selectors.relation_edges(network=network, theme=mixed["t"], coalition=selectors.Coalition.objects.get(
        name="K2")) == []


def test_kind_and_trust_filters(network, mixed):
    kinds = selectors.relation_edges(network=network, kinds=["covenant", "integrated"])
    assert sorted(e.kind for e in kinds) == ["covenant", "integrated"]
    trusted = selectors.relation_edges(network=network, min_trust=3)
    assert [e.kind for e in trusted if e.source == "survey"] == ["integrated"]  # the trust-1.33 tie goes
    assert {e.source for e in trusted} == {"survey", "comembership", "manual"}  # ties without trust stay


def test_edges_use_a_fixed_number_of_queries(make_network):
    counts = []
    for size in (4, 30):
        network = make_network(f"size-{size}")
        members = [org(network, f"O{i}") for i in range(size)]
        t = theme(network)
        coalition(network, "K", t, members)
        r = survey_round(network)
        for i in range(size - 1):
            report(respondent(r, members[i]), members[i + 1])
            relation(network, members[i], members[i + 1])
        with CaptureQueriesContext(connection) as first:
            edges = selectors.relation_edges(network=network, theme=t)
        with CaptureQueriesContext(connection) as again:  # the closed round's survey edges now stored
            assert selectors.relation_edges(network=network, theme=t) == edges
        assert len([e for e in edges if e.source == "manual"]) == size - 1
        counts.append((len(first), len(again)))
    assert counts[0] == counts[1]
    assert counts[0][1] < counts[0][0] <= 8


# Trust density -------------------------------------------------------------------------------------


def test_trust_density_by_hand(network):
    a, b, c, _d = orgs(network, "A", "B", "C", "D (took no part)")
    r = survey_round(network)
    report(respondent(r, a), b, "cooperative", trust=(4, 3, 3.5))  # 3.5: trusting
    report(respondent(r, b), a, "cooperative", trust=(2, 2, 2))  # 2: not trusting
    report(respondent(r, c), a, "aware", trust=(3, 3, 3))  # 3: trusting
    report(respondent(r, c), b, "none", trust=None, value=None)  # no relation
    # A, B and C answered; each rates the 3 other organisations of the network (D too): 3 · 3 = 9 pairs, 2 trusting.
    # D did not answer: the pairs D would rate are left out, not counted as distrust.
    density = selectors.round_figures(network=network).trust
    assert (density.density, density.answering, density.organisations) == (pytest.approx(2 / 9), 3, 4)
    assert density.response_share == 0.75
    assert selectors.round_figures(network=network, survey_round=r.pk).trust == density


def test_trust_density_without_answers_is_none(network):
    orgs(network, "A", "B")
    assert selectors.round_figures(network=network).trust.density is None
    assert selectors.round_figures(network=network, survey_round=survey_round(network)).trust.density is None


# Analysis ---------------------------------------------------------------------------------------


def test_analysis_of_a_chain_with_an_isolate(network):
    a, b, c, d = orgs(network, "A", "B", "C", "D")
    relation(network, a, b)
    relation(network, b, c, "contract")
    relation(network, c, b, "referral")
    data = selectors.network_analysis(network=network).to_json()
    assert (data["nodes"], data["edges"], data["components"]) == (4, 2, 2)
    assert data["isolates"] == ["D"]
    assert data["cut_points"] == ["B"]
    assert data["bridges"] == [["A", "B"], ["B", "C"]]
    assert data["reciprocity"] == pytest.approx(2 / 3)  # B→C and C→B returned, A→B not
    assert data["brokers"] == [{"name": "B", "betweenness": pytest.approx(2 / 6)}]
    assert data["k_core"] == {"k": 1, "members": ["A", "B", "C"]}
    assert data["top"]["degree"][0] == {"name": "B", "score": 2}
    per_node = {row["name"]: row for row in data["per_node"]}
    assert per_node["D"]["degree"] == 0 and per_node["D"]["closeness"] == 0.0
    assert data["density"] == pytest.approx(2 / 6)
    directed = selectors.network_analysis(network=network, directed=True).to_json()
    assert directed["edges"] == 3 and directed["density"] == pytest.approx(3 / 12)


def test_analysis_received_trust_and_value(network):
    network.anonymity_minimum = 2
    network.save()
    a, b, c = orgs(network, "A", "B", "C")
    r = survey_round(network)
    report(respondent(r, a), c, trust=(4, 4, 4), value=(3, 3, 3))
    report(respondent(r, b), c, trust=(2, 2, 2), value=(1, 1, 1))
    report(respondent(r, c), a, trust=(3, 3, 3), value=None)
    data = selectors.network_analysis(network=network, sources=["survey"], survey_ties=None).to_json()  # as an admin
    received = {row["name"]: row for row in data["received"]}
    assert received["C"] == {"name": "C", "trust": 3.0, "value": 2.0, "reports": 2, "hidden": False}
    # one report is below the anonymity minimum of 2: its answers would be recognisable
    assert received["A"] == {"name": "A", "trust": None, "value": None, "reports": 1, "hidden": True}
    assert "B" not in received
    assert data["trust"] == pytest.approx(3.0) and data["value"] == pytest.approx(2.0)
    assert data["reciprocity"] == pytest.approx(2 / 3)
    network.anonymity_minimum = 3
    network.save()
    stricter = selectors.network_analysis(network=network, sources=["survey"], survey_ties=None).to_json()
    assert [row["hidden"] for row in stricter["received"]] == [True, True]
    assert stricter["trust"] == pytest.approx(3.0) and stricter["value"] is None  # 3 trust, 2 value answers


@pytest.mark.parametrize("names", [[], ["A"], ["A", "B"]])
def test_analysis_of_tiny_and_empty_networks(network, names):
    orgs(network, *names)
    data = selectors.network_analysis(network=network).to_json()
    assert data["nodes"] == len(names) and data["edges"] == 0
    assert data["density"] == 0.0 and data["reciprocity"] is None
    assert data["isolates"] == names and data["brokers"] == [] and data["bridges"] == []


def test_analysis_of_two_organisations_with_a_tie(network):
    a, b = orgs(network, "A", "B")
    relation(network, a, b)
    data = selectors.network_analysis(network=network).to_json()
    assert (data["nodes"], data["edges"], data["density"], data["components"]) == (2, 1, 1.0, 1)
    assert data["bridges"] == [["A", "B"]] and data["cut_points"] == []
    assert [row["closeness"] for row in data["per_node"]] == [1.0, 1.0]


def test_analysis_limited_to_a_theme_has_only_its_organisations(network, mixed):
    data = selectors.network_analysis(network=network, theme=mixed["t"]).to_json()
    assert sorted(row["name"] for row in data["per_node"]) == ["A", "B"]


def test_figures_then_and_now(network):
    network.anonymity_minimum = 1
    network.save()
    a, b, c = orgs(network, "A", "B", "C")
    old, new = survey_round(network, "2024", "2024-01-10"), survey_round(network, "2025", "2025-01-10")
    report(respondent(old, a), b, trust=(2, 2, 2))
    inv_b, inv_a = respondent(new, b), respondent(new, a)
    report(inv_a, b, trust=(4, 4, 4))
    report(inv_b, a, trust=(3, 3, 3))
    report(inv_b, c, trust=(3, 3, 3))
    rows = {row["figure"]: row for row in selectors.figures_then_and_now(network=network, current=new, previous=old)}
    assert (rows["ties"]["then"], rows["ties"]["now"], rows["ties"]["change"]) == (1, 3, 2)
    assert rows["density"]["now"] == pytest.approx(3 / 6)
    assert rows["trust"]["then"] == 2.0 and rows["trust"]["now"] == pytest.approx(10 / 3)
    # then: A answered and rates B and C, none trusting; now: A and B answered, 2 · 2 pairs, 3 trusting
    assert rows["trust_density"]["then"] == 0.0 and rows["trust_density"]["now"] == pytest.approx(3 / 4)
    assert rows["reciprocity"]["then"] == 0.0 and rows["reciprocity"]["now"] == pytest.approx(2 / 3)
