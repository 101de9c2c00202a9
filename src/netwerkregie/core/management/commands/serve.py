"""`netwerkregie serve`: one command for the web server and the background worker.

    netwerkregie serve [ADDR]                development: migrate, demo when empty, runserver + worker
    netwerkregie serve --production [ADDR]   collectstatic, migrate, gunicorn + worker, behind a proxy

Both start `netwerkregie worker` as a child process and start it again when it dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.core.supervisor import Child, Supervisor, netwerkregie_command

MAX_DEFAULT_PROCESSES = 9  # a big machine still keeps the database connections well below 100


def web_processes() -> int:
    """gunicorn's advice, two processes per core plus one (capped), unless NETWERKREGIE_WEB_WORKERS says."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return int(os.environ.get("NETWERKREGIE_WEB_WORKERS", str(min(2 * cores + 1, MAX_DEFAULT_PROCESSES))))


def web_threads() -> int:
    return int(os.environ.get("NETWERKREGIE_WEB_THREADS", "1"))


def worker_options() -> list[str]:
    """One request at a time per process by default (gunicorn's sync workers behind the proxy).

    Python runs one thread of a process at a time, so threads only make the requests of a busy
    process share its core, and a threaded process accepts connections it cannot serve yet: in a
    burst, some respondents wait behind one busy process while another is idle (measured: p95 four
    times the median). Single-threaded processes take a connection only when free, so a burst
    queues first come, first served in the shared listen backlog. With NETWERKREGIE_WEB_THREADS > 1
    a process still accepts only as many connections as it has threads.
    """
    processes, threads = web_processes(), web_threads()
    if threads <= 1:
        return ["--worker-class", "sync", "--workers", str(processes)]
    return ["--worker-class", "gthread", "--workers", str(processes), "--threads", str(threads),
            "--worker-connections", str(threads)]


class Command(BaseCommand):
    help = "Migrate the database and serve the web pages with a background worker beside them."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--production", action="store_true",
                            help="Serve with gunicorn and hashed, compressed static files (debug must be off).")
        parser.add_argument("--no-demo", action="store_true", help="Development: do not load the demo region.")
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the background worker (run `netwerkregie worker` elsewhere).")

    def handle(self, *args, addrport: str, production: bool, no_demo: bool, no_worker: bool, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        if production:
            raise SystemExit(self.serve_production(addrport, worker=not no_worker))
        self.serve_development(addrport, demo=not no_demo, worker=not no_worker)

    def worker(self, env: dict[str, str] | None = None) -> Child:
        return Child("background worker", netwerkregie_command("worker", "-v0"), env=env, restart=True)

    def serve_development(self, addrport: str, *, demo: bool, worker: bool) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        url = f"http://{addrport if ':' in addrport else f'127.0.0.1:{addrport}'}/"
        if demo:
            call_command("demo", if_empty=True, url=url)
        supervisor = Supervisor([self.worker()] if worker else [], out=self.stdout)
        supervisor.watch_in_background()
        self.stdout.write(self.style.SUCCESS(f"netwerkregie: open {url}"))
        # runserver ends on Ctrl-C only; SIGTERM must also stop the worker child on the way out.
        signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            supervisor.stop()

    def serve_production(self, addrport: str, *, worker: bool) -> int:
        if settings.DEBUG:
            raise CommandError("serve --production needs NETWERKREGIE_DEBUG off.")
        # The hashed file names exist only after collectstatic with the manifest storage, so this
        # process's children (collectstatic, gunicorn, the worker) all get that storage.
        env = {**os.environ, "NETWERKREGIE_STATIC_MANIFEST": "1"}
        subprocess.run(netwerkregie_command("collectstatic", "--noinput", "-v0"), env=env, check=True)
        call_command("migrate", interactive=False, verbosity=1)
        call_command("expire_answers")
        call_command("expire_downloads")
        gunicorn = Child("web server", [
            sys.executable, "-m", "gunicorn", "netwerkregie.wsgi:application",
            # --preload: the application is loaded and warmed up once (netwerkregie.wsgi.warm_up),
            # then forked, so no respondent pays for a cold process after a start.
            "--bind", addrport, *worker_options(), "--preload",
            "--timeout", "120", "--graceful-timeout", "30", "--backlog", "2048",
            "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1,::1", "--no-control-socket",
        ], env=env, restart=False)
        children = [gunicorn, self.worker(env)] if worker else [gunicorn]
        self.stdout.write(self.style.SUCCESS(
            f"netwerkregie: serving on http://{addrport}/ ({web_processes()} processes × {web_threads()} threads); "
            "put a reverse proxy with HTTPS in front of it"))
        self.stdout.flush()
        return Supervisor(children, out=self.stdout).run()
