"""`netwerkregie worker`: django_tasks_db's db_worker plus a heartbeat, so pages know a worker runs.

`netwerkregie serve` starts this beside the web server; run it alone only when the web server
and the worker live on different machines.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from netwerkregie.core.selectors import HEARTBEAT_INTERVAL
from netwerkregie.core.services import worker_heartbeat_record


class Command(BaseCommand):
    help = "Run queued background tasks (e.g. analyses of large networks) and report that a worker is alive."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument("--batch", action="store_true", help="Stop once the queue is empty (e.g. from cron).")

    def handle(self, *args, interval: float, batch: bool, **options):
        worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        stop = threading.Event()
        self.beat_once(worker_id)  # the first beat on this connection: it is there before any task runs
        beat = threading.Thread(target=self.beat, args=(worker_id, stop), name="heartbeat", daemon=True)
        beat.start()
        try:
            call_command("db_worker", interval=interval, worker_id=worker_id, startup_delay=False, reload=False,
                         queue_name="*", batch=batch, verbosity=options["verbosity"])
        finally:
            stop.set()
            beat.join(timeout=5)

    @staticmethod
    def beat_once(worker_id: str) -> None:
        """Record a beat; a failed one (database busy or down) waits for the next."""
        try:
            worker_heartbeat_record(worker_id=worker_id, host=socket.gethostname(), pid=os.getpid())
        except Exception as error:  # noqa: BLE001 – a missed beat must not stop the worker
            print(f"heartbeat failed: {error}", flush=True)

    @classmethod
    def beat(cls, worker_id: str, stop: threading.Event) -> None:
        """Beat every HEARTBEAT_INTERVAL on the thread's own connection, closed after each beat."""
        while not stop.wait(HEARTBEAT_INTERVAL.total_seconds()):
            try:
                cls.beat_once(worker_id)
            finally:
                close_old_connections()
