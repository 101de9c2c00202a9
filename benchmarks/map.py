"""Time the network map's data endpoint for 2,000 organisations and 20,000 relations.

Run: `.venv/bin/python benchmarks/map.py [--runs 7]`. Builds the networks in a throwaway SQLite
database, asks the endpoint through Django's test client as a logged-in member and prints the
median time with two baselines measured in the same run: the raw query fetching the same
relation rows, and the endpoint for a network ten times smaller. Exits 1 when the big network
takes 300 ms or more. The endpoint stores its answer per data version (analysis/map/stored.py):
the timed runs bump the version first (one UPDATE), so every request computes the centralities
and the igraph layout again. For information it also times the stored (warm) answer, every tie
(`ties=all`) and the map sized by betweenness, which a network this big computes only on request.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_MS = 300.0
DB_FILE = Path(tempfile.mkstemp(prefix="netwerkregie-map-bench-", suffix=".sqlite3")[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "netwerkregie.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"
os.environ.setdefault("NETWERKREGIE_SECRET_KEY", "benchmark-only-key-for-a-throwaway-database")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from netwerkregie.analysis.models import Relation, RelationKind  # noqa: E402
from netwerkregie.core.roles import NetworkRole  # noqa: E402
from netwerkregie.registry import services  # noqa: E402
from netwerkregie.registry.models import Network, Organisation, OrganisationType  # noqa: E402


def build(slug: str, organisations: int, relations: int, user) -> Network:
    """A network of `organisations` with `relations` distinct hand-entered relations between random pairs."""
    rng = random.Random(slug)
    network = services.network_create(slug=slug, name=slug, municipalities=[f"Gemeente {i}" for i in range(12)])
    services.membership_set(network=network, user=user, role=NetworkRole.VIEWER)
    types = list(OrganisationType.objects.all())
    municipalities = list(network.municipalities.all())
    Organisation.objects.bulk_create(
        Organisation(network=network, name=f"Organisatie {i:05d}", type=rng.choice(types),
                     municipality=rng.choice(municipalities)) for i in range(organisations))
    ids = list(Organisation.objects.filter(network=network).values_list("id", flat=True))
    kinds = [kind for kind, _label in RelationKind.choices]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < relations:
        source, target = rng.sample(ids, 2)
        pairs.add((source, target))
    Relation.objects.bulk_create((Relation(network=network, source_id=s, target_id=t, kind=rng.choice(kinds))
                                  for s, t in pairs), batch_size=2000)
    return network


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm up: imports, instrument files, first connection
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def endpoint(client: Client, network: Network, *, warm: bool = False, **params: str) -> Callable[[], object]:
    url = reverse("analysis:map_data", kwargs={"network": network.slug})

    def fetch() -> bytes:
        if not warm:
            services.data_changed(network=network)  # the stored map is out of date: computed again
        response = client.get(url, params, HTTP_ACCEPT_ENCODING="gzip")  # as browsers ask
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response.content

    return fetch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    try:
        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create_user("bench", password="bench-wachtwoord-42")
        big = build("groot", 2000, 20000, user)
        small = build("klein", 200, 2000, user)
        client = Client()
        client.force_login(user)

        raw_ms = median_ms(lambda: list(Relation.objects.active().filter(network=big)
                                        .values_list("source_id", "target_id", "kind")), args.runs)
        small_ms = median_ms(endpoint(client, small), args.runs)
        big_ms = median_ms(endpoint(client, big), args.runs)
        size_kb = len(endpoint(client, big)()) / 1024
        warm_ms = median_ms(endpoint(client, big, warm=True), args.runs)
        all_ms = median_ms(endpoint(client, big, ties="all"), 3)
        all_kb = len(endpoint(client, big, ties="all")()) / 1024
        # Not part of the target: betweenness of a big network is computed only when chosen.
        betweenness_ms = median_ms(endpoint(client, big, size="betweenness"), 3)
    finally:
        DB_FILE.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)

    print(f"map data endpoint, median of {args.runs} runs (target < {TARGET_MS:.0f} ms)")
    print(f"  raw query of the 20,000 relation rows   {raw_ms:8.1f} ms")
    print(f"  endpoint,   200 organisations /  2,000  {small_ms:8.1f} ms")
    print(f"  endpoint, 2,000 organisations / 20,000  {big_ms:8.1f} ms   ({size_kb:,.0f} KB of gzipped JSON)")
    print(f"  stored (warm),      2,000 / 20,000     {warm_ms:8.1f} ms")
    print(f"  (on request: every tie, 2,000 / 20,000  {all_ms:8.1f} ms   ({all_kb:,.0f} KB of gzipped JSON))")
    print(f"  (on request: sized by betweenness, 2,000 / 20,000  {betweenness_ms:8.1f} ms)")
    print(f"  ratio to the raw query: {big_ms / raw_ms:.1f}×; to the network ten times smaller: "
          f"{big_ms / small_ms:.1f}×")
    if big_ms >= TARGET_MS:
        print(f"FAIL: {big_ms:.0f} ms is not under {TARGET_MS:.0f} ms", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
