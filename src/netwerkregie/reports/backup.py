"""Whole-installation backups: every network's JSON export plus a database dump, and the way back.

A backup directory holds
    manifest.json           when, which database engine, which networks
    networks/<slug>.json    reports.exchange.network_export of each network (readable, portable)
    database.sqlite3        SQLite: a consistent copy made with sqlite3's online backup API
    database.dump           PostgreSQL: `pg_dump --format=custom`
Restoring puts the database dump back into an empty installation of the same engine, or, with
`json_only`, imports the network exports (any engine; no accounts, as in any JSON import).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from netwerkregie.registry.models import Network

from .exchange import export_json, network_export, network_import

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class BackupSummary:
    directory: Path
    engine: str
    networks: list[str]


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """libpq arguments and environment for the default database (the password never on argv)."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is missing: install the PostgreSQL client "
                          "(apt-get install postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(directory: Path) -> BackupSummary:
    """Write a backup into `directory` (created; refused when it holds a backup already)."""
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / MANIFEST).exists():
        raise BackupError(f"{directory} holds a backup already; choose an empty directory.")
    (directory / "networks").mkdir(exist_ok=True)
    slugs = []
    for network in Network.objects.order_by("slug"):
        (directory / "networks" / f"{network.slug}.json").write_text(
            export_json(network_export(network=network)), encoding="utf-8")
        slugs.append(network.slug)
    engine = connection.vendor
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(directory / "database.sqlite3")
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif engine == "postgresql":
        args, env = _pg_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(directory / "database.dump"), *args], env)
    else:
        raise BackupError(f"No database dump for {engine}; the JSON exports were written.")
    manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "engine": engine, "networks": slugs}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return BackupSummary(directory=directory, engine=engine, networks=slugs)


def _manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise BackupError(f"{directory} is not a netwerkregie backup ({MANIFEST}: {error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} in {directory / MANIFEST}.")
    return manifest


def _ensure_empty() -> None:
    if Network.objects.exists() or get_user_model().objects.exists():
        raise BackupError("This installation holds networks or accounts already; restore only into an empty "
                          "installation (a fresh database after `netwerkregie migrate`).")


def restore(directory: Path, *, json_only: bool = False) -> BackupSummary:
    """Bring a backup back into an empty installation; nothing is changed when that is refused."""
    manifest = _manifest(directory)
    _ensure_empty()
    engine = connection.vendor
    if json_only:
        _restore_json(directory, manifest["networks"])
    elif manifest["engine"] != engine:
        raise BackupError(f"The backup's database is {manifest['engine']}, this installation's is {engine}: "
                          "restore with --json-only (networks without accounts), or on the same engine.")
    elif engine == "sqlite":
        source = sqlite3.connect(directory / "database.sqlite3")
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
    else:
        args, env = _pg_env()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
              str(directory / "database.dump")], env)
    return BackupSummary(directory=directory, engine=engine, networks=manifest["networks"])


@transaction.atomic
def _restore_json(directory: Path, slugs: list[str]) -> None:
    for slug in slugs:
        path = directory / "networks" / f"{slug}.json"
        try:
            network_import(data=json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as error:
            raise BackupError(f"Cannot read {path}: {error}") from None
        except ValidationError as error:
            raise BackupError(f"{path}: " + " ".join(error.messages)) from None
