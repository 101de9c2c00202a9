"""Time the full network analysis of analysis/metrics.py against networkx computing the same metrics.

Run: `.venv/bin/python benchmarks/analysis.py [--sizes 1000,10000] [--networkx-full]`.

For each size it generates a seeded random graph G(n, m) with average degree 10 (m = 5n), then
runs, each in a fresh process so peak memory is per run:
- igraph: analysis/metrics.compute (density, components, degree centralisation, Leiden
  communities, degree, betweenness, closeness, eigenvector, k-core), allowed to use every core
  as the background analysis task does;
- networkx: the same figures (Louvain stands in for Leiden, which networkx lacks).
It prints seconds, peak memory (tracemalloc: Python allocations; maxrss: the whole process,
including igraph's C allocations) and the ratio networkx / igraph.

networkx on large graphs takes many minutes, so from 10,000 organisations on it gets a budget of
TARGET_RATIO times igraph's time by default: if it has not finished by then, it is stopped and the
ratio is reported as at least that (a lower bound, proven by the clock). `--networkx-full` lets it
run to the end for an exact ratio. From 100,000 organisations on, networkx is skipped: its
betweenness alone would take hours. igraph's exact betweenness grows with n·m too, and faster once
its per-vertex arrays outgrow the CPU cache: 26.7 ms per source at 100,000 organisations against
0.8 ms at 10,000 (sampled on 200 sources), so 100,000 take over twenty minutes on two cores.
tracemalloc slows Python code down (all of networkx, and the bit-parallel closeness of the igraph
analysis), so Python memory is measured in a second, untimed run after the timed one: for networkx
up to --trace-max organisations, for igraph up to --igraph-trace-max.

Exits 1 when the 10,000-organisation network takes TARGET_SECONDS or more, or when networkx
finished it less than TARGET_RATIO times slower.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from queue import Empty

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import igraph as ig  # noqa: E402

from netwerkregie.analysis import metrics  # noqa: E402

AVERAGE_DEGREE = 10
TARGET_SIZE = 10_000
TARGET_SECONDS = 5.0
TARGET_RATIO = 10.0
NETWORKX_MAX = 10_000  # beyond this networkx is skipped, not run
SEED = 2024

_edges: list[tuple[int, int]] = []  # the graph of the current size, inherited by forked runs


def generate(n: int, seed: int = SEED) -> list[tuple[int, int]]:
    """A seeded G(n, m) random graph with average degree 10; igraph draws from Python's RNG."""
    state = random.getstate()
    random.seed(seed)
    try:
        return ig.Graph.Erdos_Renyi(n=n, m=n * AVERAGE_DEGREE // 2).get_edgelist()
    finally:
        random.setstate(state)


def run_igraph(n: int) -> dict:
    graph = ig.Graph(n=n, edges=_edges)
    graph.vs["name"] = [str(i) for i in range(n)]
    return metrics.compute(graph, parallel=True)


def run_networkx(n: int) -> dict:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(_edges)
    degree = dict(g.degree())
    top = max(degree.values(), default=0)
    return {
        "density": nx.density(g),
        "components": nx.number_connected_components(g),
        "degree_centralization": sum(top - d for d in degree.values()) / ((n - 1) * (n - 2)),
        "communities": nx.community.louvain_communities(g, seed=0),
        "betweenness": nx.betweenness_centrality(g),
        "closeness": nx.closeness_centrality(g),
        "eigenvector": nx.eigenvector_centrality(g, max_iter=1000),
        "core": nx.core_number(g),
    }


RUNNERS = {"igraph": run_igraph, "networkx": run_networkx}


def _maxrss_mb() -> float:
    """Peak resident memory of this process and its finished workers, in MB (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def _child(library: str, n: int, trace: bool, queue) -> None:
    """Time one run untraced, then, when asked, take tracemalloc's peak from a second run: tracing
    slows every Python allocation down, which the analysis itself does not pay."""
    runner = RUNNERS[library]
    start = time.perf_counter()
    runner(n)
    seconds = time.perf_counter() - start
    rss = _maxrss_mb()
    queue.put(("time", seconds, rss))
    if trace:
        tracemalloc.start()
        runner(n)
        queue.put(("trace", tracemalloc.get_traced_memory()[1] / 2**20))
        tracemalloc.stop()


def measure(library: str, n: int, *, timeout: float | None, trace: bool) -> dict:
    """One run in a fresh process: seconds, maxrss, tracemalloc peak; finished=False when stopped."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(library, n, trace, queue))
    start = time.perf_counter()
    process.start()
    result = {"library": library, "n": n, "seconds": None, "rss_mb": None, "trace_mb": None, "finished": False}
    try:
        _kind, seconds, rss = queue.get(timeout=timeout)
        result.update(seconds=seconds, rss_mb=rss, finished=True)
        if trace:
            result["trace_mb"] = queue.get()[1]
    except Empty:  # over budget
        result["seconds"] = time.perf_counter() - start
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
    return result


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def fmt(value: float | None, spec: str = ".2f") -> str:
    return "–" if value is None else format(value, spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=f"1000,{TARGET_SIZE}",
                        help="Comma-separated numbers of organisations (default 1000,10000; 100000 is slow).")
    parser.add_argument("--networkx-full", action="store_true",
                        help=f"Let networkx finish instead of stopping it at {TARGET_RATIO:g}× igraph's time.")
    parser.add_argument("--trace-max", type=int, default=1000,
                        help="Largest size for which networkx's tracemalloc peak is measured (a second run).")
    parser.add_argument("--igraph-trace-max", type=int, default=TARGET_SIZE,
                        help="Largest size for which igraph's tracemalloc peak is measured (a second run).")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    global _edges
    cores = metrics.available_cores()
    print(f"Random graphs G(n, m), average degree {AVERAGE_DEGREE}, seed {SEED}; igraph {ig.__version__} "
          f"using up to {cores} process(es) on {os.cpu_count()} core(s); load average {_load()}.")
    header = (f"{'organisations':>13} {'ties':>9} | {'igraph s':>9} {'py MB':>7} {'rss MB':>7} | "
              f"{'networkx s':>10} {'py MB':>7} {'rss MB':>7} | {'ratio':>9}")
    print(header)
    print("-" * len(header))
    failures = []
    for n in sizes:
        _edges = generate(n)
        mine = measure("igraph", n, timeout=None, trace=n <= args.igraph_trace_max)
        theirs, note = None, ""
        if n > NETWORKX_MAX:
            note = "networkx skipped: far too slow at this size (exact betweenness would take hours)"
        else:
            stop = not args.networkx_full and n >= TARGET_SIZE  # smaller sizes finish in seconds anyway
            budget = TARGET_RATIO * mine["seconds"] if stop else None
            theirs = measure("networkx", n, timeout=budget, trace=n <= args.trace_max)
            if not theirs["finished"]:
                note = f"networkx stopped after {theirs['seconds']:.0f} s: the ratio is at least that"
        ratio = theirs["seconds"] / mine["seconds"] if theirs else None
        ratio_text = "–" if ratio is None else (f"{ratio:.1f}×" if theirs["finished"] else f"≥ {ratio:.1f}×")
        print(f"{n:>13,} {len(_edges):>9,} | {fmt(mine['seconds']):>9} {fmt(mine['trace_mb'], '.1f'):>7} "
              f"{fmt(mine['rss_mb'], '.0f'):>7} | "
              f"{fmt(theirs['seconds'] if theirs else None):>10} "
              f"{fmt(theirs['trace_mb'] if theirs else None, '.1f'):>7} "
              f"{fmt(theirs['rss_mb'] if theirs else None, '.0f'):>7} | {ratio_text:>9}"
              + (f"   ({note})" if note else ""))
        if n == TARGET_SIZE:
            if mine["seconds"] >= TARGET_SECONDS:
                failures.append(f"{n:,} organisations took {mine['seconds']:.2f} s (target < {TARGET_SECONDS:g} s)")
            if ratio is not None and ratio < TARGET_RATIO:
                failures.append(f"{n:,} organisations: only {ratio:.1f}× faster than networkx "
                                f"(target ≥ {TARGET_RATIO:g}×)")
        sys.stdout.flush()
    print(f"Load average at the end: {_load()} (other work on the machine slows both libraries down).")
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures and TARGET_SIZE in sizes:
        print(f"OK: {TARGET_SIZE:,} organisations under {TARGET_SECONDS:g} s and at least {TARGET_RATIO:g}× "
              "faster than networkx.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
