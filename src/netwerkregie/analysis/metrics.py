"""Network metrics with igraph, normalised as networkx's defaults so figures match the literature tools.

Betweenness and closeness are always computed on the unweighted graph (the CLI contract). When
the graph has an edge attribute "weight", eigenvector centrality and the Leiden communities use it.
Betweenness and the rest run in igraph's C core; closeness runs a bit-parallel search in Python
(distance_sums: no loop over pairs of nodes), so 10,000 organisations take seconds
(benchmarks/analysis.py).
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


# Betweenness runs a breadth-first search from every vertex: O(n·m). Above this much work, and
# when the caller allows it, it is split over the machine's cores (processes: igraph holds the
# GIL). Only single-threaded callers (background tasks, the CLI, benchmarks) should allow it:
# forking a multi-threaded web server is unsafe.
PARALLEL_MIN_WORK = 20_000_000
MAX_WORKERS = 4
_shared: ig.Graph | None = None  # the graph a forked worker reads, inherited instead of pickled

# Closeness needs only distances, which distance_sums() finds for all sources at once, one bit per
# source (see there). Its cost grows with the number of levels (the longest distance), so past
# MAX_LEVELS igraph's search per vertex takes over; organisation networks are small worlds.
MAX_LEVELS = 50
# Sources per block: each of distance_sums' three lists of per-vertex sets holds at most this many
# bits (32 MiB), so 10,000 organisations fit one block (about 40 MB in all) and 100,000 take
# blocks of 2,684 sources (about 100 MB of sets).
BLOCK_BITS_BUDGET = 2**28


def _plain_signals() -> None:
    """Workers forked from a task worker must not inherit its graceful-shutdown signal handlers."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _betweenness(vertices: list[int]) -> list[float]:
    """One worker's share: raw betweenness of every vertex on the paths from `vertices`."""
    graph = _shared
    return graph.betweenness(directed=graph.is_directed(), sources=vertices)


def available_cores() -> int:
    """The cores this process may use, at most MAX_WORKERS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


def _workers(graph: ig.Graph) -> int:
    if graph.vcount() * graph.ecount() < PARALLEL_MIN_WORK:
        return 1
    return available_cores()


def distance_sums(graph: ig.Graph) -> tuple[list[int], list[int]] | None:
    """Per vertex: the total distance from the vertices that reach it, and how many reach it
    (itself included); inward when directed. None past MAX_LEVELS levels.

    A breadth-first search from every source at once, level by level: each vertex holds the set of
    sources that reached it at the last level as the bits of a Python int, and ORs its
    (in-)neighbours' sets. That is 64 sources per machine word instead of one search per vertex:
    over ten times faster than igraph's closeness at 10,000 organisations, and the sums are exact.
    """
    n = graph.vcount()
    neighbours = graph.get_adjlist(mode="in" if graph.is_directed() else "all")
    totals, reach = [0] * n, [1] * n
    block = max(64, BLOCK_BITS_BUDGET // max(n, 1))
    for start in range(0, n, block):
        stop = min(n, start + block)
        everyone = (1 << (stop - start)) - 1
        frontier = [0] * n  # the sources at exactly the current distance
        for source in range(start, stop):
            frontier[source] = 1 << (source - start)
        unreached = [everyone ^ bits for bits in frontier]
        todo = [v for v in range(n) if unreached[v]]
        level = 0
        while todo:
            level += 1
            if level > MAX_LEVELS:
                return None
            reached = [0] * n
            still = []
            for v in todo:
                new = 0
                for u in neighbours[v]:
                    new |= frontier[u]
                left = unreached[v]
                new &= left
                if new:
                    left ^= new
                    unreached[v] = left
                    reached[v] = new
                    count = new.bit_count()
                    totals[v] += level * count
                    reach[v] += count
                if left:
                    still.append(v)
            if not any(reached):
                break
            frontier, todo = reached, still
    return totals, reach


def _raw_closeness(graph: ig.Graph) -> tuple[list[float], list[int]]:
    """igraph's normalised closeness ((r - 1) / total distance, NaN when alone) and the reach r."""
    sums = distance_sums(graph)
    if sums is not None:
        # Integers below 2**53 divide exactly as igraph's doubles do: the same floats.
        return [(r - 1) / total if total else math.nan for total, r in zip(*sums, strict=True)], sums[1]
    n = graph.vcount()
    mode = "in" if graph.is_directed() else "all"
    raw = graph.closeness(mode=mode, normalized=True)
    if graph.is_directed():
        return raw, graph.neighborhood_size(order=n, mode=mode)
    membership = graph.connected_components().membership
    sizes = Counter(membership)
    return raw, [sizes[m] for m in membership]


def searches(graph: ig.Graph, *, parallel: bool = False) -> tuple[list[float], list[float], list[int]]:
    """Raw betweenness (unweighted, pairs counted once when undirected), igraph's closeness and
    each vertex's reach (how many vertices reach it, itself included).

    Betweenness from a set of sources adds up, so each worker takes every k-th vertex as source
    and the parts are summed; meanwhile this process finds the closeness (distance_sums).
    """
    global _shared
    n = graph.vcount()
    workers = _workers(graph) if parallel else 1
    if workers == 1:
        _shared = graph
        try:
            betweenness = _betweenness(list(range(n)))
        finally:
            _shared = None
        return betweenness, *_raw_closeness(graph)
    chunks = [list(range(i, n, workers)) for i in range(workers)]
    _shared = graph
    try:
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_plain_signals)
        try:
            pending = pool.map_async(_betweenness, chunks)
            closeness_raw, reach = _raw_closeness(graph)
            parts = pending.get()
            pool.close()  # let the workers end by themselves: no signal needed
        finally:
            pool.terminate()
            pool.join()
    finally:
        _shared = None
    betweenness = [sum(values) for values in zip(*parts, strict=True)]
    return betweenness, closeness_raw, reach


def closeness(graph: ig.Graph, raw: list[float] | None = None, reach: list[int] | None = None) -> list[float]:
    """networkx's closeness (Wasserman–Faust for disconnected graphs, inward distance when directed).

    igraph gives (r - 1) / total distance over the r vertices that reach a vertex (itself
    included); networkx scales that by (r - 1) / (n - 1) so small components do not look central.
    """
    n = graph.vcount()
    if n < 2:
        return [0.0] * n
    if raw is None or reach is None:
        raw, reach = _raw_closeness(graph)
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
