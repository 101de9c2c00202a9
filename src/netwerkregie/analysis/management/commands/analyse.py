"""CLI contract: network metrics for an edge list CSV (source,target[,weight]) or a stored network.

    netwerkregie analyse --edges FILE.csv [--directed] --json
    netwerkregie analyse SLUG [--round NAME] [--sources survey,comembership,manual] [--directed] --json [--full]

Both print {"nodes", "edges", "density", "components", "degree_centralization", "communities",
"per_node"}; --full adds the structure of network_analysis (reciprocity, brokers, bridges, …).
A weight column weighs eigenvector centrality and the communities; betweenness and closeness
stay unweighted, as the contract fixes.
"""

import csv
import json

import igraph as ig
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.analysis.metrics import compute
from netwerkregie.analysis.selectors import SOURCES, network_analysis
from netwerkregie.assessments.models import SurveyRound
from netwerkregie.registry.models import Network

CONTRACT = ("nodes", "edges", "density", "components", "degree_centralization", "communities", "per_node")


def read_edges(path: str, *, directed: bool) -> ig.Graph:
    """The graph of an edge list; a weight column, when present, becomes the edges' "weight"."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = set(reader.fieldnames or ())
            if not {"source", "target"} <= header:
                raise CommandError(f"{path}: the header needs the columns source,target[,weight]")
            weighted = "weight" in header
            rows = []
            for number, row in enumerate(reader, start=2):
                edge = [row["source"], row["target"]]
                if weighted:
                    try:
                        edge.append(float(row["weight"]))
                    except (TypeError, ValueError):
                        raise CommandError(f"{path}, line {number}: weight “{row['weight']}” is not a number") from None
                rows.append(edge)
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from None
    return ig.Graph.TupleList(rows, directed=directed, weights=weighted)


class Command(BaseCommand):
    help = "Compute network metrics for an edge list or a stored network."

    def add_arguments(self, parser):
        parser.add_argument("network", nargs="?", help="Slug of a stored network, e.g. regio-voorbeeld.")
        parser.add_argument("--edges", help="CSV with a header source,target[,weight].")
        parser.add_argument("--directed", action="store_true")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--round", help="Name of the survey round (stored network; default: the latest).")
        parser.add_argument("--sources", default=",".join(SOURCES),
                            help="Relation sources of a stored network, comma-separated (default: all).")
        parser.add_argument("--full", action="store_true", help="Add the structure: reciprocity, brokers, …")

    def handle(self, *args, **opts):
        if bool(opts["edges"]) == bool(opts["network"]):
            raise CommandError("Give either a network slug or --edges FILE.csv.")
        if opts["edges"]:
            data = compute(read_edges(opts["edges"], directed=opts["directed"]), parallel=True)
        else:
            data = self.stored(opts)
            if not opts["full"]:
                data = {key: data[key] for key in CONTRACT}
        if opts["json"]:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(f"nodes {data['nodes']} edges {data['edges']} density {data['density']:.3f}")
        for row in data["per_node"]:
            self.stdout.write(f"{row['name']:20} {row['degree']:4} {row['betweenness']:.3f} {row['closeness']:.3f}")

    def stored(self, opts) -> dict:
        network = Network.objects.filter(slug=opts["network"]).first()
        if network is None:
            raise CommandError(f"There is no network with slug “{opts['network']}”.")
        sources = [s.strip() for s in opts["sources"].split(",") if s.strip()]
        unknown = sorted(set(sources) - set(SOURCES))
        if unknown or not sources:
            raise CommandError(f"--sources: choose from {', '.join(SOURCES)} (not {', '.join(unknown) or 'none'})")
        survey_round = None
        if opts["round"]:
            survey_round = SurveyRound.objects.filter(network=network, name=opts["round"]).first()
            if survey_round is None:
                raise CommandError(f"{network.name} has no survey round named “{opts['round']}”.")
        return network_analysis(network=network, sources=sources, survey_round=survey_round, survey_ties=None,
                                directed=opts["directed"], parallel=True).to_json()
