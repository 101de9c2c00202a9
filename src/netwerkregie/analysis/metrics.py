"""Network metrics with igraph, normalised as networkx's defaults so figures match the literature tools."""

from __future__ import annotations

import math
import random

import igraph as ig


def compute(graph: ig.Graph) -> dict:
    """Whole-network and per-node figures; names come from the vertex attribute "name"."""
    n, m = graph.vcount(), graph.ecount()
    directed = graph.is_directed()
    bet = graph.betweenness(directed=directed) if n else []
    scale = (1 if directed else 2) / ((n - 1) * (n - 2)) if n > 2 else 0.0
    mode = "in" if directed else "all"
    dist = graph.distances(mode=mode) if n else []
    closeness = []
    for row in dist:
        reach = [d for d in row if not math.isinf(d)]
        total, r = sum(reach), len(reach)
        closeness.append((r - 1) / total * (r - 1) / (n - 1) if total > 0 and n > 1 else 0.0)
    eig = graph.eigenvector_centrality() if m else [0.0] * n
    norm = math.sqrt(sum(x * x for x in eig)) or 1.0
    degree = graph.degree()
    core = graph.coreness()
    max_deg = max(degree, default=0)
    centralization = (
        sum(max_deg - d for d in degree) / ((n - 1) * (n - 2)) if n > 2 and not directed else 0.0
    )
    random.seed(0)  # igraph draws from Python's RNG: seed so communities are reproducible
    communities = graph.as_undirected().community_leiden(objective_function="modularity") if n else []
    names = graph.vs["name"] if n else []
    return {
        "nodes": n,
        "edges": m,
        "density": graph.density() if n > 1 else 0.0,
        "components": len(graph.connected_components(mode="weak")) if n else 0,
        "degree_centralization": centralization,
        "communities": [[names[i] for i in c] for c in communities],
        "per_node": [
            {"name": names[i], "degree": degree[i], "betweenness": bet[i] * scale,
             "closeness": closeness[i], "eigenvector": eig[i] / norm, "core": core[i]}
            for i in range(n)
        ],
    }
