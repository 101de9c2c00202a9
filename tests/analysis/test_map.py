"""The network map's data: elements, colours, positions, filters, access and a constant number of queries."""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from map_wire import elements
from ninja import NinjaAPI
from ninja.testing import TestClient

from netwerkregie import api as project_api
from netwerkregie.analysis.map.api import router
from netwerkregie.analysis.map.groups import GROUP_COLOURS, TypeGroup
from netwerkregie.analysis.map.selectors import MapFilters, map_data, map_json
from netwerkregie.analysis.models import Relation, RelationKind
from netwerkregie.analysis.services import relation_create
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services
from netwerkregie.registry.models import Organisation
from netwerkregie.registry.services import token_digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(network, org_type):
    """Three organisations: A and B in coalition "Valpreventie" (theme "Ouderen"), A funds C."""
    hospital, municipality = org_type("hospital"), org_type("municipality")
    a = services.organisation_create(network=network, name="Ziekenhuis Noord", type=hospital)
    b = services.organisation_create(network=network, name="Gemeente Zuidstad", type=municipality)
    c = services.organisation_create(network=network, name="Ziekenhuis Zuid", type=hospital)
    theme = services.theme_create(network=network, name="Ouderen")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie")
    for organisation in (a, b):
        services.participation_add(coalition=coalition, organisation=organisation)
    relation_create(network=network, source=a, target=c, kind=RelationKind.FUNDING)
    return {"a": a, "b": b, "c": c, "theme": theme, "coalition": coalition, "network": network}


def survey(network, reports: list[tuple[Organisation, Organisation, str, float]]) -> SurveyRound:
    """A closed relational survey round: each report is (respondent's organisation, reported one, kind, trust).

    Respondents without an organisation who reported nothing fill it up to the anonymity minimum, so the
    round counts as the network's latest picture.
    """
    closed = datetime.date.today() - datetime.timedelta(days=1)
    survey_round = SurveyRound.objects.create(network=network, name="Relaties 2026", instruments=["relations"],
                                              opens_on=closed - datetime.timedelta(days=20), closes_on=closed)
    answered = datetime.datetime.combine(closed, datetime.time(12), tzinfo=datetime.UTC)
    for i in range(len(reports), network.anonymity_minimum):
        Invitation.objects.create(round=survey_round, token_digest=token_digest(f"filler-{i}"), completed_at=answered)
    for i, (source, target, kind, trust) in enumerate(reports):
        invitation = Invitation.objects.create(round=survey_round, organisation=source,
                                               token_digest=token_digest(f"token-{i}"), completed_at=answered)
        for item, value in [("relation_kind", kind), ("trust_reliability", trust), ("trust_openness", trust),
                            ("trust_mission", trust)]:
            Answer.objects.create(invitation=invitation, instrument="relations", item=item, organisation=target,
                                  value=value)
    return survey_round


def get_map(client: Client, network, **params) -> dict:
    response = client.get(reverse("analysis:map_data", kwargs={"network": network.slug}), params)
    assert response.status_code == 200, response.content
    return elements(response.json())


def node_names(data: dict) -> set[str]:
    return {node["data"]["label"] for node in data["elements"]["nodes"]}


def edge_set(data: dict) -> set[tuple[str, str, str, str]]:
    return {(e["data"]["source"], e["data"]["target"], e["data"]["src"], e["data"]["kind"])
            for e in data["elements"]["edges"]}


def test_elements_colours_centralities_and_positions(logged_in_client, region, org_type):
    a, b, c = (str(region[k].pk) for k in "abc")
    data = get_map(logged_in_client, region["network"])

    assert node_names(data) == {"Ziekenhuis Noord", "Gemeente Zuidstad", "Ziekenhuis Zuid"}
    assert edge_set(data) == {(a, b, "comembership", "co-membership"), (a, c, "manual", "funding")}
    nodes = {node["data"]["id"]: node for node in data["elements"]["nodes"]}
    # Coloured by type group (analysis/map/groups.py), not by each of the twenty types.
    assert nodes[a]["data"]["colour"] == GROUP_COLOURS[TypeGroup.CARE]
    assert nodes[b]["data"]["colour"] == GROUP_COLOURS[TypeGroup.MUNICIPALITY]
    assert [g["key"] for g in data["legend"]["groups"]] == [TypeGroup.MUNICIPALITY, TypeGroup.CARE]
    # A sits between B and C: all its centralities are the highest, its betweenness is 1 (networkx's scale).
    assert [nodes[k]["data"]["degree"] for k in (a, b, c)] == [2, 1, 1]
    assert nodes[a]["data"]["betweenness"] == pytest.approx(1.0)
    assert nodes[b]["data"]["betweenness"] == 0
    assert nodes[a]["data"]["closeness"] == pytest.approx(1.0)
    assert nodes[a]["data"]["eigenvector"] > nodes[b]["data"]["eigenvector"] > 0
    for node in nodes.values():
        assert isinstance(node["position"]["x"], int) and isinstance(node["position"]["y"], int)
    assert len({(n["position"]["x"], n["position"]["y"]) for n in nodes.values()}) == 3
    # Coalitions and themes per organisation, with their names sent once.
    assert nodes[a]["data"]["coalitions"] == [region["coalition"].pk]
    assert nodes[c]["data"]["themes"] == []
    assert data["coalitions"][str(region["coalition"].pk)] == "Valpreventie"
    assert data["themes"][str(region["theme"].pk)] == "Ouderen"
    kinds = {kind["key"]: kind for kind in data["legend"]["kinds"]}
    assert set(kinds) == {"co-membership", "funding"}
    assert kinds["funding"]["colour"] != kinds["co-membership"]["colour"]
    assert data["large"] is False


def test_empty_and_single_organisation_networks(logged_in_client, network, org_type):
    assert get_map(logged_in_client, network)["elements"] == {"nodes": [], "edges": []}
    services.organisation_create(network=network, name="Alleen", type=org_type("hospital"))
    (node,) = get_map(logged_in_client, network)["elements"]["nodes"]
    assert node["data"]["degree"] == 0 and node["data"]["betweenness"] == 0 and node["position"] == {"x": 0, "y": 0}


def test_filters_by_source_kind_theme_and_coalition(logged_in_client, region, org_type):
    network, a, b, c = region["network"], *(str(region[k].pk) for k in "abc")
    extra = services.organisation_create(network=network, name="Welzijn West", type=org_type("welfare"))
    relation_create(network=network, source=extra, target=region["b"], kind=RelationKind.REFERRAL)

    assert edge_set(get_map(logged_in_client, network, sources="manual")) == {
        (a, c, "manual", "funding"), (str(extra.pk), b, "manual", "referral")}
    assert edge_set(get_map(logged_in_client, network, sources=["manual", "comembership"], kind="referral")) == {
        (str(extra.pk), b, "manual", "referral")}
    for filters in ({"theme": region["theme"].pk}, {"coalition": region["coalition"].pk}):
        data = get_map(logged_in_client, network, **filters)
        assert node_names(data) == {"Ziekenhuis Noord", "Gemeente Zuidstad"}
        assert edge_set(data) == {(a, b, "comembership", "co-membership")}


def test_minimum_trust_keeps_trusted_survey_relations(logged_in_client, region):
    network, a, b, c = region["network"], *(str(region[k].pk) for k in "abc")
    survey_round = survey(network, [(region["a"], region["b"], "coordinated", 4),
                                    (region["a"], region["c"], "aware", 1.5)])

    data = get_map(logged_in_client, network, sources="survey", survey_round=survey_round.pk)
    assert edge_set(data) == {(a, b, "survey", "coordinated"), (a, c, "survey", "aware")}
    trusted = get_map(logged_in_client, network, sources="survey", min_trust=3)
    assert edge_set(trusted) == {(a, b, "survey", "coordinated")}
    assert trusted["elements"]["edges"][0]["data"]["trust"] == 4
    assert trusted["elements"]["edges"][0]["data"]["directed"] is True


def test_fast_json_is_the_same_data(region):
    """The endpoint writes relations as text for speed; it must say exactly what map_data says."""
    network = region["network"]
    survey(network, [(region["a"], region["b"], "coordinated", 3.3333), (region["c"], region["a"], "integrated", 2)])
    for filters in (MapFilters(), MapFilters(survey_ties="presence"), MapFilters(survey_ties=None),
                    MapFilters(reveal_trust=True, survey_ties=None)):
        if filters == MapFilters():  # the safe default: no tie of a single respondent
            assert "survey" not in {e["data"]["src"] for e in map_data(network=network, filters=filters)
                                    ["elements"]["edges"]}
            continue
        data = map_data(network=network, filters=filters)
        assert {e["data"]["src"] for e in data["elements"]["edges"]} == {"survey", "comembership", "manual"}
        sent = elements(json.loads(map_json(network=network, filters=dataclasses.replace(filters, all_ties=True))))
        assert sent == {**data, "ties": {**data["ties"], "sent": len(data["elements"]["edges"])}}
    assert {e["data"].get("trust") for e in data["elements"]["edges"]} == {3.33, 2.0, None}


def test_trust_per_relation_is_for_admins_only(region, make_user, api_client):
    """Per relation, trust is what one organisation's respondents answered: raw answers."""
    network = region["network"]
    survey(network, [(region["a"], region["b"], "coordinated", 4), (region["a"], region["c"], "aware", 1.5)])
    network.map_survey_ties = "presence"  # else ties of a single respondent are not shown at all
    network.save()
    coordinator = make_user("coordinator")
    services.membership_set(network=network, user=coordinator, role="coordinator")
    data = get_map_as(coordinator, network, sources="survey")
    assert len(data["elements"]["edges"]) == 2
    assert all("trust" not in edge["data"] for edge in data["elements"]["edges"])

    client = Client()
    client.force_login(coordinator)
    response = client.get(reverse("analysis:map_data", kwargs={"network": network.slug}), {"min_trust": 3})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"__all__"}
    page = client.get(reverse("analysis:map", kwargs={"network": network.slug}))
    assert 'name="min_trust"' not in page.content.decode()
    response = api_client.get(f"/networks/{network.slug}/map?min_trust=3", user=coordinator)
    assert response.status_code == 403
    assert all("trust" not in e["data"] for e in elements(api_client.get(
        f"/networks/{network.slug}/map", user=coordinator).json())["elements"]["edges"])


def test_data_is_gzipped_for_browsers(logged_in_client, region):
    url = reverse("analysis:map_data", kwargs={"network": region["network"].slug})
    response = logged_in_client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert elements(json.loads(gzip.decompress(response.content))) == get_map(logged_in_client, region["network"])


def test_bad_filters_and_other_networks(logged_in_client, region, make_network, make_user):
    other = make_network("regio-elders", user=make_user("buur"))
    foreign_theme = services.theme_create(network=other, name="Jeugd")
    url = reverse("analysis:map_data", kwargs={"network": region["network"].slug})

    response = logged_in_client.get(url, {"theme": foreign_theme.pk, "min_trust": 9})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"theme", "min_trust"}
    for name in ("analysis:map", "analysis:map_data"):
        assert logged_in_client.get(reverse(name, kwargs={"network": other.slug})).status_code == 404
        assert logged_in_client.get(reverse(name, kwargs={"network": "bestaat-niet"})).status_code == 404
    stranger = Client()
    stranger.force_login(make_user("vreemde"))
    assert stranger.get(url).status_code == 404


def test_map_page_renders_controls_and_config(logged_in_client, region):
    network = region["network"]
    response = logged_in_client.get(reverse("analysis:map", kwargs={"network": network.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    # The map's code is ES modules (static/js/map/), loaded as one module script, no inline script.
    assert 'id="network-map"' in html and '<script type="module" src="/static/js/map/main.js"></script>' in html
    assert "cytoscape-svg" not in html  # the SVG export is our own code, not the GPL-3.0 plugin
    assert f'<option value="{region["theme"].pk}">Ouderen</option>' in html
    assert reverse("analysis:map", kwargs={"network": network.slug}) in html  # the nav links to the map
    config = json.loads(html.split('<script id="map-config" type="application/json">')[1].split("</script>")[0])
    assert config["dataUrl"] == reverse("analysis:map_data", kwargs={"network": network.slug})
    assert config["analysisUrl"] == reverse("analysis:index", kwargs={"network": network.slug})
    assert 'id="map-show-all"' in html and 'id="map-summary"' in html
    assert config["organisationUrl"].replace("/0/", f"/{region['a'].pk}/") == region["a"].get_absolute_url()


@pytest.fixture
def api_client() -> TestClient:
    """The map router on an API with the project's error handlers (auth is the project API's concern)."""
    test_api = NinjaAPI(urls_namespace="map-api-test")
    test_api.add_exception_handler(ValidationError, project_api.django_validation_error)
    test_api.add_router("/", router)
    return TestClient(test_api)


def test_api_returns_the_same_elements_and_refuses_other_networks(api_client, user, region, make_network,
                                                                   make_user):
    network = region["network"]
    response = api_client.get(f"/networks/{network.slug}/map?sources=manual&size=betweenness", user=user)
    assert response.status_code == 200
    assert edge_set(elements(response.json())) == {(str(region["a"].pk), str(region["c"].pk), "manual", "funding")}
    assert node_names(elements(response.json())) == node_names(get_map_as(user, network, sources="manual"))

    other = make_network("regio-elders", user=make_user("buur"))
    foreign_theme = services.theme_create(network=other, name="Jeugd")
    assert api_client.get(f"/networks/{other.slug}/map", user=user).status_code == 404
    response = api_client.get(f"/networks/{network.slug}/map?theme={foreign_theme.pk}", user=user)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "theme"
    assert api_client.get(f"/networks/{network.slug}/map?min_trust=0", user=user).status_code == 422


def get_map_as(user, network, **params) -> dict:
    client = Client()
    client.force_login(user)
    return get_map(client, network, **params)


def test_constant_query_count(logged_in_client, network, org_type):
    """The same number of queries for 10 and for 1,000 organisations (and their relations)."""
    types = [org_type("hospital"), org_type("municipality"), org_type("welfare")]
    theme = services.theme_create(network=network, name="Ouderen")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie")
    counts = []
    # Hand-entered chains (9, then 9 + 989) and the co-members' pairs (3 of 3, then 15 of 6).
    for start, stop, edges in [(0, 10, 12), (10, 1000, 1013)]:
        Organisation.objects.bulk_create(Organisation(network=network, name=f"Organisatie {i:04d}",
                                                      type=types[i % 3]) for i in range(start, stop))
        added = list(Organisation.objects.filter(network=network).order_by("name")[start:stop])
        Relation.objects.bulk_create(Relation(network=network, source=first, target=second, kind="contract")
                                     for first, second in zip(added, added[1:], strict=False))
        for organisation in added[:3]:
            services.participation_add(coalition=coalition, organisation=organisation)
        with CaptureQueriesContext(connection) as queries:
            data = get_map(logged_in_client, network, ties="all")
        assert len(data["elements"]["nodes"]) == stop
        assert len(data["elements"]["edges"]) == edges
        counts.append(len(queries))
    assert counts[0] == counts[1]
