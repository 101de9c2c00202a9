"""The map's JSON stored per data version: the same as computed fresh, and out of date after any write."""

from __future__ import annotations

import datetime
import json
import random

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from map_wire import elements
from relation_helpers import coalition, org, relation, report, respondent, survey_round, theme

from netwerkregie.analysis.map.forms import MapFilterForm
from netwerkregie.analysis.map.selectors import map_json
from netwerkregie.analysis.map.strongest import STRONGEST_PER_ORGANISATION
from netwerkregie.analysis.selectors import survey_ties_for
from netwerkregie.analysis.services import relation_create
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import OrganisationType, StoredResult

pytestmark = pytest.mark.django_db
TYPES = ("municipality", "hospital", "welfare", "housing", "gp", "client_council")


def generated(network, seed: int, size: int = 24):
    """A random network: organisations, a coalition, hand-entered relations and survey reports."""
    rng = random.Random(seed)
    network.anonymity_minimum = 2
    network.save()
    members = [org(network, f"Organisatie {seed}-{i:02}", rng.choice(TYPES)) for i in range(size)]
    coalition(network, "Samen", theme(network), rng.sample(members, size // 3))
    for _ in range(size):
        relation(network, *rng.sample(members, 2), rng.choice(["funding", "contract", "referral"]))
    round_ = survey_round(network)
    for _ in range(size * 2):
        source, target = rng.sample(members, 2)
        report(respondent(round_, source), target, rng.choice(["aware", "coordinated", "integrated"]))
    return members


def url(network) -> str:
    return reverse("analysis:map_data", kwargs={"network": network.slug})


def fresh(network, membership, params: dict) -> dict:
    """What the endpoint computes for these filters, without the store."""
    form = MapFilterForm(params, network=network, reveal_trust=membership.has_role(NetworkRole.ADMIN),
                         survey_ties=survey_ties_for(membership))
    assert form.is_valid()
    return json.loads(map_json(network=network, filters=form.filters()))


def same(sent: dict, computed: dict) -> bool:
    """Equal but for eigenvector centrality, which is not one answer on a disconnected graph (the
    largest eigenvalue repeats): igraph's ARPACK solver returns one of several vectors, run by run."""
    column = sent["nodes"]["fields"].index("eigenvector")

    def rest(data: dict) -> dict:
        rows = [row[:column] + row[column + 1:] for row in data["nodes"]["rows"]]
        return {**data, "nodes": {**data["nodes"], "rows": rows}}

    return rest(sent) == rest(computed)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("role", [NetworkRole.ADMIN, NetworkRole.VIEWER])
def test_the_stored_map_is_the_fresh_map(network, make_user, seed, role):
    generated(network, seed)
    member = make_user(f"lid-{role}")
    membership = services.membership_set(network=network, user=member, role=role)
    client = Client()
    client.force_login(member)
    for params in ({}, {"ties": "all"}, {"sources": ["survey"], "size": "betweenness"}, {"kind": "funding"}):
        first = client.get(url(network), params).json()
        stored = client.get(url(network), params).json()
        computed = fresh(network, membership, params)
        assert first == stored
        assert same(first, computed)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url(network), {"ties": "all"}).json()
    assert "co-membership" in {kind["label"] for kind in english["legend"]["kinds"]}
    with translation.override("en"):
        assert same(english, fresh(network, membership, {"ties": "all"}))
    keys = set(StoredResult.objects.filter(network=network, kind="map").values_list("key", flat=True))
    assert len(keys) == 5  # one per filter set and language


def test_a_write_makes_the_next_map_new(logged_in_client, network):
    a, b, c = (org(network, name, "welfare") for name in ("Alfa", "Bravo", "Charlie"))
    relation(network, a, b, "funding")
    before = elements(logged_in_client.get(url(network)).json())
    assert len(before["elements"]["edges"]) == 1
    relation_create(network=network, source=b, target=c, kind="contract")
    after = elements(logged_in_client.get(url(network)).json())
    assert {e["data"]["kind"] for e in after["elements"]["edges"]} == {"funding", "contract"}
    services.organisation_create(network=network, name="Delta", type=OrganisationType.objects.get(key="gp"))
    assert len(elements(logged_in_client.get(url(network)).json())["elements"]["nodes"]) == 4


def test_an_open_round_is_never_stored(logged_in_client, network):
    a, b = org(network, "Alfa"), org(network, "Bravo")
    today = datetime.date.today()
    open_round = survey_round(network, "Lopend", opens=(today - datetime.timedelta(days=3)).isoformat())
    params = {"survey_round": open_round.pk, "sources": "survey"}
    assert logged_in_client.get(url(network), params).json()["edges"]["rows"] == []
    report(respondent(open_round, a), b, "coordinated")  # answers of an open round bump no data version
    assert len(logged_in_client.get(url(network), params).json()["edges"]["rows"]) == 1
    assert not StoredResult.objects.filter(network=network, kind="map").exists()


def test_by_default_only_the_strongest_ties_are_sent(logged_in_client, network):
    """A hairball: everyone in one coalition. The rest comes with ties=all, and says how many there are."""
    members = [org(network, f"Organisatie {i:02}", TYPES[i % len(TYPES)]) for i in range(20)]
    coalition(network, "Iedereen", theme(network), members)
    default = logged_in_client.get(url(network)).json()
    ties = default["ties"]
    assert ties["thinned"] and ties["count"] == ties["lines"] == 190
    assert ties["sent"] == len(default["edges"]["rows"]) == ties["strongest"] < ties["lines"]
    assert ties["strongest"] <= STRONGEST_PER_ORGANISATION * 20
    assert all(row[default["edges"]["fields"].index("strong")] == 1 for row in default["edges"]["rows"])
    every = logged_in_client.get(url(network), {"ties": "all"}).json()
    assert every["ties"]["sent"] == len(every["edges"]["rows"]) == 190
    assert {k: v for k, v in every.items() if k not in ("edges", "ties")} == {
        k: v for k, v in default.items() if k not in ("edges", "ties")}
    page = logged_in_client.get(reverse("analysis:map", kwargs={"network": network.slug})).content.decode()
    assert '<input type="hidden" name="ties"' in page
