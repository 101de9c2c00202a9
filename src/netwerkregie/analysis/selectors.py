"""Reads for network analysis: relations from three sources as edges, and what igraph makes of them.

Relations come from three sources, kept apart on every edge (`Edge.source`):

- ``survey``: answers to the relational survey (instrument ``relations``): a directed edge from the
  respondent's organisation to the organisation reported about, with kind, flows, trust and value;
- ``comembership``: two organisations that share coalitions, themes or governance units (through
  their active participations and their people's active roles) – undirected, weighted by how many;
- ``manual``: relations entered by hand (funding, contract, covenant, referral), active on a day.

Every selector uses a fixed number of queries whatever the size of the network: the graph work
happens in igraph (analysis/metrics.py), never in a query per row.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import igraph as ig
from django.db.models import Exists, IntegerField, OuterRef, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.assessments.scoring import relation_scores
from netwerkregie.assessments.selectors import counting_round
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.signals import Finding, Findings, Signal
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    CoalitionStatus,
    GovernanceUnitMembership,
    Network,
    NetworkMembership,
    Organisation,
    SurveyTies,
    Theme,
    ThemeRole,
)
from netwerkregie.registry.selectors import participant_count
from netwerkregie.registry.services import stored_figure

from . import metrics
from .contract import SOURCES, Broker, KCore, NamedScore, NetworkAnalysis, NodeMetrics, Received
from .models import Relation
from .stored import Question, stored_analysis

COMEMBERSHIP_KIND = "co-membership"
# The relational survey's keys (assessments/instruments/relations.yaml); trust and value are
# its dimensions, scored by assessments.scoring.relation_scores.
RELATIONS_INSTRUMENT = "relations"
KIND_ITEM = "relation_kind"
FLOWS_ITEM = "flows"
NO_RELATION = "none"
TRUSTED = 3  # trust ≥ 3 on 1–4 counts as a trusting relation (trust density, Provan & Kenis)
# Coalitions that no longer (or not yet) bind their parties do not make them co-members.
ENDED_COALITION = (CoalitionStatus.COMPLETED, CoalitionStatus.STOPPED)
INLINE_MAX = 2000  # organisations; beyond this the analysis runs as a background task (tasks.py)
BROKER_COUNT = 5
TOP_COUNT = 5
# A dominant actor holds more than half of all betweenness and lies on at least half of the
# shortest routes between the other organisations (normalised betweenness), so that a mere
# gatekeeper to one outlying partner does not count.
DOMINANT_SHARE = 0.5
DOMINANT_REACH = 0.5


@dataclass(frozen=True)
class Edge:
    """One relation between two organisations, from one source."""

    source_id: int
    target_id: int
    source: str  # "survey" | "comembership" | "manual"
    kind: str
    weight: float
    directed: bool
    trust: float | None = None
    value: float | None = None
    flows: tuple[str, ...] = ()
    respondents: int = 0  # survey ties: how many respondents reported the relation


def _pk(obj: object) -> int | None:
    return getattr(obj, "pk", obj)


# Survey -------------------------------------------------------------------------------------


def relations_round(*, network: Network) -> SurveyRound | None:
    """The round the survey source uses by default: the one rule of assessments.counting_round."""
    return counting_round(network=network, instrument=RELATIONS_INSTRUMENT).round


def relation_rounds(*, network: Network) -> list[SurveyRound]:
    """Rounds with relational answers, newest first (round selectors, changes between rounds)."""
    # EXISTS per round of this network, not a join to every invitation that DISTINCT then folds up:
    # the plan starts from the network's rounds.
    relational = Answer.objects.filter(invitation__round=OuterRef("pk"), instrument=RELATIONS_INSTRUMENT)
    return list(SurveyRound.objects.filter(Exists(relational), network=network).order_by("-opens_on", "-pk"))


def _survey_round(network: Network, survey_round: SurveyRound | int | None) -> SurveyRound | None:
    """The round whose relational answers count: the one given, if of this network, else the counting one."""
    if survey_round is None:
        return relations_round(network=network)
    if isinstance(survey_round, SurveyRound):
        return survey_round if survey_round.network_id == network.pk else None
    return SurveyRound.objects.filter(pk=survey_round, network=network).first()


def _closed(survey_round: SurveyRound) -> bool:
    """A closed round's answers change only through services that bump the data version: storable."""
    return survey_round.closes_on < timezone.localdate()


def _survey_reports(network: Network, survey_round: SurveyRound) -> dict[tuple[int, int], list[dict]]:
    """The relational answers of one round: each respondent's answers per (respondent organisation,
    reported organisation)."""
    # Only the round's key in SQL, so the plan goes round → invitations → answers; "answered about
    # an organisation" is checked here, since an organisation_id IS NOT NULL filter would tempt the
    # planner into the organisation index, which holds every network's relational answers.
    rows = (Answer.objects.filter(instrument=RELATIONS_INSTRUMENT, invitation__round_id=survey_round.pk,
                                  invitation__round__network=network)
            .values_list("invitation_id", "invitation__organisation_id", "organisation_id", "item", "value"))
    answers: dict[tuple[int, int, int], dict] = defaultdict(dict)
    for invitation_id, respondent_org, reported_org, item, value in rows:
        if respondent_org is not None and reported_org is not None and respondent_org != reported_org:
            answers[(respondent_org, reported_org, invitation_id)][item] = value
    pairs: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for (respondent_org, reported_org, _invitation), given in answers.items():
        pairs[(respondent_org, reported_org)].append(given)
    return dict(pairs)


def _survey_edge(source_id: int, target_id: int, reports: list[dict]) -> Edge | None:
    """One edge from several respondents of one organisation: their scores averaged.

    The edge exists when at least one respondent reports a relation (a kind other than "none").
    Its kind is the one reported most (ties: the closer relation), its weight the mean score of
    the reported kinds (1 aware … 4 integrated), its flows everything any respondent named.
    """
    kind_item = instrument_get(RELATIONS_INSTRUMENT).item(KIND_ITEM)
    scores = {choice.key: choice.score for choice in kind_item.choices}
    related = [r for r in reports if r.get(KIND_ITEM) in scores and r[KIND_ITEM] != NO_RELATION]
    if not related:
        return None
    counts = Counter(r[KIND_ITEM] for r in related)
    kind = max(counts, key=lambda k: (counts[k], scores[k]))
    relation = [relation_scores(r) for r in related]
    trusts = [s["trust"] for s in relation if s["trust"] is not None]
    values = [s["value"] for s in relation if s["value"] is not None]
    flow_order = [c.key for c in instrument_get(RELATIONS_INSTRUMENT).item(FLOWS_ITEM).choices]
    named = {f for r in related if isinstance(r.get(FLOWS_ITEM), list) for f in r[FLOWS_ITEM]}
    return Edge(source_id, target_id, "survey", kind,
                weight=statistics.fmean(scores[r[KIND_ITEM]] for r in related), directed=True,
                trust=statistics.fmean(trusts) if trusts else None,
                value=statistics.fmean(values) if values else None,
                flows=tuple(f for f in flow_order if f in named), respondents=len(related))


def _fresh_survey_edges(network: Network, survey_round: SurveyRound) -> list[Edge]:
    edges = (_survey_edge(a, b, given) for (a, b), given in sorted(_survey_reports(network, survey_round).items()))
    return [edge for edge in edges if edge is not None]


SURVEY_EDGES = "survey_edges"  # stored_figure kind: a closed round's survey edges, as reported (admins' view)


def _edge_row(e: Edge) -> list:
    return [e.source_id, e.target_id, e.kind, e.weight, e.trust, e.value, list(e.flows), e.respondents]


def _row_edge(row: list) -> Edge:
    source_id, target_id, kind, weight, trust, value, flows, respondents = row
    return Edge(source_id, target_id, "survey", kind, weight, True, trust, value, tuple(flows), respondents)


def survey_edges(*, network: Network, survey_round: SurveyRound | int | None = None) -> list[Edge]:
    """The relational survey's edges of one round (default: the counting one), every tie as reported.

    Stored once the round has closed (registry.services.stored_figure), so pages read them instead of every answer;
    a caller discloses them as it would fresh ones (disclosed_ties).
    """
    chosen = _survey_round(network, survey_round)
    if chosen is None:
        return []
    return stored_figure(network=network.pk, daily=True, kind=SURVEY_EDGES, key=str(chosen.pk),
                         compute=lambda: _fresh_survey_edges(network, chosen),
                         dump=lambda edges: [_edge_row(e) for e in edges],
                         load=lambda rows: [_row_edge(row) for row in rows], keep=_closed(chosen))


# Co-membership --------------------------------------------------------------------------------


def shared_groups(network: Network, on: datetime.date) -> dict[tuple[str, int], set[int]]:
    """Organisations per coalition, theme and governance unit they currently share, in one query.

    An organisation is in a coalition by its active participation, in a theme through such a
    coalition or a person's active theme role, in a governance unit through a person's seat.
    """
    def typed(qs, kind):
        return qs.annotate(group_kind=Value(kind, output_field=IntegerField())).order_by()

    participations = (CoalitionParticipation.objects.active(on)
                      .filter(coalition__network=network).exclude(coalition__status__in=ENDED_COALITION))
    coalitions = typed(participations.values_list("organisation_id", "coalition_id"), 0)
    coalition_themes = typed(participations.values_list("organisation_id", "coalition__theme_id"), 1)
    theme_roles = typed(ThemeRole.objects.active(on)
                        .filter(theme__network=network, person__organisation__isnull=False)
                        .values_list("person__organisation_id", "theme_id"), 1)
    seats = typed(GovernanceUnitMembership.objects.active(on)
                  .filter(unit__network=network, person__organisation__isnull=False)
                  .values_list("person__organisation_id", "unit_id"), 2)
    groups: dict[tuple[str, int], set[int]] = defaultdict(set)
    names = ("coalition", "theme", "unit")
    for organisation_id, group_id, kind in coalitions.union(coalition_themes, theme_roles, seats, all=True):
        groups[(names[kind], group_id)].add(organisation_id)
    return groups


def _comembership_edges(groups: dict[tuple[str, int], set[int]]) -> list[Edge]:
    shared: Counter[tuple[int, int]] = Counter()
    for members in groups.values():
        shared.update(combinations(sorted(members), 2))
    return [Edge(a, b, "comembership", COMEMBERSHIP_KIND, weight=float(n), directed=False)
            for (a, b), n in sorted(shared.items())]


# Relations entered by hand --------------------------------------------------------------------


def _manual_edges(network: Network, on: datetime.date) -> list[Edge]:
    rows = (Relation.objects.active(on).filter(network=network)
            .values_list("source_id", "target_id", "kind").order_by("source_id", "target_id", "kind"))
    return [Edge(a, b, "manual", kind, weight=1.0, directed=True) for a, b, kind in rows]


# Edges ------------------------------------------------------------------------------------------


def relation_edges(*, network: Network, sources: Iterable[str] = SOURCES,
                   survey_round: SurveyRound | int | None = None, kinds: Iterable[str] | None = None,
                   theme: Theme | int | None = None, coalition: Coalition | int | None = None,
                   min_trust: float | None = None, on: datetime.date | None = None) -> list[Edge]:
    """The network's relations as edges, from the chosen sources, filtered.

    - `survey_round`: the round whose relational answers count (default: the latest with any);
    - `kinds`: keep edges of these kinds (survey kinds such as "coordinated", "co-membership",
      or a relation kind such as "funding");
    - `theme` / `coalition`: keep edges whose both ends take part in that theme / coalition;
    - `min_trust`: drop edges whose reported trust is below it; edges that carry no trust
      (co-membership, relations entered by hand) stay, as the filter concerns reported trust;
    - `on`: the day on which participations, roles and relations must be active (default today).
    """
    on = on or timezone.localdate()
    sources = set(sources)
    unknown = sources - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown relation sources: {sorted(unknown)}")
    groups = shared_groups(network, on) if ("comembership" in sources or theme or coalition) else {}
    edges: list[Edge] = []
    if "survey" in sources:
        edges += survey_edges(network=network, survey_round=survey_round)
    if "comembership" in sources:
        edges += _comembership_edges(groups)
    if "manual" in sources:
        edges += _manual_edges(network, on)
    members = group_members(groups, theme=theme, coalition=coalition)
    if members is not None:
        edges = [e for e in edges if e.source_id in members and e.target_id in members]
    if kinds is not None:
        wanted = set(kinds)
        edges = [e for e in edges if e.kind in wanted]
    if min_trust is not None:
        edges = [e for e in edges if e.trust is None or e.trust >= min_trust]
    return edges


def group_members(groups: dict[tuple[str, int], set[int]], *, theme: Theme | int | None,
             coalition: Coalition | int | None) -> set[int] | None:
    """Organisations taking part in the theme and/or coalition; None when neither is asked."""
    members = None
    if theme:
        members = set(groups.get(("theme", _pk(theme)), set()))
    if coalition:
        in_coalition = groups.get(("coalition", _pk(coalition)), set())
        members = in_coalition if members is None else members & in_coalition
    return members


@dataclass(frozen=True)
class TrustDensity:
    """Trust density over the organisations that answered, with how many did (of the network's participants)."""

    density: float | None
    answering: int
    organisations: int

    @property
    def response_share(self) -> float:
        return self.answering / self.organisations if self.organisations else 0.0


def _trust_density(network: Network, survey_round: SurveyRound | None, edges: list[Edge]) -> TrustDensity:
    """Share of ordered pairs (A, B) with a trusting relation, counted only where A answered (0..1).

    A is an organisation of the network whose respondents completed the round; B any other
    organisation of the network (registry.selectors.participant_count). The pair is trusting when
    A's respondents report a relation with B whose trust – the mean of the three trust items,
    averaged over A's respondents – is at least 3 on the 1–4 scale. The denominator is
    answering · (organisations − 1): a pair an organisation that did not answer would rate is left
    out, not counted as distrust. None when no organisation answered or the network has fewer than two.
    `edges`: the round's survey edges (survey_edges).
    """
    organisations = participant_count(network=network)
    answering = set(Invitation.objects.filter(round=survey_round, completed_at__isnull=False,
                                              organisation__isnull=False)
                    .values_list("organisation_id", flat=True)) if survey_round is not None else set()
    if not answering or organisations < 2:
        return TrustDensity(None, len(answering), organisations)
    trusting = sum(1 for e in edges if e.source_id in answering and e.trust is not None and e.trust >= TRUSTED)
    return TrustDensity(trusting / (len(answering) * (organisations - 1)), len(answering), organisations)


# Analysis ---------------------------------------------------------------------------------------


def _organisations(network: Network, members: set[int] | None) -> dict[int, str]:
    qs = Organisation.objects.filter(network=network)
    if members is not None:
        qs = qs.filter(pk__in=members)
    return dict(qs.order_by("name").values_list("pk", "name"))


def build_graph(names: dict[int, str], edges: list[Edge], *, directed: bool) -> ig.Graph:
    """A simple igraph graph over every organisation in `names` (isolates too).

    Parallel edges (several sources, or both directions when undirected) merge into one whose
    weight is the sum. In a directed graph an undirected edge (co-membership) counts both ways.
    Vertex attributes: "name" (organisation name) and "pk".
    """
    index = {pk: i for i, pk in enumerate(names)}
    pairs: list[tuple[int, int]] = []
    weights: list[float] = []
    for e in edges:
        if e.source_id not in index or e.target_id not in index:
            continue
        a, b = index[e.source_id], index[e.target_id]
        pairs.append((a, b))
        weights.append(e.weight)
        if directed and not e.directed:
            pairs.append((b, a))
            weights.append(e.weight)
    graph = ig.Graph(n=len(names), edges=pairs, directed=directed)
    graph.vs["name"] = list(names.values())
    graph.vs["pk"] = list(names)
    graph.es["weight"] = weights
    graph.simplify(combine_edges={"weight": "sum"})
    return graph


def _received(names: dict[int, str], edges: list[Edge], minimum: int) -> tuple[Received, ...]:
    """Trust and value each organisation receives from the others in the survey (1–4).

    Survey answers are personal data: an organisation reported about by fewer than `minimum`
    others (the network's anonymity minimum) gets no scores, only the number of reports.
    """
    trust: dict[int, list[float]] = defaultdict(list)
    value: dict[int, list[float]] = defaultdict(list)
    for e in edges:
        if e.source == "survey" and e.target_id in names:
            if e.trust is not None:
                trust[e.target_id].append(e.trust)
            if e.value is not None:
                value[e.target_id].append(e.value)
    rows = []
    for pk in names:
        reports = max(len(trust[pk]), len(value[pk]))
        if reports:
            shown = reports >= minimum
            rows.append(Received(names[pk], _mean(trust[pk]) if shown else None,
                                 _mean(value[pk]) if shown else None, reports, not shown))
    return tuple(rows)


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


# Survey ties as the people below admin see them -------------------------------------------------

def survey_ties_for(membership: NetworkMembership) -> str | None:
    """How this member sees survey ties: as reported (None) for admins, else as the network agreed."""
    return None if membership.has_role(NetworkRole.ADMIN) else membership.network.map_survey_ties


# A tie shown only as present, without its kind: one key for every survey tie.
REPORTED_TIE = "reported"
def disclosed_ties(edges: list[Edge], *, ties: str | None, minimum: int) -> list[Edge]:
    """Survey ties as `ties` lets them be seen; relations from other sources are no one's answers.

    AGGREGATED keeps the ties that at least `minimum` respondents reported; PRESENCE turns each
    pair of organisations with any reported tie into one undirected tie of kind REPORTED_TIE,
    weight 1 and no flows. None (admins) keeps every tie as reported.
    """
    if ties is None:
        return edges
    others = [e for e in edges if e.source != "survey"]
    survey = [e for e in edges if e.source == "survey"]
    if ties == SurveyTies.PRESENCE:
        pairs = sorted({(min(e.source_id, e.target_id), max(e.source_id, e.target_id)) for e in survey})
        return others + [Edge(a, b, "survey", REPORTED_TIE, weight=1.0, directed=False) for a, b in pairs]
    return others + [e for e in survey if e.respondents >= max(minimum, 1)]


def network_analysis(*, network: Network, edges: list[Edge] | None = None, directed: bool = False,
                     parallel: bool = False, survey_ties: str | None = SurveyTies.AGGREGATED,
                     **relation_filters) -> NetworkAnalysis:
    """The analysis of the network's relations: the `analyse --json` contract plus structure.

    The contract (contract.NetworkAnalysis): nodes, edges, density, components, degree_centralization,
    communities (lists of names) and per_node (name, degree, betweenness, closeness, eigenvector, core).
    Added: reciprocity (share of directed ties returned; None without directed ties), isolates, brokers
    (highest betweenness), bridges (ties whose removal splits the network), cut_points
    (organisations whose removal does) with cut_point_parts (into how many parts), k_core
    (highest core number and its members),
    top (organisations with the highest score per centrality), received (trust and value per
    organisation, hidden below the network's anonymity minimum of reports) and trust / value
    (the network's means over all survey ties, likewise hidden below that minimum).

    Nodes are every organisation of the network, or of the theme/coalition filtered on.
    `parallel` is for single-threaded callers only (metrics.compute). The relations computed here
    hold survey ties only as `survey_ties` discloses them (see disclosed_ties): every figure of a
    non-admin rests on what that member may see; None (admins, the command line) uses every tie.
    """
    theme, coalition = relation_filters.get("theme"), relation_filters.get("coalition")
    if edges is None:
        edges = disclosed_ties(relation_edges(network=network, **relation_filters), ties=survey_ties,
                               minimum=network.anonymity_minimum)
    members = (group_members(shared_groups(network, relation_filters.get("on") or timezone.localdate()),
                        theme=theme, coalition=coalition) if (theme or coalition) else None)
    names = _organisations(network, members)
    graph = build_graph(names, edges, directed=directed)
    return analyse_graph(graph, edges=edges, names=names, parallel=parallel,
                         anonymity_minimum=network.anonymity_minimum)


def analyse_graph(graph: ig.Graph, *, edges: list[Edge] = (), names: dict[int, str] | None = None,
                  parallel: bool = False, anonymity_minimum: int = 1) -> NetworkAnalysis:
    """metrics.compute plus the structural figures the analysis page and warnings need."""
    data = metrics.compute(graph, parallel=parallel)
    undirected = graph.as_undirected() if graph.is_directed() else graph
    vertex_names = graph.vs["name"] if graph.vcount() else []
    rows = [NodeMetrics(**row) for row in data["per_node"]]
    ranked = sorted((row for row in rows if row.betweenness > 0), key=lambda r: -r.betweenness)
    cut_points = undirected.articulation_points()
    max_core = max((row.core for row in rows), default=0)
    survey = [e for e in edges if e.source == "survey"]
    trusts, values = [e.trust for e in survey if e.trust is not None], [e.value for e in survey if e.value is not None]
    return NetworkAnalysis(
        nodes=data["nodes"], edges=data["edges"], density=data["density"], components=data["components"],
        degree_centralization=data["degree_centralization"],
        communities=tuple(tuple(c) for c in data["communities"]), per_node=tuple(rows),
        reciprocity=_reciprocity([(e.source_id, e.target_id) for e in edges if e.directed]),
        isolates=tuple(row.name for row in rows if row.degree == 0),
        brokers=tuple(Broker(r.name, r.betweenness) for r in ranked[:BROKER_COUNT]),
        bridges=tuple(sorted(tuple(sorted((vertex_names[e.source], vertex_names[e.target])))
                             for e in undirected.es.select(undirected.bridges()))),
        cut_points=tuple(sorted(vertex_names[i] for i in cut_points)),
        cut_point_parts={vertex_names[i]: _parts_without(undirected, i)
                         for i in sorted(cut_points, key=lambda i: vertex_names[i])},
        k_core=KCore(max_core, tuple(sorted(r.name for r in rows if r.core == max_core and max_core))),
        top={measure: tuple(NamedScore(r.name, getattr(r, measure))
                            for r in sorted(rows, key=lambda r: (-getattr(r, measure), r.name))[:TOP_COUNT])
             for measure in ("degree", "betweenness", "closeness", "eigenvector")},
        received=_received(names or {}, survey, anonymity_minimum),
        trust=_mean(trusts) if len(trusts) >= anonymity_minimum else None,
        value=_mean(values) if len(values) >= anonymity_minimum else None)


def _parts_without(graph: ig.Graph, vertex: int) -> int:
    """Into how many parts the component of `vertex` falls when it leaves."""
    component = graph.subcomponent(vertex)
    rest = graph.induced_subgraph([v for v in component if v != vertex])
    return len(rest.connected_components())


def _reciprocity(ties: list[tuple[int, int]]) -> float | None:
    """Share of directed ties (A→B) that are returned (B→A), whatever the graph's mode."""
    distinct = set(ties)
    if not distinct:
        return None
    return sum(1 for a, b in distinct if (b, a) in distinct) / len(distinct)


# Structural warnings ----------------------------------------------------------------------------


STRUCTURE = "structure"  # stored_figure kind: the structural findings, survey ties as the network discloses them


def structural_findings(*, network: Network) -> Findings:
    """What structural_warnings words: the same for every member, stored per data version and day."""
    return stored_figure(network=network.pk, daily=True, kind=STRUCTURE, key=network.map_survey_ties,
                         compute=lambda: _structural_findings(network), dump=Findings.to_json,
                         load=Findings.from_json, keep=lambda found: found.complete)


def structure_question(network: Network) -> Question:
    """The analysis the structural warnings of a large network rest on: every source, survey ties as
    the network discloses them to its members."""
    return Question(network_id=network.pk, survey_ties=network.map_survey_ties)


def _structural_findings(network: Network) -> Findings:
    names = _organisations(network, None)
    edges = disclosed_ties(relation_edges(network=network), ties=network.map_survey_ties,
                           minimum=network.anonymity_minimum)
    coalitions = _unconnected_coalitions(network, [e for e in edges if e.source != "comembership"])
    if len(names) > INLINE_MAX:
        stored_one = stored_analysis(structure_question(network))
        data = stored_one.analysis if stored_one.current else None
        if data is None:  # today's data not analysed yet: only what needs no graph metrics
            return Findings(tuple(coalitions), complete=False)
    else:
        data = analyse_graph(build_graph(names, edges, directed=False), edges=edges, names=names)
    ids = {name: pk for pk, name in names.items()}
    found: list[Finding] = []
    for row in data.per_node:
        if row.degree == 0:
            found.append(Finding("isolated_partner", ids[row.name], (row.name,)))
        elif row.core == 1 and data.k_core.k > 1:
            found.append(Finding("peripheral_partner", ids[row.name], (row.name,)))
    for name, parts in data.cut_point_parts.items():
        found.append(Finding("cut_point", ids[name], (name,), parts))
    betweenness = {row.name: row.betweenness for row in data.per_node}
    total = sum(betweenness.values())
    if total > 0:
        name = max(betweenness, key=betweenness.__getitem__)
        share = betweenness[name] / total
        if share > DOMINANT_SHARE and betweenness[name] >= DOMINANT_REACH:
            found.append(Finding("dominant_actor", ids[name], (name,), round(share * 100)))
    return Findings(tuple(found + coalitions))


def _signal(network: Network, finding: Finding) -> Signal:
    """A finding in the active language, linked to the organisation (the theme) to act on."""
    code, names = finding.code, finding.names
    if code == "coalitions_unconnected":
        return Signal(code, _("In theme “%(theme)s”, coalitions “%(first)s” and “%(second)s” have no relation between "
                              "their organisations.") % {"theme": names[0], "first": names[1], "second": names[2]},
                      reverse("registry:theme_detail", kwargs={"network": network.slug, "pk": finding.pk}))
    messages = {
        "isolated_partner": _("%(organisation)s has no relations in the network."),
        "peripheral_partner": _("%(organisation)s is tied to the network through a single chain only "
                                "(on the periphery)."),
        "cut_point": _("Without %(organisation)s the network falls apart into %(parts)d parts."),
        "dominant_actor": _("%(organisation)s holds %(share)d%% of all brokerage (betweenness): "
                            "much of the network depends on it."),
    }
    return Signal(code, messages[code] % {"organisation": names[0], "parts": finding.number, "share": finding.number},
                  reverse("registry:organisation_detail", kwargs={"network": network.slug, "pk": finding.pk}))


def structural_warnings(*, network: Network) -> list[Signal]:
    """Warnings about the shape of the network, from all relation sources together.

    Every member sees the same warnings, so they rest on the survey ties as the network discloses
    them to its members (disclosed_ties with the network's `map_survey_ties`), admins included: a
    tie that only its admins may see (reported by fewer than the anonymity minimum) must not show
    through, e.g. by an organisation named once not being called isolated.

    - isolated partner: an organisation without any relation (degree 0);
    - peripheral partner: one tied in only at the edge (k-core 1: it hangs on a single chain)
      while the network has a denser core (k ≥ 2) to be peripheral to;
    - cut point: an organisation whose removal splits the network into more parts;

    Above INLINE_MAX organisations the figures come from the stored analysis of all relations as
    members see them (stored.py, computed in the background by tasks.py), so a dashboard never waits
    for igraph; while it is missing or out of date, only the coalition warnings, which need no graph
    metrics, are given: no warning rests on an old figure.

    - dominant actor: one organisation holding more than half (DOMINANT_SHARE) of all betweenness
      and lying on at least half (DOMINANT_REACH) of the shortest routes between the others, so
      most indirect contact runs through it;
    - unconnected coalitions: two coalitions of one theme without a single reported or entered
      relation between their organisations and without a shared organisation. Co-membership is
      left out here, since sharing the theme would connect them by definition.

    The findings are stored (structural_findings) and worded here, in the language of the page.
    """
    return [_signal(network, finding) for finding in structural_findings(network=network).findings]


def _unconnected_coalitions(network: Network, edges: list[Edge]) -> list[Finding]:
    """Pairs of coalitions of one theme with no tie and no organisation between them."""
    participations = (CoalitionParticipation.objects.active()
                      .filter(coalition__network=network).exclude(coalition__status__in=ENDED_COALITION)
                      .values_list("coalition__theme_id", "coalition__theme__name", "coalition_id",
                                   "coalition__name", "organisation_id"))
    themes: dict[tuple[int, str], dict[tuple[int, str], set[int]]] = defaultdict(lambda: defaultdict(set))
    for theme_id, theme_name, coalition_id, coalition_name, organisation_id in participations:
        themes[(theme_id, theme_name)][(coalition_id, coalition_name)].add(organisation_id)
    ties = {(e.source_id, e.target_id) for e in edges} | {(e.target_id, e.source_id) for e in edges}
    found = []
    for (theme_id, theme_name), coalitions in sorted(themes.items(), key=lambda t: t[0][1]):
        for (first, left), (second, right) in combinations(sorted(coalitions.items(), key=lambda c: c[0][1]), 2):
            if left & right or any((x, y) in ties for x in left for y in right):
                continue
            found.append(Finding("coalitions_unconnected", theme_id, (theme_name, first[1], second[1])))
    return found


# Changes between rounds -------------------------------------------------------------------------

COMPARED = ("ties", "density", "reciprocity", "trust", "value", "trust_density")


@dataclass(frozen=True)
class RoundFigures:
    """The reported network of one round in a few figures (COMPARED), with its trust density in full and
    how many respondents answered the relational survey at all (the advice's anonymity check)."""

    figures: dict[str, float | int | None]
    trust: TrustDensity
    respondents: int

    def to_json(self) -> dict:
        return {"figures": self.figures, "trust": [self.trust.density, self.trust.answering, self.trust.organisations],
                "respondents": self.respondents}

    @classmethod
    def from_json(cls, data: dict) -> RoundFigures:
        return cls(data["figures"], TrustDensity(*data["trust"]), data["respondents"])


ROUND_FIGURES = "round_figures"  # stored_figure kind, per closed round


def _round_figures(network: Network, survey_round: SurveyRound | None) -> RoundFigures:
    edges = survey_edges(network=network, survey_round=survey_round) if survey_round is not None else []
    n = Organisation.objects.filter(network=network).count()
    trusts, values = [e.trust for e in edges if e.trust is not None], [e.value for e in edges if e.value is not None]
    minimum = network.anonymity_minimum
    trust = _trust_density(network, survey_round, edges)
    respondents = (Answer.objects.filter(invitation__round=survey_round, instrument=RELATIONS_INSTRUMENT)
                   .values("invitation_id").distinct().count()) if survey_round is not None else 0
    return RoundFigures({"ties": len(edges), "density": len(edges) / (n * (n - 1)) if n > 1 else 0.0,
                         "reciprocity": _reciprocity([(e.source_id, e.target_id) for e in edges]),
                         "trust": _mean(trusts) if len(trusts) >= minimum else None,
                         "value": _mean(values) if len(values) >= minimum else None,
                         "trust_density": trust.density}, trust, respondents)


def round_figures(*, network: Network, survey_round: SurveyRound | int | None = None) -> RoundFigures:
    """The round's figures (default: the counting round), stored once it has closed.

    ties: reported relations; density: ties / n·(n−1) over all organisations of the network;
    reciprocity, trust and value as in network_analysis (trust and value hidden below the
    network's anonymity minimum of reported relations); trust_density as in _trust_density. The
    same for every member: the hiding is part of the stored figures.
    """
    chosen = _survey_round(network, survey_round)
    return stored_figure(network=network.pk, daily=True, kind=ROUND_FIGURES, key=str(chosen.pk if chosen else ""),
                         compute=lambda: _round_figures(network, chosen), dump=RoundFigures.to_json,
                         load=RoundFigures.from_json, keep=chosen is not None and _closed(chosen))


def survey_figures(*, network: Network, survey_round: SurveyRound | int) -> dict[str, float | int | None]:
    """The reported network of one round in a few figures (round_figures), cheap enough for any size."""
    return round_figures(network=network, survey_round=survey_round).figures


def figures_then_and_now(*, network: Network, current: SurveyRound, previous: SurveyRound) -> list[dict]:
    """Each figure of `survey_figures` then (previous round) and now (current round), with the change."""
    then = survey_figures(network=network, survey_round=previous)
    now = survey_figures(network=network, survey_round=current)
    return [{"figure": key, "then": then[key], "now": now[key],
             "change": None if then[key] is None or now[key] is None else now[key] - then[key]}
            for key in COMPARED]
