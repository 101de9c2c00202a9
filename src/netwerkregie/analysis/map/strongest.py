"""Which ties the readable map draws, and which organisations it names first.

A region's co-memberships alone tie nearly everyone to everyone: 45 organisations with some
700 relations are a hairball. The map therefore draws by default each organisation's
STRONGEST_PER_ORGANISATION strongest ties (by summed weight over every source, as the analysis
counts a tie), so every connected organisation keeps at least one line and the backbone stays
visible; "show all ties" draws the rest. The interactive map (through the map data) and the
report's SVG use this one definition.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig

STRONGEST_PER_ORGANISATION = 3


def pair(a: int, b: int) -> tuple[int, int]:
    """A tie between two organisations, whichever the direction."""
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True)
class Strongest:
    """The ties of the thinned map, as organisation pairs (by pk), and the label order of nodes."""

    pairs: frozenset[tuple[int, int]]
    ties: int  # every tie of the graph: the analysis page's count
    rank: list[int]  # per vertex: 0 is named first (most ties, then by name)

    @property
    def thinned(self) -> bool:
        return len(self.pairs) < self.ties


def strongest_ties(graph: ig.Graph, *, per_organisation: int = STRONGEST_PER_ORGANISATION) -> Strongest:
    """Each organisation's strongest ties in `graph` (undirected, parallel ties merged by build_graph).

    Ties of equal weight go to the better connected partner, then to the partner first by name,
    so the same data always gives the same map.
    """
    if not graph.vcount():
        return Strongest(frozenset(), 0, [])
    pks, names, degree = graph.vs["pk"], graph.vs["name"], graph.degree()
    weights = graph.es["weight"] if graph.ecount() else []
    incident: list[list[tuple[float, int, str, tuple[int, int]]]] = [[] for _ in range(graph.vcount())]
    for edge, weight in zip(graph.es, weights, strict=True):
        a, b = edge.tuple
        tie = pair(pks[a], pks[b])
        incident[a].append((-weight, -degree[b], names[b], tie))
        incident[b].append((-weight, -degree[a], names[a], tie))
    chosen = set()
    for ties in incident:
        chosen.update(tie for *_order, tie in sorted(ties)[:per_organisation])
    order = sorted(range(graph.vcount()), key=lambda v: (-degree[v], names[v]))
    rank = [0] * graph.vcount()
    for position, vertex in enumerate(order):
        rank[vertex] = position
    return Strongest(frozenset(chosen), graph.ecount(), rank)
