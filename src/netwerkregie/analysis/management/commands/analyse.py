"""CLI contract: network metrics for an edge list CSV (source,target[,weight])."""

import csv
import json

import igraph as ig
from django.core.management.base import BaseCommand

from netwerkregie.analysis.metrics import compute


class Command(BaseCommand):
    help = "Compute network metrics for an edge list."

    def add_arguments(self, parser):
        parser.add_argument("--edges", required=True)
        parser.add_argument("--directed", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **opts):
        with open(opts["edges"], newline="") as fh:
            rows = [(r["source"], r["target"]) for r in csv.DictReader(fh)]
        graph = ig.Graph.TupleList(rows, directed=opts["directed"])
        data = compute(graph)
        if opts["json"]:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(f"nodes {data['nodes']} edges {data['edges']} density {data['density']:.3f}")
        for row in data["per_node"]:
            self.stdout.write(f"{row['name']:20} {row['degree']:4} {row['betweenness']:.3f} {row['closeness']:.3f}")
