"""The network map's data: organisations and relations as Cytoscape elements, with centralities and positions.

Shaped for a smooth map of 2,000 organisations and 20,000 relations: a fixed handful of
`values_list` queries, one igraph graph for the centralities and the force-directed layout
(computed here so the browser only draws `preset` positions), and compact JSON with the
labels the legend needs. Organisation types, coalitions and themes are sent once, by id,
instead of repeating names on every node.
"""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import igraph as ig
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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

from . import metrics
from .models import RelationKind
from .selectors import (
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

SOURCES = {
    "survey": _("relational survey"),
    "comembership": _("co-membership"),
    "manual": _("entered by hand"),
}
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


def map_data(*, network: Network, filters: MapFilters | None = None) -> dict:
    """Everything the map page draws for `network`: elements, legend and the names they refer to.

    With a theme or coalition filter only the organisations taking part in it are shown, as in
    `network_analysis`.
    """
    filters = filters or MapFilters()
    data, edges = _map_parts(network=network, filters=filters)
    data["elements"]["edges"] = [_edge_element(edge, reveal_trust=filters.reveal_trust) for edge in edges]
    return data


def map_json(*, network: Network, filters: MapFilters | None = None) -> str:
    """`map_data` as compact JSON, the relations written straight from their edges.

    Relations are most of a big map: encoding them without a dict per relation first takes a
    quarter of the time (benchmarks/map.py).
    """
    filters = filters or MapFilters()
    data, edges = _map_parts(network=network, filters=filters)
    head = json.dumps(data, separators=(",", ":"), ensure_ascii=False, check_circular=False)
    marker = '"edges":[]'  # cannot occur inside a JSON string, where quotes are escaped
    return head.replace(marker, '"edges":' + _edges_json(edges, reveal_trust=filters.reveal_trust), 1)


def _map_parts(*, network: Network, filters: MapFilters) -> tuple[dict, list[Edge]]:
    """The map's data with its relations kept apart as edges (still to be written as elements)."""
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
    centrality = centralities(graph, wanted=(filters.size,))
    positions = layout(graph)

    belongs: dict[str, dict[int, list[int]]] = {"coalition": defaultdict(list), "theme": defaultdict(list)}
    for (kind, group_id), group in groups.items():
        if kind in belongs:
            for organisation_id in group:
                belongs[kind][organisation_id].append(group_id)
    types = {row[0]: row for row in OrganisationType.objects.values_list("id", "key", "name_nl", "name_en", "colour")}
    nodes = []
    for i, (pk, name, type_id, municipality) in enumerate(rows):
        nodes.append({"data": {
            "id": str(pk), "label": name, "type": type_id, "colour": types[type_id][4],
            "municipality": municipality or "", "coalitions": sorted(belongs["coalition"].get(pk, ())),
            "themes": sorted(belongs["theme"].get(pk, ())), **{key: values[i] for key, values in centrality.items()},
        }, "position": {"x": positions[i][0], "y": positions[i][1]}})
    shown = {row[0] for row in rows}
    edges = [edge for edge in edges if edge.source_id in shown and edge.target_id in shown]

    kind_colours = _kind_colours(edge.kind for edge in edges)
    name_field = 3 if (get_language() or "nl").startswith("en") else 2
    used_types = {row[2] for row in rows}
    return {
        "elements": {"nodes": nodes, "edges": []},
        "large": len(nodes) > LARGE_GRAPH,
        "legend": {
            "types": [{"id": t, "name": types[t][name_field], "colour": types[t][4]}
                      for t in types if t in used_types],  # in the reference list's order
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
    }, edges


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


def _edge_element(edge: Edge, *, reveal_trust: bool) -> dict:
    data = {"source": str(edge.source_id), "target": str(edge.target_id), "src": edge.source,
            "kind": edge.kind, "weight": float(edge.weight)}
    if edge.directed:
        data["directed"] = True
    if reveal_trust and edge.trust is not None:
        data["trust"] = round(edge.trust, 2)
    return {"data": data}


def _edges_json(edges: list[Edge], *, reveal_trust: bool) -> str:
    """The same JSON as `_edge_element` for every edge, written as text (texts encoded once each)."""
    encoded: dict[str, str] = {}

    def text(value: str) -> str:
        if value not in encoded:
            encoded[value] = json.dumps(value, ensure_ascii=False)
        return encoded[value]

    parts = []
    for edge in edges:
        extra = ',"directed":true' if edge.directed else ""
        if reveal_trust and edge.trust is not None:
            extra += f',"trust":{round(edge.trust, 2)!r}'
        parts.append(f'{{"data":{{"source":"{edge.source_id}","target":"{edge.target_id}","src":{text(edge.source)},'
                     f'"kind":{text(edge.kind)},"weight":{float(edge.weight)!r}{extra}}}}}')
    return "[" + ",".join(parts) + "]"


def _kind_colours(kinds: Iterable[str]) -> dict[str, str]:
    """A colour per relation kind present; a known kind keeps its colour whatever the filters."""
    known = list(kind_labels())
    present = set(kinds)
    unknown = sorted(present - set(known))
    return {kind: KIND_PALETTE[(known + unknown).index(kind) % len(KIND_PALETTE)]
            for kind in [*known, *unknown] if kind in present}


def kind_labels() -> dict[str, str]:
    """Labels of relation kinds: hand-entered kinds, then the survey's kinds of relation."""
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
