"""Serving: the supervised background worker, its heartbeat, and the page that says when none runs."""

from __future__ import annotations

import io
import sys
import time

from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from netwerkregie.analysis import selectors as analysis_selectors
from netwerkregie.analysis import tasks
from netwerkregie.core import selectors
from netwerkregie.core.models import WorkerHeartbeat
from netwerkregie.core.services import worker_heartbeat_record
from netwerkregie.core.supervisor import Child, Supervisor
from netwerkregie.registry import services


def test_a_queued_analysis_says_when_no_worker_runs(network, logged_in_client, org_type, monkeypatch):
    for name in ("A", "B", "C"):
        services.organisation_create(network=network, name=name, type=org_type())
    monkeypatch.setattr(analysis_selectors, "INLINE_MAX", 2)
    url = reverse("analysis:index", kwargs={"network": network.slug})
    page = logged_in_client.get(url, {"sources": ["manual"]})
    assert page.context["pending"] and page.context["no_worker"]
    assert 'id="analysis-no-worker"' in page.content.decode()
    assert "netwerkregie worker" in page.content.decode()

    worker_heartbeat_record(worker_id="w1", host="server", pid=123)
    page = logged_in_client.get(url, {"sources": ["manual"]})
    assert page.context["pending"] and not page.context["no_worker"]
    assert 'id="analysis-no-worker"' not in page.content.decode()


def test_a_worker_that_stopped_beating_counts_as_gone(db):
    worker_heartbeat_record(worker_id="w1", host="server", pid=123)
    assert selectors.worker_running()
    WorkerHeartbeat.objects.update(seen_at=WorkerHeartbeat.objects.get().seen_at - selectors.HEARTBEAT_TIMEOUT
                                   - selectors.HEARTBEAT_INTERVAL)
    assert not selectors.worker_running()


def test_old_heartbeats_are_dropped(db):
    worker_heartbeat_record(worker_id="old", host="server", pid=1)
    WorkerHeartbeat.objects.update(seen_at=WorkerHeartbeat.objects.get().seen_at.replace(year=2020))
    worker_heartbeat_record(worker_id="new", host="server", pid=2)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["new"]


def test_the_worker_command_runs_queued_tasks_and_beats(transactional_db, network, org_type):
    """`netwerkregie worker --batch`: the queued analysis runs, a heartbeat is stored, the command ends.
    Transactional: the heartbeat thread has its own database connection."""
    services.organisation_create(network=network, name="A", type=org_type())
    tasks.enqueue_analysis(tasks.Question(network_id=network.pk, sources=("manual",)))
    call_command("worker", batch=True, interval=0.1, stdout=io.StringIO())
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert WorkerHeartbeat.objects.exists()


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_the_supervisor_restarts_a_dying_worker_and_ends_with_the_web_server(tmp_path, monkeypatch):
    monkeypatch.setattr("netwerkregie.core.supervisor.MAX_BACKOFF", 0.2)
    starts = tmp_path / "starts"
    worker = Child("background worker", python(f"open({str(starts)!r}, 'a').write('x')"), restart=True)
    web = Child("web server", python("import time; time.sleep(3); raise SystemExit(3)"), restart=False)
    out = io.StringIO()
    started = time.monotonic()
    code = Supervisor([web, worker], out=out).run(poll=0.05)
    assert code == 3 and time.monotonic() - started < 20
    assert len(starts.read_text()) >= 3  # started, died, started again …
    assert "the background worker stopped (exit code 0); starting it again" in out.getvalue()
    assert "the web server ended (exit code 3)" in out.getvalue()


def test_stopping_terminates_every_child(tmp_path):
    sleeper = Child("background worker", python("import time; time.sleep(60)"), restart=True)
    supervisor = Supervisor([sleeper], out=io.StringIO())
    supervisor.watch_in_background(poll=0.05)
    assert sleeper.running
    started = time.monotonic()
    supervisor.stop()
    assert not sleeper.running and time.monotonic() - started < 10
