"""Time every page and API list of the query budget file on the demo, beside a large network, and on it.

Run: `.venv/bin/python benchmarks/pages.py [--organisations 2000] [--runs 5] [--strict] [--only analysis,dashboard]`.

Two databases: the demo region alone, and the demo beside a generated network of `--organisations`
organisations (benchmarks/large_network.py: three people each, a coalition per 33, two relations each,
three closed rounds with respondents for three quarters of them, about a million answers at 2,000).
Every request of tests/budgets/test_query_budgets.py (the rows of query_counts.json) is sent through
Django's test client as the network's admin (each network has its own), once to warm up and then
`--runs` times in two blocks (a fast page as often as fits in 2 × 100 ms); the median is printed in ms,
next to the median of a minimal page of the same stack (the logged-in network list) measured in the
same phase, so a slower machine shows as a slower baseline rather than as slower pages.

Each phase – the demo alone, the demo beside the large network, the large network – runs in a process
of its own, so none inherits another's heap, caches or connections. The first two take turns: each
request is timed in the order alone, beside, beside, alone, so a machine that slows down for a while
slows both alike; `shared/alone` is the demo's time beside the large network over its time alone: a
page that reads another network's rows shows up there. Before its pages, each phase makes its prepared
downloads (raw answers of the newest round, the JSON export, the registry workbook) as the background
worker makes them; the demo's and the large network's times are printed under the table.

SQLite by default: the two built databases are kept in the temporary directory, keyed by the
size, the generator's and the migrations' sources, so later runs skip the build (`--rebuild`
builds again). With DATABASE_URL set to PostgreSQL a throwaway test database is created on that
server (Django's test-database creation) and dropped at the end.

Targets (issue 13): every demo page under 150 ms, every demo page at most 1.5× slower beside the
large network, every page of the large network under 500 ms. Misses are marked with `!`; the
exit status is non-zero for a miss only with `--strict`. A page that takes over 3 s when warm
is timed by its warm-up request alone (it misses its target either way).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "budgets"))

BENCH_VERSION = "6"
DEMO_MS, SHARED_RATIO, LARGE_MS = 150.0, 1.5, 500.0
SLOW_MS = 3000.0  # far over every target: one timed run is enough, and keeps the default run short
# Each block of a page of a few ms is as many requests as fit in this (at most MAX_RUNS): a median of five
# such requests moved 1.5-1.8x between phases from one run to the next, in either direction.
SAMPLE_MS, MAX_RUNS = 100.0, 25
CACHE_DIR = Path(tempfile.gettempdir()) / "netwerkregie-pages-bench"
# A phase's process is handed a directory (and database) of its own by the process that built them.
WORK_DIR = Path(os.environ.get("NETWERKREGIE_PAGES_WORK") or tempfile.mkdtemp(prefix="netwerkregie-pages-"))
WORK_DB = WORK_DIR / "bench.sqlite3"
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

os.environ["DJANGO_SETTINGS_MODULE"] = "netwerkregie.settings"
os.environ["NETWERKREGIE_HOME"] = str(WORK_DIR)  # the file cache and anything else under var/
os.environ["NETWERKREGIE_HTTPS"] = "0"
os.environ["NETWERKREGIE_ALLOWED_HOSTS"] = "testserver"  # the test client's host; templates stay uninstrumented
(WORK_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)
os.environ.setdefault("NETWERKREGIE_SECRET_KEY", "benchmark-only-key-for-a-throwaway-database")
if not POSTGRES and "NETWERKREGIE_PAGES_WORK" not in os.environ:  # a phase's process keeps the one it is handed
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DB}"

import django  # noqa: E402

django.setup()

import large_network  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from test_query_budgets import Hubs, requests  # noqa: E402

from netwerkregie.analysis.models import Relation  # noqa: E402
from netwerkregie.assessments.models import SurveyRound  # noqa: E402
from netwerkregie.demo.generator import SLUG as DEMO_SLUG  # noqa: E402
from netwerkregie.demo.generator import build_demo  # noqa: E402
from netwerkregie.funding.models import (  # noqa: E402
    Allocation,
    Application,
    ArenaEntry,
    Assessor,
    Call,
    Criterion,
    FinancierResponse,
    FundingStream,
)
from netwerkregie.monitoring.models import (  # noqa: E402
    CoalitionValue,
    DataReport,
    Evidence,
    Goal,
    Indicator,
    IndicatorValue,
    LegitimationEvidence,
)
from netwerkregie.organising.models import Meeting, Proposal, Rule  # noqa: E402
from netwerkregie.registry import services  # noqa: E402
from netwerkregie.registry.models import (  # noqa: E402
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Network,
    Organisation,
    Person,
    Theme,
    ThemeRole,
)
from netwerkregie.reports import services as reports  # noqa: E402
from netwerkregie.reports.board.base import Period  # noqa: E402
from netwerkregie.reports.board.sections import SECTION_KEYS  # noqa: E402
from netwerkregie.reports.models import BoardReport, DownloadKind, PreparedDownload  # noqa: E402

LARGE_SLUG = "regio-groot"
USERNAME = "demo"  # the demo's admin, also an assessor of its calls (the score page)
# The large network has an admin of its own, so the demo's pages beside it render for a user of the
# demo alone (the network menu lists one's networks): what differs between the phases is the data.
LARGE_USERNAME = "groot"


@dataclass(frozen=True)
class Timing:
    ms: float | None  # median; None when the request did not answer 200
    kb: float
    status: int


@dataclass(frozen=True)
class PhaseResult:
    minimal_ms: float
    pages: dict[str, Timing]
    prepared: dict[str, float]  # seconds per prepared download


# The network and admin whose pages each phase times.
PHASES = {"alone": (DEMO_SLUG, USERNAME), "shared": (DEMO_SLUG, USERNAME), "large": (LARGE_SLUG, LARGE_USERNAME)}


# Each detail page's object: its model and the path from it to its network.
HUB_MODELS = {
    "organisation": (Organisation, "network"), "person": (Person, "network"), "theme": (Theme, "network"),
    "coalition": (Coalition, "network"), "unit": (GovernanceUnit, "network"), "relation": (Relation, "network"),
    "initiative": (Initiative, "coalition__network"),
    "participation": (CoalitionParticipation, "coalition__network"),
    "theme_role": (ThemeRole, "theme__network"), "unit_membership": (GovernanceUnitMembership, "unit__network"),
    "rule": (Rule, "network"), "proposal": (Proposal, "network"), "meeting": (Meeting, "network"),
    "call": (Call, "stream__network"), "application": (Application, "call__stream__network"),
    "allocation": (Allocation, "application__call__stream__network"),
    "indicator": (Indicator, "network"), "value": (IndicatorValue, "indicator__network"),
    "goal": (Goal, "network"), "report": (DataReport, "network"), "evidence": (Evidence, "network"),
    "value_function": (CoalitionValue, "coalition__network"), "legitimation": (LegitimationEvidence, "network"),
    "stream": (FundingStream, "network"), "criterion": (Criterion, "call__stream__network"),
    "assessor": (Assessor, "call__stream__network"),
    "response": (FinancierResponse, "allocation__application__call__stream__network"),
    "arena_entry": (ArenaEntry, "arena__initiative__coalition__network"),
}


def hubs_of(network: Network, user) -> Hubs:
    """The objects whose detail pages are timed: the first of each kind, the newest round with answers."""
    def first(model, path: str) -> int:
        return model.objects.filter(**{path: network}).order_by("pk").values_list("pk", flat=True).first() or 0

    survey_round = (SurveyRound.objects.filter(network=network, invitations__answers__isnull=False)
                    .order_by("-opens_on").values_list("pk", flat=True).first() or 0)
    board_report = BoardReport.objects.filter(network=network).order_by("-pk").values_list("pk", flat=True).first()
    download = PreparedDownload.objects.filter(network=network).order_by("-pk").values_list("pk", flat=True).first()
    return Hubs(round=survey_round, membership=network.memberships.get(user=user).pk, board_report=board_report or 0,
                download=download or 0,
                **{field: first(model, path) for field, (model, path) in HUB_MODELS.items()})


def prepare_downloads(network: Network, user) -> dict[str, float]:
    """Each prepared download of the network made as the worker makes it (reports.tasks.prepare_download),
    timed in seconds (one that is already made is handed out again); the registry workbook last, so the
    download pages show that one."""
    membership = network.memberships.get(user=user)
    survey_round = SurveyRound.objects.filter(network=network, invitations__answers__isnull=False).order_by(
        "-opens_on").first()
    seconds = {}
    for kind in (DownloadKind.RAW_ANSWERS, DownloadKind.NETWORK_JSON, DownloadKind.REGISTRY_XLSX):
        download = reports.download_request(network=network, membership=membership, kind=kind,
                                            survey_round=survey_round)
        start = time.perf_counter()
        reports.download_generate(download=download)
        seconds[kind.value] = time.perf_counter() - start
    return seconds


def timed_ms(fetch: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fetch()
    return (time.perf_counter() - start) * 1000, result


def block_runs(fetch: Callable[[], object], runs: int) -> tuple[int, float]:
    """After a warm-up request (templates, instrument files, the first connection, the stored results a
    page computes once per data version): how many requests make one block of samples – half of `runs`,
    more for a fast page (SAMPLE_MS) – and the warm-up's time. A slow warm-up is repeated once, as the
    stored results are then there; a request still over SLOW_MS is its own only sample (0 runs)."""
    warm_ms, _response = timed_ms(fetch)
    if warm_ms >= SLOW_MS:
        warm_ms, _response = timed_ms(fetch)
    if warm_ms >= SLOW_MS:
        return 0, warm_ms
    return max(math.ceil(runs / 2), min(MAX_RUNS, math.ceil(SAMPLE_MS / max(warm_ms, 0.1)))), warm_ms


def client_for(user) -> Client:
    """A network admin with a session and an API token, as the query budget test asks."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='bench')[1]}")
    client.force_login(user)
    return client


def cache_key(organisations: int) -> str:
    """Changes when the size, the generators or the schema change."""
    digest = hashlib.sha256(f"{BENCH_VERSION}:{organisations}".encode())
    sources = [Path(large_network.__file__), ROOT / "tests" / "budgets" / "budget_builder.py",
               *sorted((ROOT / "src" / "netwerkregie" / "demo").glob("*.py")),
               *sorted((ROOT / "src" / "netwerkregie").glob("*/migrations/*.py"))]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def snapshot(target: Path) -> None:
    """Write the SQLite database as one consistent file (WAL included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(target)])


def restore(source: Path, target: Path = WORK_DB) -> None:
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


def demo_board_report() -> None:
    """A finished board report of the demo over this year, made as the worker makes it, for its pages."""
    network = Network.objects.get(slug=DEMO_SLUG)
    today = datetime.date.today()
    report = reports.board_report_request(
        network=network, user=get_user_model().objects.get(username=USERNAME),
        period=Period(datetime.date(today.year, 1, 1), today), sections=list(SECTION_KEYS))
    reports.board_report_generate(report=report)


def build_demo_phase(cached: Path | None, rebuild: bool) -> None:
    """The demo and its admin in the working database, and its file when cached (kept when there is one)."""
    if cached and cached.exists() and not rebuild:
        return
    call_command("migrate", verbosity=0)
    build_demo()
    demo_board_report()
    if cached:
        snapshot(cached)


def build_large_phase(cached: Path | None, rebuild: bool, organisations: int, demo: Path | None) -> None:
    """The large network and its admin beside the demo (`demo`: its file), and its file when cached (kept
    when there is one). The phases are timed on copies, so both hold the demo exactly as built."""
    if cached and cached.exists() and not rebuild:
        return
    if demo:
        restore(demo)
    start = time.perf_counter()
    user = get_user_model().objects.create_user(LARGE_USERNAME, password=secrets.token_urlsafe(16))
    large_network.build(slug=LARGE_SLUG, organisations=organisations, user=user)
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)
    if cached:
        snapshot(cached)


def fmt_ms(timing: Timing | None) -> str:
    if timing is None:
        return "–"
    return f"{timing.ms:,.0f}" if timing.ms is not None else f"({timing.status})"


def fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}×"


def report(alone: dict[str, Timing], shared: dict[str, Timing], large: dict[str, Timing],
           minimal: tuple[float, float, float], organisations: int) -> list[str]:
    """Print the table; returns the targets missed."""
    misses = []
    header = (f"{'page':<44} {'demo alone':>10} {'×min':>6} {'shared':>8} {'×min':>6} {'shr/aln':>7} | "
              f"{f'{organisations:,} orgs':>11} {'×min':>7} {'KB':>7}")
    print(header)
    print("-" * len(header))
    print(f"{'(minimal page: network list)':<44} {minimal[0]:>10.1f} {'':>6} {minimal[1]:>8.1f} {'':>6} {'':>7} | "
          f"{minimal[2]:>11.1f}")
    for name in sorted(alone):
        a, s, g = alone[name], shared.get(name), large.get(name)
        ratio = s.ms / a.ms if a.ms and s and s.ms else None
        marks = []
        if a.ms is not None and a.ms >= DEMO_MS:
            marks.append("demo")
        if ratio is not None and ratio > SHARED_RATIO:
            marks.append("shared")
        if g and g.ms is not None and g.ms >= LARGE_MS:
            marks.append("large")
        misses.extend(f"{name}: {mark}" for mark in marks)
        print(f"{name:<44} {fmt_ms(a):>10} {fmt_ratio(a.ms / minimal[0] if a.ms else None):>6} "
              f"{fmt_ms(s):>8} {fmt_ratio(s.ms / minimal[1] if s and s.ms else None):>6} {fmt_ratio(ratio):>7} | "
              f"{fmt_ms(g):>11} {fmt_ratio(g.ms / minimal[2] if g and g.ms else None):>7} "
              f"{(f'{g.kb:,.0f}' if g and g.ms is not None else '–'):>7}"
              + ("  ! " + ", ".join(marks) if marks else ""))
    return misses


MINIMAL = "(minimal page: network list)"


@dataclass(frozen=True)
class Block:
    """One block of samples of a request, as a phase's process answers the parent (a line of JSON)."""

    samples: list[float]  # ms; empty when the request did not answer 200
    kb: float
    status: int


@dataclass
class Sampler:
    """One request as a phase's process times it, block by block."""

    fetch: Callable[[], object] | None  # None when the request does not answer 200
    kb: float
    status: int
    runs: int = 0
    warm_ms: float = 0.0

    @classmethod
    def first(cls, fetch: Callable[[], object], runs: int) -> Sampler:
        response = fetch()
        if response.status_code != 200:
            return cls(None, 0, response.status_code)
        size = sum(map(len, response.streaming_content)) if response.streaming else len(response.content)
        return cls(fetch, size / 1024, 200, *block_runs(fetch, runs))

    def block(self) -> Block:
        if self.fetch is None:
            samples = []
        else:
            samples = [timed_ms(self.fetch)[0] for _ in range(self.runs)] if self.runs else [self.warm_ms]
        return Block(samples, self.kb, self.status)


def serve_phase(phase: str, runs: int) -> None:
    """The process of one phase: prepare its downloads, then time a block of each request the parent names
    (one per line on stdin), answering with a line of JSON on stdout."""
    protocol, sys.stdout = sys.stdout, sys.stderr  # nothing else may write to the parent's pipe
    slug, username = PHASES[phase]
    network, user = Network.objects.get(slug=slug), get_user_model().objects.get(username=username)
    prepared = prepare_downloads(network, user)
    client = client_for(user)
    table = requests(network, hubs_of(network, user))
    table[MINIMAL] = (reverse("registry:network_list"), {})  # the baseline: a few queries, base.html
    print(json.dumps({"prepared": prepared, "pages": sorted(set(table) - {MINIMAL})}), file=protocol, flush=True)
    samplers: dict[str, Sampler] = {}
    for line in sys.stdin:
        name = line.strip()
        if name not in samplers:
            path, headers = table[name]
            samplers[name] = Sampler.first(lambda p=path, h=headers: client.get(p, **h), runs)
        print(json.dumps(vars(samplers[name].block())), file=protocol, flush=True)


class PhaseProcess:
    """A phase timed in a process of its own, so that no phase inherits another's heap, caches or connections
    (in one process the minimal page itself slowed 1.3-1.6x once the first phase's pages had run)."""

    def __init__(self, phase: str, database: str, runs: int):
        home = WORK_DIR / phase
        home.mkdir()
        env = {**os.environ, "NETWERKREGIE_PAGES_WORK": str(home), "DATABASE_URL": database}
        self.process = subprocess.Popen([sys.executable, __file__, "--phase", phase, "--runs", str(runs)],
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        started = json.loads(self.process.stdout.readline())
        self.prepared, self.pages = started["prepared"], started["pages"]

    def block(self, name: str) -> Block:
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        return Block(**json.loads(self.process.stdout.readline()))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def time_phases(phases: list[PhaseProcess], only: str) -> list[PhaseResult]:
    """Time every request in each phase in two blocks each, in the order A B … B A: a machine that slows
    down for a while then slows each phase down alike, and the ratio between them holds."""
    names = [name for name in phases[0].pages if not only or any(part in name for part in only.split(","))]
    timings: list[dict[str, Timing]] = [{} for _ in phases]
    order = list(enumerate(phases))
    for name in [MINIMAL, *names]:
        samples: dict[int, list[float]] = {index: [] for index, _ in order}
        for index, phase in order + order[::-1]:
            block = phase.block(name)
            samples[index] += block.samples
            timings[index][name] = Timing(statistics.median(samples[index]) if samples[index] else None,
                                          block.kb, block.status)
        print(".", end="", flush=True)
    print(flush=True)
    for phase in phases:
        phase.close()
    return [PhaseResult(timing.pop(MINIMAL).ms, timing, phase.prepared)
            for phase, timing in zip(phases, timings, strict=True)]


def database_url(name: str | None = None) -> str:
    """The URL of the PostgreSQL database `name`, or of the one this process works on (the throwaway test
    database)."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name or connection.settings_dict['NAME']}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=2000, help="Size of the large network (default 2000).")
    parser.add_argument("--runs", type=int, default=5, help="Timed requests per page after one warm-up (median).")
    parser.add_argument("--only", default="", help="Only the rows whose name contains one of these (comma-separated).")
    parser.add_argument("--rebuild", action="store_true", help="Build the databases again instead of the cached.")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)  # the process of one phase
    args = parser.parse_args(argv)
    if args.phase:
        serve_phase(args.phase, args.runs)
        return 0
    old_name = alone_database = None
    if POSTGRES:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        demo_file = large_file = None
    else:
        key = cache_key(args.organisations)
        demo_file, large_file = CACHE_DIR / f"demo-{key}.sqlite3", CACHE_DIR / f"large-{key}.sqlite3"
    try:
        print(f"{connection.vendor}: the demo", flush=True)
        build_demo_phase(demo_file, args.rebuild)
        if POSTGRES:  # the demo alone is timed on a copy, so the large network is built beside the demo as built
            connection.creation.clone_test_db(suffix="alone", verbosity=0, autoclobber=True)
            alone_database = connection.creation.get_test_db_clone_settings("alone")["NAME"]
        print(f"a network of {args.organisations:,} organisations beside it", flush=True)
        build_large_phase(large_file, args.rebuild, args.organisations, demo_file)
        connection.close()
        if POSTGRES:
            alone_url, shared_url = database_url(alone_database), database_url()
        else:
            alone_db, shared_db = WORK_DIR / "alone.sqlite3", WORK_DIR / "shared.sqlite3"
            restore(demo_file, alone_db)
            restore(large_file, shared_db)
            alone_url, shared_url = f"sqlite:///{alone_db}", f"sqlite:///{shared_db}"
        print("the demo alone and beside it, taking turns", flush=True)
        alone, shared = time_phases([PhaseProcess("alone", alone_url, args.runs),
                                     PhaseProcess("shared", shared_url, args.runs)], args.only)
        print(f"the network of {args.organisations:,} organisations", flush=True)
        (large,) = time_phases([PhaseProcess("large", shared_url, args.runs)], args.only)
    finally:
        if alone_database:
            connection.creation.destroy_test_db(verbosity=0, suffix="alone")
        if POSTGRES:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.close()
        shutil.rmtree(WORK_DIR, ignore_errors=True)

    print(f"\nms, warm, median of {args.runs}; ×min: against the minimal page of the same phase; "
          f"targets: demo < {DEMO_MS:.0f} ms, shared/alone ≤ {SHARED_RATIO}×, large < {LARGE_MS:.0f} ms")
    misses = report(alone.pages, shared.pages, large.pages,
                    (alone.minimal_ms, shared.minimal_ms, large.minimal_ms), args.organisations)
    print("\nPrepared downloads, made as the background worker makes them (s):")
    for phase, result in (("demo alone", alone), (f"{args.organisations:,} orgs", large)):
        print(f"  {phase:<12} " + " · ".join(f"{kind} {value:.2f}" for kind, value in result.prepared.items()))
    print(f"\n{len(misses)} target(s) missed." if misses else "\nEvery target met.")
    return 1 if misses and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
