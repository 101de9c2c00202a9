"""analysis/metrics.py against networkx on real-world graphs shipped with networkx."""

import signal

import igraph as ig
import networkx as nx
import pytest

from netwerkregie.analysis import metrics
from netwerkregie.analysis.metrics import compute

GRAPHS = {
    "karate club": nx.karate_club_graph,
    "les misérables": nx.les_miserables_graph,
    "florentine families": nx.florentine_families_graph,
}


def to_igraph(g: nx.Graph, *, weight: str | None = None) -> ig.Graph:
    graph = ig.Graph(directed=g.is_directed())
    graph.add_vertices([str(n) for n in g.nodes()])
    graph.add_edges([(str(a), str(b)) for a, b in g.edges()])
    if weight:
        graph.es["weight"] = [float(d[weight]) for _a, _b, d in g.edges(data=True)]
    return graph


def check_against_networkx(g: nx.Graph, data: dict, *, weight: str | None = None) -> None:
    n = g.number_of_nodes()
    bet, clo = nx.betweenness_centrality(g), nx.closeness_centrality(g)
    eig = nx.eigenvector_centrality(g, weight=weight, max_iter=1000) if not g.is_directed() else None
    assert (data["nodes"], data["edges"]) == (n, g.number_of_edges())
    assert data["density"] == pytest.approx(nx.density(g))
    components = nx.number_weakly_connected_components(g) if g.is_directed() else nx.number_connected_components(g)
    assert data["components"] == components
    core = nx.core_number(g.to_undirected() if g.is_directed() else g)
    for row in data["per_node"]:
        key = next(k for k in g.nodes() if str(k) == row["name"])
        assert row["degree"] == g.degree(key)
        assert row["betweenness"] == pytest.approx(bet[key], abs=1e-9)
        assert row["closeness"] == pytest.approx(clo[key], abs=1e-9)
        if eig is not None:
            assert row["eigenvector"] == pytest.approx(eig[key], abs=1e-4)
        if not g.is_directed():
            assert row["core"] == core[key]
    if not g.is_directed() and n > 2:
        degrees = [d for _k, d in g.degree()]
        assert data["degree_centralization"] == pytest.approx(
            sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2)))
    assert sorted(name for c in data["communities"] for name in c) == sorted(str(k) for k in g.nodes())


@pytest.mark.parametrize("name", GRAPHS)
def test_real_world_graphs_match_networkx(name):
    g = GRAPHS[name]()
    check_against_networkx(g, compute(to_igraph(g)))


def test_les_miserables_weights_move_eigenvector_and_communities_only():
    g = nx.les_miserables_graph()
    weighted = compute(to_igraph(g, weight="weight"))
    check_against_networkx(g, weighted, weight="weight")
    plain = compute(to_igraph(g))
    assert weighted["communities"] != plain["communities"]
    modularity = nx.community.modularity(g, [set(c) for c in weighted["communities"]], weight="weight")
    assert modularity > 0.5  # Leiden finds the well-known clustering of the novel's characters


def test_communities_are_reproducible():
    g = to_igraph(nx.karate_club_graph())
    assert compute(g)["communities"] == compute(g)["communities"]


def test_directed_graph_with_unreachable_parts():
    g = nx.DiGraph([(1, 2), (2, 3), (3, 1), (3, 4), (5, 4), (6, 7)])
    check_against_networkx(g, compute(to_igraph(g)))


def test_disconnected_graph_with_isolate():
    g = nx.Graph([(1, 2), (2, 3), (4, 5)])
    g.add_node(6)
    check_against_networkx(g, compute(to_igraph(g)))


@pytest.mark.parametrize("make", [lambda: nx.Graph(), lambda: nx.Graph([(1, 2)]), lambda: nx.path_graph(3)])
def test_tiny_graphs(make):
    g = make()
    data = compute(to_igraph(g))
    assert data["nodes"] == g.number_of_nodes()
    if g.number_of_nodes() > 1:
        check_against_networkx(g, data)
    else:
        assert data["communities"] == [] and data["per_node"] == []


@pytest.mark.parametrize("directed", [False, True])
def test_searches_split_over_processes_give_the_same_figures(monkeypatch, directed):
    graph = ig.Graph.Erdos_Renyi(n=300, m=900, directed=directed)
    single = metrics.searches(graph, parallel=True)  # too little work to split
    monkeypatch.setattr(metrics, "_workers", lambda graph: 2)
    calls = []
    monkeypatch.setattr(metrics.multiprocessing, "get_context", lambda method: calls.append(method))
    unsplit = metrics.searches(graph)  # not allowed to split: no process pool is asked for
    assert calls == [] and unsplit[0] == single[0]
    monkeypatch.undo()
    monkeypatch.setattr(metrics, "_workers", lambda graph: 2)
    # as in the task worker, whose SIGTERM handler only logs: the pool must still end
    previous = signal.signal(signal.SIGTERM, lambda *args: None)
    try:
        split = metrics.searches(graph, parallel=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert split[0] == pytest.approx(single[0]) and split[1] == pytest.approx(single[1], nan_ok=True)
    assert split[2] == single[2] and len(split[2]) == 300


def igraph_closeness(graph: ig.Graph) -> tuple[list[float], list[int]]:
    """The per-vertex searches distance_sums replaces: igraph's closeness and inward reach."""
    mode = "in" if graph.is_directed() else "all"
    return (graph.closeness(mode=mode, normalized=True),
            graph.neighborhood_size(order=max(graph.vcount(), 1), mode=mode))


def odd_graph(directed: bool) -> ig.Graph:
    """Random parts plus an isolate, a self-loop, a double tie and a long chain."""
    graph = ig.Graph.Erdos_Renyi(n=200, m=500, directed=directed)
    graph.add_vertices(30)
    graph.add_edges([(200, 200), (201, 202), (201, 202)] + [(i, i + 1) for i in range(205, 229)] + [(228, 7)])
    return graph


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("budget", [2**28, 64 * 230])  # one block of sources, or one per 64
def test_bit_parallel_closeness_is_igraph_exactly(monkeypatch, directed, budget):
    monkeypatch.setattr(metrics, "BLOCK_BITS_BUDGET", budget)
    graph = odd_graph(directed)
    raw, reach = metrics._raw_closeness(graph)
    expected_raw, expected_reach = igraph_closeness(graph)
    assert reach == expected_reach
    assert [None if c != c else c for c in raw] == [None if c != c else c for c in expected_raw]  # NaN == NaN


@pytest.mark.parametrize("directed", [False, True])
def test_long_chains_fall_back_to_igraph(monkeypatch, directed):
    graph = odd_graph(directed)
    monkeypatch.setattr(metrics, "MAX_LEVELS", 5)
    assert metrics.distance_sums(graph) is None
    fallback = metrics._raw_closeness(graph)
    monkeypatch.undo()
    assert metrics.closeness(graph, *fallback) == metrics.closeness(graph)


def test_empty_and_single_vertex_graphs_have_no_distances():
    assert metrics.distance_sums(ig.Graph()) == ([], [])
    assert metrics.distance_sums(ig.Graph(n=1)) == ([0], [1])
