"""The network map's data: organisations and relations with centralities and positions.

Shaped for a smooth map of 2,000 organisations and 20,000 relations: a fixed handful of
`values_list` queries, one igraph graph for the centralities and the force-directed layout
(computed here so the browser only draws `preset` positions). `map_data` gives Cytoscape
elements (the report's SVG); `map_json`, what the page and the API send, is a compact table:
nodes and relations as rows under one header, relations as pairs of node indices, sources,
kinds and municipalities by index, and by default only the strongest ties (strongest.py), so
the answer stays under 500 KB at 2,000 organisations (docs/map.md).
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import igraph as ig
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netwerkregie.analysis import metrics
from netwerkregie.analysis.models import RelationKind, RelationSource
from netwerkregie.analysis.selectors import (
    COMEMBERSHIP_KIND,
    KIND_ITEM,
    NO_RELATION,
    RELATIONS_INSTRUMENT,
    REPORTED_TIE,
    Edge,
    build_graph,
    disclosed_ties,
    group_members,
    relation_edges,
    shared_groups,
)
from netwerkregie.assessments.instruments import instrument_get, localized
from netwerkregie.assessments.models import SurveyRound
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import (
    Coalition,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationType,
    SurveyTies,
    Theme,
)

from .groups import GROUP_COLOURS, TypeGroup, type_group
from .strongest import STRONGEST_PER_ORGANISATION, Strongest, pair, strongest_ties

SOURCES = dict(RelationSource.choices)
CENTRALITIES = {
    "degree": _("degree"),
    "betweenness": _("betweenness"),
    "closeness": _("closeness"),
    "eigenvector": _("eigenvector"),
}
# Above this many organisations the browser draws the server's positions instead of running a layout.
LARGE_GRAPH = 300
# Organisations × ties above which betweenness and closeness are computed only when chosen (about 0.1 s).
EXACT_BUDGET = 4_000_000
# Canvas units per organisation on each axis, so big networks spread out as much as small ones.
SPREAD = 40.0
# Colourblind-safe (Okabe-Ito and Tol) colours for relation kinds, in the order of `kind_labels`.
KIND_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
                "#44AA99", "#999933", "#AA4499", "#332288", "#661100")


TRUST_FOR_ADMINS_ONLY = _("Only the network's admins may filter on reported trust: per relation it is what one "
                          "organisation's respondents answered.")


def reveals_trust(membership: NetworkMembership) -> bool:
    """Trust per relation is raw answers, which only a network's admins may see (see MapFilters)."""
    return membership.has_role(NetworkRole.ADMIN)


SURVEY_TIE_NOTES = {
    None: _("Relations from the survey as reported; you see them all as an admin of the network."),
    SurveyTies.AGGREGATED: _("A relation from the survey is a respondent's answer: it is shown only where at least "
                             "%(minimum)d respondents reported it."),
    SurveyTies.PRESENCE: _("A relation from the survey is a respondent's answer: the map shows only that two "
                           "organisations have one, not its kind, weight or who reported it."),
}


# Why the map counts other ties than the analysis page: the filters only the map has.
COUNT_DIFFERS = {
    "kinds": _("Only relations of the chosen kind are counted; the analysis page counts every kind."),
    "theme": _("Only the organisations of the chosen theme and their ties are counted; the analysis page counts "
               "the whole network."),
    "coalition": _("Only the organisations of the chosen coalition and their ties are counted; the analysis page "
                   "counts the whole network."),
    "min_trust": _("Survey relations below the minimum trust are left out; the analysis page counts them."),
}


def survey_ties_note(ties: str | None, minimum: int) -> str:
    """The legend's explanation of what the map shows of survey ties."""
    return str(SURVEY_TIE_NOTES[ties]) % {"minimum": minimum}


@dataclass(frozen=True)
class MapFilters:
    """Which relations the map shows (as in `relation_edges`) and which centrality sizes the nodes."""

    sources: tuple[str, ...] = tuple(SOURCES)
    kinds: tuple[str, ...] | None = None
    theme: Theme | None = None
    coalition: Coalition | None = None
    survey_round: SurveyRound | None = None
    min_trust: float | None = None
    size: str = "degree"  # the centrality nodes are sized by: always computed
    # A survey relation's trust is what one organisation's respondents answered about another:
    # raw answers, for network admins only (issue 3's anonymity rule). Others get no trust figures.
    reveal_trust: bool = False
    # How survey ties are shown (see `disclosed_ties`); None: as reported, for admins only.
    survey_ties: str | None = SurveyTies.AGGREGATED
    # `map_json` sends only the strongest ties unless asked for all; `map_data` always has every tie.
    all_ties: bool = False


# The columns of a node row in `map_json`, then the centralities computed (see `centralities`).
NODE_FIELDS = ("id", "label", "type", "municipality", "rank", "x", "y", "coalitions", "themes")


def map_data(*, network: Network, filters: MapFilters | None = None) -> dict:
    """Everything the map draws for `network` as Cytoscape elements, every tie marked strong or not.

    With a theme or coalition filter only the organisations taking part in it are shown, as in
    `network_analysis`.
    """
    filters = filters or MapFilters()
    parts = _map_parts(network=network, filters=filters)
    types = {t["id"]: t for t in parts.data["legend"]["types"]}
    nodes = []
    for row in parts.nodes:
        node = dict(zip(parts.fields, row, strict=True))
        x, y, municipality = node.pop("x"), node.pop("y"), node["municipality"]
        node.update(id=str(node["id"]), group=types[node["type"]]["group"], colour=types[node["type"]]["colour"],
                    municipality=parts.municipalities[municipality] if municipality is not None else "")
        nodes.append({"data": node, "position": {"x": x, "y": y}})
    return {"elements": {"nodes": nodes,
                         "edges": [_edge_element(edge, strong, reveal_trust=filters.reveal_trust)
                                   for edge, strong in parts.edges]},
            **parts.data}


def map_json(*, network: Network, filters: MapFilters | None = None) -> str:
    """The map's compact JSON: `nodes` and `edges` as {"fields": [...], "rows": [[...], ...]}.

    A node row follows NODE_FIELDS and the centralities; its municipality indexes `municipalities`,
    its type `legend.types` (which holds the colour). An edge row is [source, target, src, kind,
    weight, strong, directed] (+ trust for admins): source and target index the node rows, src
    `legend.sources`, kind `legend.kinds`; strong and directed are 0 or 1. Unless
    `filters.all_ties`, only the strongest ties are sent when the map is thinned: `ties.sent` lines
    of `ties.lines`. The relations are written as text straight from their edges: most of a big
    map, where a list per relation first would take a quarter of the time (benchmarks/map.py).
    """
    filters = filters or MapFilters()
    parts = _map_parts(network=network, filters=filters)
    edges = parts.edges if filters.all_ties else [(edge, strong) for edge, strong in parts.edges if strong]
    data = {**parts.data, "ties": {**parts.data["ties"], "sent": len(edges)},
            "municipalities": parts.municipalities,
            "nodes": {"fields": parts.fields, "rows": parts.nodes},
            "edges": {"fields": list(EDGE_FIELDS) + (["trust"] if filters.reveal_trust else []), "rows": []}}
    head = json.dumps(data, separators=(",", ":"), ensure_ascii=False, check_circular=False)
    marker = '"rows":[]}'  # the last rows, the edges'; cannot occur inside a JSON string
    cut = head.rindex(marker)
    return (head[:cut] + '"rows":' + _edges_json(edges, parts, reveal_trust=filters.reveal_trust) + "}"
            + head[cut + len(marker):])


EDGE_FIELDS = ("source", "target", "src", "kind", "weight", "strong", "directed")


@dataclass(frozen=True)
class _Parts:
    """The map's data before it is written: node rows under `fields`, relations kept as edges.

    Each edge comes with whether it is one of the strongest ties, which the map draws by default.
    """

    data: dict  # large, ties, legend, coalitions, themes
    fields: list[str]
    nodes: list[list]
    municipalities: list[str]
    edges: list[tuple[Edge, bool]]


def _map_parts(*, network: Network, filters: MapFilters) -> _Parts:
    """The map's data with its nodes as rows and its relations kept apart as edges (still to be written)."""
    on = timezone.localdate()
    groups = shared_groups(network, on)
    members = group_members(groups, theme=filters.theme, coalition=filters.coalition)
    organisations = Organisation.objects.filter(network=network)
    if members is not None:
        organisations = organisations.filter(pk__in=members)
    rows = list(organisations.order_by("name").values_list("id", "name", "type_id", "municipality__name"))
    # Ties are disclosed before the kind filter and the graph, so neither reveals a hidden tie's kind.
    edges = disclosed_ties(
        relation_edges(network=network, sources=filters.sources, survey_round=filters.survey_round,
                       theme=filters.theme, coalition=filters.coalition,
                       min_trust=filters.min_trust if filters.reveal_trust else None, on=on),
        ties=filters.survey_ties, minimum=network.anonymity_minimum)
    if filters.kinds is not None:
        edges = [edge for edge in edges if edge.kind in filters.kinds]
    graph = build_graph({row[0]: row[1] for row in rows}, edges, directed=False)
    with _seeded_igraph():
        centrality = centralities(graph, wanted=(filters.size,))
        positions = layout(graph)
    strongest = strongest_ties(graph)

    belongs: dict[str, dict[int, list[int]]] = {"coalition": defaultdict(list), "theme": defaultdict(list)}
    for (kind, group_id), group in groups.items():
        if kind in belongs:
            for organisation_id in group:
                belongs[kind][organisation_id].append(group_id)
    types = {row[0]: row for row in OrganisationType.objects.values_list("id", "key", "name_nl", "name_en")}
    groups_of = {type_id: type_group(row[1]) for type_id, row in types.items()}
    municipalities = sorted({row[3] for row in rows if row[3]})
    municipality_index = {name: i for i, name in enumerate(municipalities)}
    nodes = [[pk, name, type_id, municipality_index.get(municipality), strongest.rank[i], *positions[i],
              sorted(belongs["coalition"].get(pk, ())), sorted(belongs["theme"].get(pk, ())),
              *(values[i] for values in centrality.values())]
             for i, (pk, name, type_id, municipality) in enumerate(rows)]
    shown = {row[0] for row in rows}
    edges = [edge for edge in edges if edge.source_id in shown and edge.target_id in shown]

    kind_colours = _kind_colours(edge.kind for edge in edges)
    name_field = 3 if (get_language() or "nl").startswith("en") else 2
    used_types = [t for t in types if t in {row[2] for row in rows}]  # in the reference list's order
    return _Parts({
        "large": len(nodes) > LARGE_GRAPH,
        "ties": _tie_counts(strongest, lines=len(edges), filters=filters),
        "legend": {
            "groups": [{"key": group.value, "label": str(group.label), "colour": GROUP_COLOURS[group],
                        "types": [types[t][name_field] for t in used_types if groups_of[t] == group]}
                       for group in TypeGroup if group in {groups_of[t] for t in used_types}],
            "types": [{"id": t, "name": types[t][name_field], "group": groups_of[t].value,
                       "colour": GROUP_COLOURS[groups_of[t]]} for t in used_types],
            "sources": [{"key": key, "label": str(label)} for key, label in SOURCES.items()],
            "kinds": [{"key": kind, "label": label, "colour": kind_colours[kind]}
                      for kind, label in _kind_labels(kind_colours).items()],
            "centralities": {key: str(label) for key, label in CENTRALITIES.items()},
            "survey_ties": {"mode": filters.survey_ties or "all",
                            "note": survey_ties_note(filters.survey_ties, network.anonymity_minimum)},
        },
        # Names by id (as JSON object keys are: text), sent once rather than on every node.
        "coalitions": _names(Coalition.objects.filter(network=network)),
        "themes": _names(Theme.objects.filter(network=network)),
    }, [*NODE_FIELDS, *centrality], nodes, municipalities,
        [(edge, pair(edge.source_id, edge.target_id) in strongest.pairs) for edge in edges])


@contextlib.contextmanager
def _seeded_igraph() -> Iterator[None]:
    """igraph draws random numbers (from Python's `random`) while the layout moves the vertices:
    a fixed seed makes the same data give the same positions, stored or computed again."""
    ig.set_random_number_generator(random.Random(0))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _tie_counts(strongest: Strongest, *, lines: int, filters: MapFilters) -> dict:
    """How many ties the map has and draws, and why that is not the analysis page's count."""
    active = {"kinds": filters.kinds is not None, "theme": filters.theme is not None,
              "coalition": filters.coalition is not None,
              "min_trust": filters.min_trust is not None and filters.reveal_trust}
    return {
        "count": strongest.ties,  # ties between pairs of organisations, as network_analysis counts them
        "strongest": len(strongest.pairs),
        "per_organisation": STRONGEST_PER_ORGANISATION,
        "thinned": strongest.thinned,
        "lines": lines,  # relations as drawn: one per source and direction
        "differs": [str(COUNT_DIFFERS[key]) for key, on in active.items() if on],
    }


def is_large(*, network: Network) -> bool:
    """Whether the network has so many organisations that the browser must draw for speed, not beauty."""
    return Organisation.objects.filter(network=network).count() > LARGE_GRAPH


def centralities(graph: ig.Graph, *, wanted: Iterable[str] = tuple(CENTRALITIES)) -> dict[str, list[float]]:
    """Degree and eigenvector centrality, plus betweenness and closeness when `wanted` or cheap.

    Normalised as analysis/metrics.py does, so the map and the analysis agree. Betweenness and
    closeness take a shortest-path search from every organisation: above EXACT_BUDGET
    (organisations × ties) they are computed only when asked for, so the map of a big network
    still opens at once.
    """
    n = graph.vcount()
    cheap = n * graph.ecount() <= EXACT_BUDGET
    wanted = set(wanted)
    result = {"degree": graph.degree(), "eigenvector": [round(e, 5) for e in metrics.eigenvector(graph)]}
    if cheap or "betweenness" in wanted:
        scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        result["betweenness"] = [round(b * scale, 5) for b in graph.betweenness(directed=False)] if n else []
    if cheap or "closeness" in wanted:
        result["closeness"] = [round(c, 5) for c in metrics.closeness(graph)]
    return result


def layout(graph: ig.Graph) -> list[tuple[int, int]]:
    """Seeded force-directed positions (Fruchterman-Reingold, igraph's grid variant for big graphs).

    The start positions come from a fixed seed, so the same network always gets the same map;
    they are spread over about √n units as igraph's own random start is, where the grid variant
    is fastest.
    """
    n = graph.vcount()
    if n == 0:
        return []
    rng = random.Random(0)
    half = math.sqrt(n) / 2
    seed = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]
    large = n > LARGE_GRAPH
    coords = graph.layout_fruchterman_reingold(seed=seed, niter=100 if large else 500, grid=large).coords
    xs, ys = [x for x, _y in coords], [y for _x, y in coords]
    left, top = min(xs), min(ys)
    factor = SPREAD * math.sqrt(n) / (max(max(xs) - left, max(ys) - top) or 1.0)
    return [(round((x - left) * factor), round((y - top) * factor)) for x, y in coords]


def _names(queryset: QuerySet) -> dict[str, str]:
    return {str(pk): name for pk, name in queryset.values_list("id", "name")}


def _edge_element(edge: Edge, strong: bool, *, reveal_trust: bool) -> dict:
    data = {"source": str(edge.source_id), "target": str(edge.target_id), "src": edge.source,
            "kind": edge.kind, "weight": float(edge.weight), "strong": strong}
    if edge.directed:
        data["directed"] = True
    if reveal_trust and edge.trust is not None:
        data["trust"] = round(edge.trust, 2)
    return {"data": data}


def _edges_json(edges: list[tuple[Edge, bool]], parts: _Parts, *, reveal_trust: bool) -> str:
    """The edge rows of `map_json` (EDGE_FIELDS, + trust), written as text."""
    node = {row[0]: i for i, row in enumerate(parts.nodes)}
    legend = parts.data["legend"]
    source = {item["key"]: i for i, item in enumerate(legend["sources"])}
    kind = {item["key"]: i for i, item in enumerate(legend["kinds"])}
    rows = []
    for edge, strong in edges:
        weight = float(edge.weight)
        row = (f"[{node[edge.source_id]},{node[edge.target_id]},{source[edge.source]},{kind[edge.kind]},"
               f"{int(weight) if weight.is_integer() else weight!r},{int(strong)},{int(edge.directed)}")
        if reveal_trust:
            row += "," + ("null" if edge.trust is None else repr(round(edge.trust, 2)))
        rows.append(row + "]")
    return "[" + ",".join(rows) + "]"


def _kind_colours(kinds: Iterable[str]) -> dict[str, str]:
    """A colour per relation kind present; a known kind keeps its colour whatever the filters."""
    known = list(kind_labels())
    present = set(kinds)
    unknown = sorted(present - set(known))
    return {kind: KIND_PALETTE[(known + unknown).index(kind) % len(KIND_PALETTE)]
            for kind in [*known, *unknown] if kind in present}


def kind_labels() -> dict[str, str]:
    """Labels of relation kinds: hand-entered kinds, then the survey's kinds of relation."""
    return dict(_kind_labels_in(get_language()))


@functools.lru_cache(maxsize=8)
def _kind_labels_in(language: str | None) -> dict[str, str]:
    """Built once per language: the labels depend on the instrument file and the catalogue only."""
    labels = {str(kind): str(label) for kind, label in RelationKind.choices}
    for choice in instrument_get(RELATIONS_INSTRUMENT).item(KIND_ITEM).choices:
        if choice.key != NO_RELATION:
            labels.setdefault(choice.key, localized(choice, "label"))
    labels.setdefault(COMEMBERSHIP_KIND, str(_("co-membership")))
    labels.setdefault(REPORTED_TIE, str(_("reported in the survey")))
    return labels


def _kind_labels(kind_colours: dict[str, str]) -> dict[str, str]:
    known = kind_labels()
    return {kind: known.get(kind, kind) for kind in kind_colours}
