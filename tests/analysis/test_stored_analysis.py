"""The `analyse` command (edge lists and stored networks), the analysis page and its background task."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import networkx as nx
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from relation_helpers import (
    coalition,
    org,
    orgs,
    relation,
    report,
    respondent,
    survey_round,
    theme,
)

from netwerkregie.analysis import selectors
from netwerkregie.analysis.models import Relation
from netwerkregie.analysis.stored import question_asked
from netwerkregie.demo.generator import SLUG, build_demo
from netwerkregie.demo.newcomers import NEWCOMER_RELATIONS
from netwerkregie.demo.relations import RELATIONS
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db
CONTRACT = {"nodes", "edges", "density", "components", "degree_centralization", "communities", "per_node"}
NODE_KEYS = {"name", "degree", "betweenness", "closeness", "eigenvector", "core"}


def analyse(*args: str) -> dict:
    out = io.StringIO()
    call_command("analyse", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


# Edge lists ---------------------------------------------------------------------------------------


def test_edges_contract_without_weight(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("source,target\nA,B\nB,C\nC,A\nC,D\n")
    data = analyse("--edges", str(path))
    assert set(data) == CONTRACT
    assert (data["nodes"], data["edges"], data["components"]) == (4, 4, 1)
    graph = nx.Graph([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")])
    betweenness = nx.betweenness_centrality(graph)
    for row in data["per_node"]:
        assert set(row) == NODE_KEYS
        assert row["betweenness"] == pytest.approx(betweenness[row["name"]])
    assert data["degree_centralization"] == pytest.approx(sum(3 - d for _n, d in graph.degree()) / (3 * 2))


def test_edges_weight_moves_eigenvector_but_not_betweenness(tmp_path):
    plain, weighted = tmp_path / "plain.csv", tmp_path / "weighted.csv"
    rows = [("A", "B", 5), ("B", "C", 1), ("C", "D", 1), ("D", "A", 1), ("A", "C", 1)]
    plain.write_text("source,target\n" + "".join(f"{a},{b}\n" for a, b, _w in rows))
    weighted.write_text("source,target,weight\n" + "".join(f"{a},{b},{w}\n" for a, b, w in rows))
    without, with_weight = analyse("--edges", str(plain)), analyse("--edges", str(weighted))
    graph = nx.Graph()
    graph.add_weighted_edges_from(rows)
    eig = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000)
    for row in with_weight["per_node"]:
        assert row["eigenvector"] == pytest.approx(eig[row["name"]], abs=1e-4)
    by_name = {row["name"]: row for row in without["per_node"]}
    for row in with_weight["per_node"]:
        assert row["betweenness"] == pytest.approx(by_name[row["name"]]["betweenness"])
        assert row["closeness"] == pytest.approx(by_name[row["name"]]["closeness"])
    assert with_weight["per_node"][0]["eigenvector"] != pytest.approx(by_name["A"]["eigenvector"])


def test_edges_bad_input_is_named(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("source,target,weight\nA,B,veel\n")
    with pytest.raises(CommandError, match="line 2"):
        analyse("--edges", str(path))
    path.write_text("van,naar\nA,B\n")
    with pytest.raises(CommandError, match="source,target"):
        analyse("--edges", str(path))
    with pytest.raises(CommandError, match="either"):
        analyse()


def test_console_command_for_an_edge_list(tmp_path):
    path = tmp_path / "edges.csv"
    path.write_text("source,target\nA,B\nB,C\n")
    done = subprocess.run([sys.executable, "-m", "netwerkregie.cli", "analyse", "--edges", str(path), "--directed",
                           "--json"], capture_output=True, text=True, check=True, cwd=tmp_path)
    data = json.loads(done.stdout)
    assert (data["nodes"], data["edges"]) == (3, 2)
    assert {row["name"]: row["closeness"] for row in data["per_node"]} == pytest.approx(
        nx.closeness_centrality(nx.DiGraph([("A", "B"), ("B", "C")])))


# Stored networks ----------------------------------------------------------------------------------


def test_stored_demo_network_matches_networkx():
    network = build_demo()
    data = analyse(SLUG)
    assert set(data) == CONTRACT and data["nodes"] == network.organisations.count()
    names = dict(network.organisations.values_list("pk", "name"))
    graph = nx.Graph()
    graph.add_nodes_from(names.values())
    graph.add_edges_from((names[e.source_id], names[e.target_id]) for e in selectors.relation_edges(network=network))
    assert data["edges"] == graph.number_of_edges()
    assert data["density"] == pytest.approx(nx.density(graph))
    assert data["components"] == nx.number_connected_components(graph)
    betweenness, closeness = nx.betweenness_centrality(graph), nx.closeness_centrality(graph)
    core = nx.core_number(graph)
    for row in data["per_node"]:
        assert row["betweenness"] == pytest.approx(betweenness[row["name"]], abs=1e-9)
        assert row["closeness"] == pytest.approx(closeness[row["name"]], abs=1e-9)
        assert row["core"] == core[row["name"]]
    assert sorted(n for c in data["communities"] for n in c) == sorted(names.values())
    full = analyse(SLUG, "--full")
    assert set(full) > CONTRACT and "cut_points" in full
    check_demo_relations(network)


def test_stored_network_options(network):
    network.anonymity_minimum = 1  # one respondent per round: enough for these rounds to count
    network.save()
    a, b, c = orgs(network, "A", "B", "C")
    relation(network, a, b)
    old, new = survey_round(network, "2024", "2024-01-10"), survey_round(network, "2025", "2025-01-10")
    report(respondent(old, b), c)
    report(respondent(new, c), a)
    assert analyse(network.slug, "--sources", "manual")["edges"] == 1
    latest = analyse(network.slug, "--sources", "survey", "--directed")
    assert latest["edges"] == 1 and {r["name"]: r["degree"] for r in latest["per_node"]} == {"A": 1, "B": 0, "C": 1}
    earlier = analyse(network.slug, "--sources", "survey", "--round", "2024")
    assert {r["name"]: r["degree"] for r in earlier["per_node"]} == {"A": 0, "B": 1, "C": 1}
    assert analyse(network.slug)["edges"] == 2
    for bad, message in ((["--round", "1999"], "1999"), (["--sources", "rumour"], "rumour")):
        with pytest.raises(CommandError, match=message):
            analyse(network.slug, *bad)
    with pytest.raises(CommandError, match="no network"):
        analyse("nergens")


# The analysis page --------------------------------------------------------------------------------


def test_analysis_page_explains_every_figure(network, logged_in_client):
    network.anonymity_minimum = 1
    network.save()
    a, b, c, _d = orgs(network, "Gemeente", "Welzijn", "GGD", "Los")
    relation(network, a, b)
    relation(network, b, c)
    old, new = survey_round(network, "2024", "2024-01-10"), survey_round(network, "2025", "2025-01-10")
    report(respondent(old, a), c, trust=(2, 2, 2))
    report(respondent(new, a), c, trust=(4, 4, 4))
    url = reverse("analysis:index", kwargs={"network": network.slug})
    response = logged_in_client.get(url, {"sources": ["manual"]})
    assert response.status_code == 200
    page = response.content.decode()
    context = response.context
    assert context["analysis"].edges == 2 and context["analysis"].cut_points == ("Welzijn",)
    assert all(f["explanation"] for f in context["figures"])
    for marker in ('id="network-figures"', 'id="brokers"', 'id="cut-points"', 'id="bridges"', 'id="isolates"',
                   'id="top-organisations"', 'id="k-core"', 'id="communities"', 'id="received"',
                   'id="round-comparison"', 'id="structural-warnings"'):
        assert marker in page, marker
    assert 'data-code="isolated_partner"' in page and "Los" in page
    comparison = {row["figure"]: row for row in context["comparison"]}
    assert (comparison["trust"]["then"], comparison["trust"]["now"]) == (2.0, 4.0)
    survey_only = logged_in_client.get(url, {"sources": ["survey"], "round": old.pk, "compare": new.pk})
    assert survey_only.context["current_round"] == old and survey_only.context["analysis"].edges == 1
    assert {r.name: r.trust for r in survey_only.context["received"]} == {"GGD": 2.0}
    registry.network_update(network=network, anonymity_minimum=2)  # a service: the stored analysis is out of date
    hidden = logged_in_client.get(url, {"sources": ["survey"], "round": old.pk})
    assert [(r.name, r.trust, r.hidden) for r in hidden.context["received"]] == [("GGD", None, True)]
    table = hidden.content.decode().split('id="received"')[1].split("</table>")[0]
    assert "2,00" not in table and "2.00" not in table and "GGD" in table
    assert reverse("analysis:index", kwargs={"network": network.slug}) in logged_in_client.get(
        reverse("overview:dashboard", kwargs={"network": network.slug})).content.decode()


def test_analysis_page_is_for_members_only(network, make_user, client):
    client.force_login(make_user("buiten"))
    assert client.get(reverse("analysis:index", kwargs={"network": network.slug})).status_code == 404


def test_large_networks_are_analysed_in_the_background(network, logged_in_client, monkeypatch, run_task_worker):
    a, b, c = orgs(network, "A", "B", "C")
    relation(network, a, b)
    monkeypatch.setattr(selectors, "INLINE_MAX", 2)
    url = reverse("analysis:index", kwargs={"network": network.slug})
    first = logged_in_client.get(url, {"sources": ["manual"]})
    assert first.context["pending"] and first.context["analysis"] is None
    assert 'hx-trigger="every 3s"' in first.content.decode()
    # queued: the question asked, and the one the dashboard's structural warnings rest on (ties as members see them)
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert sorted(queued.values_list("args_kwargs__kwargs__key", flat=True)) == sorted(
        [question_asked(network_id=network.pk, sources=["manual"], survey_round=None, directed=False,
                                  survey_ties=None).key, selectors.structure_question(network).key])
    logged_in_client.get(url, {"sources": ["manual"]})  # a second visit does not queue them again
    assert DBTaskResult.objects.count() == 2
    run_task_worker()
    done = logged_in_client.get(url, {"sources": ["manual"]}, HTTP_HX_REQUEST="true")
    assert done.templates[0].name == "analysis/_analysis_body.html"
    assert done.context["analysis"].edges == 1 and done.context["analysis"].isolates == ("C",)
    assert not done.context["pending"] and 'hx-trigger' not in done.content.decode()
    other = logged_in_client.get(url, {"sources": ["comembership"]})  # another question, another task
    assert other.context["pending"] and DBTaskResult.objects.count() == 3  # the structure one is current
    refresh = logged_in_client.post(reverse("analysis:refresh", kwargs={"network": network.slug})
                                    + "?sources=manual")
    assert refresh.status_code == 302 and DBTaskResult.objects.count() == 4


def check_demo_relations(network):
    """The demo's relations entered by hand (demo/relations.py), checked on the demo built above."""
    relations = Relation.objects.filter(network=network)
    assert relations.count() == len(RELATIONS) + len(NEWCOMER_RELATIONS) >= 40
    assert set(relations.values_list("kind", flat=True)) == {"funding", "contract", "covenant", "referral", "other"}
    assert relations.active().count() == relations.count() - 1  # the pharmacy pilot ended in 2024
    manual = selectors.network_analysis(network=network, sources=["manual"])
    assert {"Apotheek Dijkstede Centrum", "Ondernemersvereniging Dijkstede", "Sportbedrijf Dijkstede"} <= set(
        manual.isolates)
    assert "Zorgverzekeraar Zorgzaam" in [row.name for row in manual.top["degree"][:2]]


def test_pages_use_a_fixed_number_of_queries(make_network, user, client):
    client.force_login(user)
    counts = []
    for size in (5, 30):
        network = make_network(f"n{size}", user=user)
        members = [org(network, f"O{i}") for i in range(size)]
        coalition(network, "K", theme(network), members[:3])
        old, new = survey_round(network, "2024", "2024-01-10"), survey_round(network, "2025", "2025-01-10")
        for i in range(size - 1):
            relation(network, members[i], members[i + 1])
            report(respondent(new, members[i]), members[i + 1])
            report(respondent(old, members[i + 1]), members[i])
        seen = []
        for name in ("analysis:index", "analysis:relation_list"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, kwargs={"network": network.slug})).status_code == 200
            seen.append(len(queries))
        counts.append(seen)
    assert counts[0] == counts[1]
