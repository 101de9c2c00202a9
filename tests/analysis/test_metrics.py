import igraph as ig
import networkx as nx
import pytest

from netwerkregie.analysis.metrics import compute


def test_karate_matches_networkx():
    g = nx.karate_club_graph()
    graph = ig.Graph.TupleList([(str(a), str(b)) for a, b in g.edges()])
    data = compute(graph)
    bet = nx.betweenness_centrality(g)
    clo = nx.closeness_centrality(g)
    eig = nx.eigenvector_centrality(g)
    for row in data["per_node"]:
        k = int(row["name"])
        assert row["betweenness"] == pytest.approx(bet[k], abs=1e-6)
        assert row["closeness"] == pytest.approx(clo[k], abs=1e-6)
        assert row["eigenvector"] == pytest.approx(eig[k], abs=1e-4)
