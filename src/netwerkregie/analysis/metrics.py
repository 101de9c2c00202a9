"""Network metrics with igraph, normalised as networkx's defaults so figures match the literature tools.

Betweenness and closeness are always computed on the unweighted graph (the CLI contract). When
the graph has an edge attribute "weight", eigenvector centrality and the Leiden communities use it.
Everything runs in igraph's C core: no Python loop over pairs of nodes, so 10,000 organisations
take seconds (benchmarks/analysis.py).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
import signal
import warnings
from collections import Counter

import igraph as ig


def _weights(graph: ig.Graph) -> str | None:
    return "weight" if "weight" in graph.es.attributes() else None


# Betweenness and closeness each run a breadth-first search from every vertex: O(n·m). Above this
# much work, and when the caller allows it, they are split over the machine's cores (processes:
# igraph holds the GIL). Only single-threaded callers (background tasks, the CLI, benchmarks)
# should allow it: forking a multi-threaded web server is unsafe.
PARALLEL_MIN_WORK = 20_000_000
MAX_WORKERS = 4
_shared: ig.Graph | None = None  # the graph a forked worker reads, inherited instead of pickled


def _plain_signals() -> None:
    """Workers forked from a task worker must not inherit its graceful-shutdown signal handlers."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _searches(vertices: list[int]) -> tuple[list[float], list[float], list[int]]:
    """One worker's share: betweenness from `vertices` as sources, their closeness and reach.

    Reach (how many vertices reach each one, itself included) is a search of its own only in a
    directed graph; in an undirected one it is the component's size, found without searching.
    """
    graph = _shared
    mode = "in" if graph.is_directed() else "all"
    reach = graph.neighborhood_size(vertices, order=graph.vcount(), mode=mode) if graph.is_directed() else []
    return (graph.betweenness(directed=graph.is_directed(), sources=vertices),
            graph.closeness(vertices=vertices, mode=mode, normalized=True), reach)


def available_cores() -> int:
    """The cores this process may use, at most MAX_WORKERS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def _workers(graph: ig.Graph) -> int:
    if graph.vcount() * graph.ecount() < PARALLEL_MIN_WORK:
        return 1
    return available_cores()


def searches(graph: ig.Graph, *, parallel: bool = False) -> tuple[list[float], list[float], list[int]]:
    """Raw betweenness (unweighted, pairs counted once when undirected), igraph's closeness and,
    for a directed graph, each vertex's reach (empty for an undirected graph).

    Betweenness from a set of sources adds up, so each worker takes every k-th vertex as source
    and the parts are summed; the result equals igraph's single call exactly.
    """
    global _shared
    n = graph.vcount()
    workers = _workers(graph) if parallel else 1
    if workers == 1:
        _shared = graph
        try:
            return _searches(list(range(n)))
        finally:
            _shared = None
    chunks = [list(range(i, n, workers)) for i in range(workers)]
    _shared = graph
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_plain_signals)
        try:
            parts = pool.map(_searches, chunks)
            pool.close()  # let the workers end by themselves: no signal needed
        finally:
            pool.terminate()
            pool.join()
    finally:
        _shared = None
    betweenness = [sum(values) for values in zip(*(part[0] for part in parts), strict=True)]
    closeness_raw = [0.0] * n
    reach = [0] * n if graph.is_directed() else []
    for chunk, (_bet, clo, reached) in zip(chunks, parts, strict=True):
        for index, vertex in enumerate(chunk):
            closeness_raw[vertex] = clo[index]
            if reached:
                reach[vertex] = reached[index]
    return betweenness, closeness_raw, reach


def closeness(graph: ig.Graph, raw: list[float] | None = None, reach: list[int] | None = None) -> list[float]:
    """networkx's closeness (Wasserman–Faust for disconnected graphs, inward distance when directed).

    igraph gives (r - 1) / total distance over the r vertices that reach a vertex (itself
    included); networkx scales that by (r - 1) / (n - 1) so small components do not look central.
    """
    n = graph.vcount()
    if n < 2:
        return [0.0] * n
    mode = "in" if graph.is_directed() else "all"
    if raw is None:
        raw = graph.closeness(mode=mode, normalized=True)
    if graph.is_directed():
        reach = reach or graph.neighborhood_size(order=n, mode=mode)
    else:
        membership = graph.connected_components().membership
        sizes = Counter(membership)
        reach = [sizes[m] for m in membership]
    return [0.0 if r <= 1 or math.isnan(c) else c * (r - 1) / (n - 1) for c, r in zip(raw, reach, strict=True)]


def eigenvector(graph: ig.Graph) -> list[float]:
    """Eigenvector centrality scaled to unit length, as networkx returns it."""
    if not graph.ecount():
        return [0.0] * graph.vcount()
    with warnings.catch_warnings():  # igraph warns on disconnected graphs; networkx gives the same
        warnings.simplefilter("ignore", RuntimeWarning)
        eig = graph.eigenvector_centrality(weights=_weights(graph))
    norm = math.sqrt(sum(x * x for x in eig)) or 1.0
    return [x / norm for x in eig]


def communities(graph: ig.Graph) -> list[list[int]]:
    """Leiden communities optimising modularity, reproducible: igraph draws from Python's RNG."""
    if not graph.vcount():
        return []
    weights = _weights(graph)
    undirected = (graph.as_undirected(combine_edges={"weight": "sum"} if weights else None)
                  if graph.is_directed() else graph)
    state = random.getstate()
    random.seed(0)
    try:
        clusters = undirected.community_leiden(objective_function="modularity", weights=weights)
    finally:
        random.setstate(state)
    return [list(c) for c in clusters]


def compute(graph: ig.Graph, *, parallel: bool = False) -> dict:
    """Whole-network and per-node figures; names come from the vertex attribute "name".

    `parallel` lets a large graph's searches use several processes (see PARALLEL_MIN_WORK).
    """
    n, m = graph.vcount(), graph.ecount()
    directed = graph.is_directed()
    bet, raw_closeness, reach = searches(graph, parallel=parallel) if n else ([], [], [])
    scale = (1 if directed else 2) / ((n - 1) * (n - 2)) if n > 2 else 0.0
    clo = closeness(graph, raw_closeness, reach)
    eig = eigenvector(graph)
    degree = graph.degree()
    core = graph.coreness()
    max_deg = max(degree, default=0)
    centralization = (
        sum(max_deg - d for d in degree) / ((n - 1) * (n - 2)) if n > 2 and not directed else 0.0
    )
    names = graph.vs["name"] if n else []
    return {
        "nodes": n,
        "edges": m,
        "density": graph.density() if n > 1 else 0.0,
        "components": len(graph.connected_components(mode="weak")) if n else 0,
        "degree_centralization": centralization,
        "communities": [[names[i] for i in c] for c in communities(graph)],
        "per_node": [
            {"name": names[i], "degree": degree[i], "betweenness": bet[i] * scale,
             "closeness": clo[i], "eigenvector": eig[i], "core": core[i]}
            for i in range(n)
        ],
    }
