"""Time the board report's PDF for the demo region (45 organisations) and a 2,000-organisation network.

Run: `.venv/bin/python benchmarks/report.py`. Builds the demo and a generated network (2,000
organisations, 20,000 hand-entered relations, 40 coalitions) in a throwaway SQLite database and
times, in the same run, what the background task does: building every section from the apps'
selectors, rendering the HTML alone, and the PDF (WeasyPrint, tagged PDF/UA), with the CPU time
the process used (which other work on the machine does not inflate). Exits 1 when the demo's
report (sections + PDF) takes 20 s or more of wall-clock time; the big network is for information.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 20.0
DB_FILE = Path(tempfile.mkstemp(prefix="netwerkregie-report-bench-", suffix=".sqlite3")[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "netwerkregie.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from netwerkregie.analysis.models import Relation, RelationKind  # noqa: E402
from netwerkregie.demo.generator import build_demo  # noqa: E402
from netwerkregie.registry import services  # noqa: E402
from netwerkregie.registry.models import (  # noqa: E402
    Coalition,
    CoalitionParticipation,
    Network,
    Organisation,
    OrganisationType,
    Theme,
)
from netwerkregie.reports.board.base import Period  # noqa: E402
from netwerkregie.reports.board.render import report_html, report_pdf  # noqa: E402
from netwerkregie.reports.board.sections import SECTION_KEYS, build_report  # noqa: E402


def build(slug: str, organisations: int, relations: int, coalitions: int) -> Network:
    """A network of `organisations`, random relations between them and coalitions of eight parties each."""
    rng = random.Random(slug)
    network = services.network_create(slug=slug, name=slug, municipalities=[f"Gemeente {i}" for i in range(12)])
    types = list(OrganisationType.objects.all())
    municipalities = list(network.municipalities.all())
    Organisation.objects.bulk_create(
        Organisation(network=network, name=f"Organisatie {i:05d}", type=rng.choice(types),
                     municipality=rng.choice(municipalities)) for i in range(organisations))
    ids = list(Organisation.objects.filter(network=network).values_list("id", flat=True))
    kinds = [kind for kind, _label in RelationKind.choices]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < relations:
        pairs.add(tuple(rng.sample(ids, 2)))
    Relation.objects.bulk_create((Relation(network=network, source_id=s, target_id=t, kind=rng.choice(kinds))
                                  for s, t in pairs), batch_size=2000)
    themes = [Theme.objects.create(network=network, name=f"Thema {i}") for i in range(5)]
    for i in range(coalitions):
        coalition = Coalition.objects.create(network=network, theme=themes[i % 5], name=f"Coalitie {i:03d}")
        CoalitionParticipation.objects.bulk_create(
            CoalitionParticipation(coalition=coalition, organisation_id=pk) for pk in rng.sample(ids, 8))
    return network


def timed(action) -> tuple[object, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def measure(network: Network) -> tuple[float, float, float, float, int]:
    """Seconds for the sections, the HTML alone and the PDF, the CPU seconds of all three, the PDF's bytes."""
    cpu = time.process_time()
    built, sections_s = timed(lambda: build_report(network=network, period=Period.year(2026), language="nl",
                                                   keys=SECTION_KEYS))
    _html, html_s = timed(lambda: report_html(built, printable=True))
    pdf, pdf_s = timed(lambda: report_pdf(built))
    return sections_s, html_s, pdf_s, time.process_time() - cpu, len(pdf)


def main() -> int:
    try:
        load = os.getloadavg()[0]
        call_command("migrate", verbosity=0)
        demo = build_demo()
        big = build("groot", 2000, 20000, 40)
        rows = [("demo, 45 organisations", *measure(demo)), ("2,000 organisations / 20,000", *measure(big))]
    finally:
        DB_FILE.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{DB_FILE}{suffix}").unlink(missing_ok=True)

    print(f"board report, one run each (target: demo sections + PDF < {TARGET_S:.0f} s); "
          f"load average at the start {load:.1f}")
    print(f"  {'network':30} {'sections':>9} {'HTML alone':>11} {'PDF':>8} {'total':>8} {'CPU':>8}")
    for name, sections_s, html_s, pdf_s, cpu_s, size in rows:
        print(f"  {name:30} {sections_s:8.1f}s {html_s:10.2f}s {pdf_s:7.1f}s {sections_s + pdf_s:7.1f}s "
              f"{cpu_s:7.1f}s   ({size / 1024:,.0f} KB)")
    print("  (CPU: seconds this process computed; on a busy machine the wall-clock total is larger)")
    demo_total = rows[0][1] + rows[0][3]
    if demo_total >= TARGET_S:
        print(f"FAIL: the demo's report took {demo_total:.1f} s, not under {TARGET_S:.0f} s", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
