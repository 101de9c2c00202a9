"""Child processes of `netwerkregie serve`: the web server and the background worker as one command.

A child that must keep running (the worker) is started again when it dies, with a growing pause
so a worker that crashes on start does not spin; the serve command ends when its main child (the
web server) ends, and stops the others first.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

STOP_TIMEOUT = 30.0  # seconds a child gets to finish its request or task before it is killed
MAX_BACKOFF = 30.0


def netwerkregie_command(*args: str) -> list[str]:
    """`netwerkregie ARGS` run by this same Python, so a child uses the same installation."""
    return [sys.executable, "-m", "netwerkregie.cli", *args]


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None
    restart: bool = True
    process: subprocess.Popen | None = None
    restarts: int = 0
    next_start: float = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(list(self.argv), env=None if self.env is None else dict(self.env))

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class Supervisor:
    def __init__(self, children: Sequence[Child], *, out=sys.stdout):
        self.children = list(children)
        self.out = out
        self.stopping = False

    def start(self) -> None:
        for child in self.children:
            child.start()

    def check(self) -> Child | None:
        """Restart children that died and may restart; return the first one that ended for good."""
        now = time.monotonic()
        for child in self.children:
            if child.running or self.stopping:
                continue
            if not child.restart:
                return child
            if child.next_start == 0.0:
                pause = min(MAX_BACKOFF, 2.0 ** child.restarts)
                code = child.process.returncode if child.process else None
                self.out.write(f"netwerkregie: the {child.name} stopped (exit code {code}); "
                               f"starting it again in {pause:.0f} s\n")
                child.next_start = now + pause
            elif now >= child.next_start:
                child.restarts += 1
                child.next_start = 0.0
                child.start()
        return None

    def stop(self) -> None:
        """SIGTERM to every child, then SIGKILL to those still running after STOP_TIMEOUT."""
        self.stopping = True
        for child in self.children:
            if child.running:
                child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in self.children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()

    def run(self, *, poll: float = 0.5) -> int:
        """Start everything and watch until the main child ends or we receive SIGTERM/SIGINT."""
        received: list[int] = []

        def on_signal(signum, _frame):
            received.append(signum)

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.start()
            while not received:
                ended = self.check()
                if ended is not None:
                    self.out.write(f"netwerkregie: the {ended.name} ended (exit code {ended.process.returncode})\n")
                    return ended.process.returncode or 1
                time.sleep(poll)
            return 0
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def watch_in_background(self, *, poll: float = 0.5) -> threading.Thread:
        """Start the children and keep them running from a thread (the main thread serves)."""
        self.start()

        def watch():
            while not self.stopping:
                self.check()
                time.sleep(poll)

        thread = threading.Thread(target=watch, name="supervisor", daemon=True)
        thread.start()
        return thread
