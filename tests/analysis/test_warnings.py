"""Structural warnings: each fires on a network built to show it, none on a healthy network."""

from __future__ import annotations

from itertools import combinations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from relation_helpers import coalition, org, orgs, relation, theme

from netwerkregie.analysis import selectors, tasks
from netwerkregie.analysis.selectors import structural_warnings, structure_question
from netwerkregie.core.signals import Signal

pytestmark = pytest.mark.django_db


def codes(network) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    with translation.override("en"):
        for warning in structural_warnings(network=network):
            assert isinstance(warning, Signal) and warning.url.startswith(f"/n/{network.slug}/")
            found.setdefault(warning.code, []).append(str(warning.message))
    return found


def clique(network, members):
    for a, b in combinations(members, 2):
        relation(network, a, b, "covenant")


@pytest.fixture
def healthy(network):
    """Five organisations all tied to each other; two coalitions of one theme sharing a partner."""
    members = orgs(network, "A", "B", "C", "D", "E")
    clique(network, members)
    t = theme(network, "Ouderen")
    coalition(network, "K1", t, members[:3])
    coalition(network, "K2", t, members[2:])
    return members


def test_a_healthy_network_has_no_structural_warnings(network, healthy):
    assert structural_warnings(network=network) == []


def test_isolated_partner(network, healthy):
    org(network, "Eenling")
    found = codes(network)
    assert list(found) == ["isolated_partner"] and "Eenling" in found["isolated_partner"][0]


def test_peripheral_partner_and_cut_point(network, healthy):
    relation(network, org(network, "Rand"), healthy[0], "referral")
    found = codes(network)
    assert set(found) == {"peripheral_partner", "cut_point"}
    assert "Rand" in found["peripheral_partner"][0]
    assert found["cut_point"] == ["Without A the network falls apart into 2 parts."]


def test_cut_point_between_two_groups(network):
    left, right, hinge = orgs(network, "L1", "L2"), orgs(network, "R1", "R2"), org(network, "Scharnier")
    clique(network, [*left, hinge])
    clique(network, [*right, hinge])
    found = codes(network)
    assert found["cut_point"] == ["Without Scharnier the network falls apart into 2 parts."]
    assert "dominant_actor" in found  # all routes between the groups run through it: 8 of 10 pairs


def test_dominant_actor(network):
    centre, *leaves = orgs(network, "Spin", "W1", "W2", "W3", "W4")
    for leaf in leaves:
        relation(network, centre, leaf, "funding")
    relation(network, leaves[0], leaves[1], "referral")  # the centre still holds > 50 % of betweenness
    found = codes(network)
    assert len(found["dominant_actor"]) == 1 and found["dominant_actor"][0].startswith("Spin holds")


def test_no_dominant_actor_in_a_ring(network):
    ring = orgs(network, *"ABCDEF")
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        relation(network, a, b)
    assert "dominant_actor" not in codes(network)


def test_coalitions_of_a_theme_that_do_not_connect(network):
    a, b, c, d = orgs(network, "A", "B", "C", "D")
    t = theme(network, "Jeugd")
    coalition(network, "Eerste 1000 dagen", t, [a, b])
    coalition(network, "Schulden", t, [c, d])
    coalition(network, "Elders", theme(network, "Wonen"), [a, c])  # another theme: does not count
    found = codes(network)
    assert found["coalitions_unconnected"] == [
        "In theme “Jeugd”, coalitions “Eerste 1000 dagen” and “Schulden” have no relation between their "
        "organisations."]
    relation(network, d, b, "referral")
    assert "coalitions_unconnected" not in codes(network)


def test_empty_and_tiny_networks(network):
    assert structural_warnings(network=network) == []
    a, b = orgs(network, "A", "B")
    assert set(codes(network)) == {"isolated_partner"}
    relation(network, a, b)
    assert structural_warnings(network=network) == []  # two organisations: nobody can be left out


def test_fixed_number_of_queries(make_network):
    counts = []
    for size in (5, 40):
        network = make_network(f"n{size}")
        members = [org(network, f"O{i}") for i in range(size)]
        for x, y in zip(members, members[1:], strict=False):
            relation(network, x, y)
        t = theme(network)
        coalition(network, "K1", t, members[:2])
        coalition(network, "K2", t, members[-2:])
        with CaptureQueriesContext(connection) as queries:
            structural_warnings(network=network)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_large_networks_take_the_figures_from_the_background_analysis(network, monkeypatch, run_task_worker):
    monkeypatch.setattr(selectors, "INLINE_MAX", 3)
    a, b, c, d = orgs(network, "A", "B", "C", "Los")
    relation(network, a, b)
    relation(network, b, c)
    t = theme(network, "Jeugd")
    coalition(network, "K1", t, [a])
    coalition(network, "K2", t, [c])
    # not analysed yet: only the coalition warning, which needs no graph metrics
    assert [w.code for w in structural_warnings(network=network)] == ["coalitions_unconnected"]
    tasks.enqueue_analysis(structure_question(network))
    assert [w.code for w in structural_warnings(network=network)] == ["coalitions_unconnected"]  # still queued
    run_task_worker()
    found = codes(network)  # A, B, C form a triangle: A and C share the theme (co-membership)
    assert set(found) == {"isolated_partner", "coalitions_unconnected"}
    assert found["isolated_partner"] == ["Los has no relations in the network."]
