"""50 respondents answering at once against the production server: no error, no lost answer.

Run: `.venv/bin/python benchmarks/survey_load.py [--respondents 50]`. Starts
`netwerkregie serve --production` on a free loopback port (gunicorn with its fixed processes ×
threads, and the background worker) on a throwaway SQLite database, or on DATABASE_URL when it is
set (PostgreSQL; the benchmark's network is deleted afterwards). Each respondent opens their
personal link and goes through the real survey pages of the five-conditions instrument (five
pages, GET and POST with CSRF token and session cookie, as a browser does), then submits: 12
requests each, ~600 in all. Invitations are made and sent through the services; the links are
taken from the e-mails, not from the database.

Prints throughput, p50/p95/max per request and errors, next to a single respondent's time in the
same run, and checks that every answer of every respondent is stored. Exits 1 on any error, any
lost answer or a p95 of 1 s or more.
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

P95_TARGET = 1.0
INSTRUMENT = "five_conditions"
WORK_DIR = Path(tempfile.mkdtemp(prefix="netwerkregie-load-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR / 'load.sqlite3'}"
SERVER_ENV = {
    "NETWERKREGIE_SECRET_KEY": secrets.token_urlsafe(50),
    "NETWERKREGIE_DEBUG": "0",
    "NETWERKREGIE_HTTPS": "0",  # plain HTTP on loopback; TLS is the proxy's job
    "NETWERKREGIE_ALLOWED_HOSTS": "127.0.0.1",
    "NETWERKREGIE_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "NETWERKREGIE_LOG_LEVEL": "ERROR",
}
os.environ.update(SERVER_ENV)
os.environ["DJANGO_SETTINGS_MODULE"] = "netwerkregie.settings"

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from netwerkregie.assessments import services as survey  # noqa: E402
from netwerkregie.assessments.models import Answer, Invitation  # noqa: E402
from netwerkregie.registry import services as registry  # noqa: E402
from netwerkregie.registry.models import Network, OrganisationType  # noqa: E402

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'<input type="radio"[^>]* name="(v:[^"]+)"[^>]* value="([^"]+)"')
LINK = re.compile(r"https?://[^\s]+/survey/([^/\s]+)/")


@dataclass
class Respondent:
    token: str
    durations: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answered: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(respondents: int, base_url: str) -> tuple[Network, list[str]]:
    """A network with one person per respondent, a round open today, invitations e-mailed."""
    call_command("migrate", interactive=False, verbosity=0)
    slug = f"load-{secrets.token_hex(4)}"
    network = registry.network_create(slug=slug, name="Belasting", municipalities=["Testdorp"])
    kind = OrganisationType.objects.first()
    organisations = [registry.organisation_create(network=network, name=f"Organisatie {i}", type=kind)
                     for i in range(10)]
    people = [registry.person_create(network=network, name=f"Respondent {i:02d}", organisation=organisations[i % 10],
                                     email=f"respondent{i}@example.org") for i in range(respondents)]
    today = timezone.localdate()
    round_ = survey.round_create(network=network, name="Belastingtest", instruments=[INSTRUMENT],
                                 opens_on=today - datetime.timedelta(days=1),
                                 closes_on=today + datetime.timedelta(days=14))
    survey.invitations_create(survey_round=round_, people=people)
    survey.invitations_send(survey_round=round_, base_url=base_url)
    tokens = [LINK.search(message.body).group(1) for message in mail.outbox]
    assert len(tokens) == respondents, f"{len(tokens)} e-mails for {respondents} respondents"
    return network, tokens


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `respond` itself, so each request is timed on its own."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def respond(base_url: str, respondent: Respondent) -> None:
    """Open the link, answer every page (POST, then GET the page it redirects to), submit."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         NoRedirect())
    rng = random.Random(respondent.token)

    def request(url: str, data: dict | None = None) -> tuple[str, str]:
        """(the page's HTML, or "" after a redirect; the address to go on to)."""
        body = None if data is None else urllib.parse.urlencode(data, doseq=True).encode()
        started = time.perf_counter()
        try:
            with opener.open(url, data=body, timeout=60) as response:
                return response.read().decode(), url
        except urllib.error.HTTPError as error:
            if error.code in (301, 302, 303):
                return "", urllib.parse.urljoin(url, error.headers["Location"])
            respondent.errors.append(f"{url}: HTTP {error.code}")
        except (urllib.error.URLError, OSError) as error:
            respondent.errors.append(f"{url}: {error}")
        finally:
            respondent.durations.append(time.perf_counter() - started)
        return "", ""

    html, url = request(f"{base_url}survey/{respondent.token}/1/")
    while html and not url.endswith("/finish/"):
        choices: dict[str, list[str]] = {}
        for name, value in RADIO.findall(html):
            choices.setdefault(name, []).append(value)
        answers = {name: rng.choice([v for v in values if v.isdigit()]) for name, values in choices.items()}
        token = CSRF_FIELD.search(html)
        if not answers or token is None:
            respondent.errors.append(f"{url}: no questions or no form")
            return
        respondent.answered += len(answers)
        _html, next_url = request(url, {"csrfmiddlewaretoken": token.group(1), "go": "next", **answers})
        if not next_url or next_url == url:
            respondent.errors.append(f"{url}: the answers were not accepted")
            return
        html, url = request(next_url)
    token = CSRF_FIELD.search(html)
    if token is None:
        respondent.errors.append(f"{url}: no finish form")
        return
    _html, done = request(url, {"csrfmiddlewaretoken": token.group(1)})
    if not done.endswith("/done/"):
        respondent.errors.append(f"{url}: not submitted")


SERVER_LOG = WORK_DIR / "server.log"


def start_server(port: int) -> subprocess.Popen:
    with SERVER_LOG.open("w") as log:  # a file, not a pipe: a full pipe would stall the server
        server = subprocess.Popen(
            [sys.executable, "-m", "netwerkregie.cli", "serve", "--production", f"127.0.0.1:{port}"],
            env={**os.environ}, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 600  # collectstatic compresses every file the first time
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server ended: {SERVER_LOG.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5).close()
            return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not answer within 10 minutes")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=50)
    args = parser.parse_args()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    engine = connection.vendor
    network, tokens = build(args.respondents + 1, base_url)
    print(f"survey load: {args.respondents} respondents at once on {engine}, production server on {base_url}")
    server = start_server(port)
    try:
        single = Respondent(tokens[0])
        started = time.perf_counter()
        respond(base_url, single)
        single_time = time.perf_counter() - started

        crowd = [Respondent(token) for token in tokens[1:]]
        threads = [threading.Thread(target=respond, args=(base_url, r)) for r in crowd]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        stop_server(server)

    durations = sorted(d for r in crowd for d in r.durations)
    errors = [e for r in crowd + [single] for e in r.errors]
    expected = {r.token: r.answered for r in [single, *crowd]}
    invitations = Invitation.objects.filter(round__network=network).count()
    stored = Answer.objects.filter(invitation__round__network=network).count()
    completed = Invitation.objects.filter(round__network=network, completed_at__isnull=False).count()
    p50 = statistics.median(durations) if durations else float("nan")
    p95 = durations[int(0.95 * (len(durations) - 1))] if durations else float("nan")
    print(f"  single respondent: {len(single.durations)} requests in {single_time:.2f} s "
          f"({1000 * statistics.median(single.durations):.0f} ms median)")
    print(f"  {len(crowd)} at once: {len(durations)} requests in {wall:.2f} s = {len(durations) / wall:.0f} req/s; "
          f"p50 {1000 * p50:.0f} ms, p95 {1000 * p95:.0f} ms, max {1000 * durations[-1]:.0f} ms; "
          f"{len(errors)} errors")
    print(f"  answers stored: {stored} of {sum(expected.values())}; responses submitted: {completed} of "
          f"{invitations}")
    for error in errors[:10]:
        print(f"  error: {error}")
    Network.objects.filter(pk=network.pk).delete()
    ok = not errors and stored == sum(expected.values()) and completed == invitations and p95 < P95_TARGET
    print(f"  {'OK' if ok else 'FAILED'}: target 0 errors, every answer stored, p95 < {P95_TARGET:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
