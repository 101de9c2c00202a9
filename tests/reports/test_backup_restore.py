"""`netwerkregie backup -o DIR` and `netwerkregie restore DIR`: the demo region survives the round trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def cli(database: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "NETWERKREGIE_HOME": str(database.parent)}
    return subprocess.run([sys.executable, "-m", "netwerkregie.cli", *args], env=env, capture_output=True,
                          text=True, check=check, timeout=600)


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory) -> tuple[Path, Path]:
    """The demo region in a throwaway database, backed up."""
    work = tmp_path_factory.mktemp("backup")
    source = work / "source.sqlite3"
    cli(source, "migrate", "-v0")
    cli(source, "demo")
    cli(source, "create-token", "demo", "Power BI")
    cli(source, "backup", "-o", str(work / "backup"))
    return source, work / "backup"


def test_the_backup_holds_every_network_and_a_database_copy(backed_up):
    _source, backup = backed_up
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite" and manifest["networks"] == ["regio-voorbeeld"]
    data = json.loads((backup / "networks" / "regio-voorbeeld.json").read_text())
    assert data["network"]["name"] == "Regio Voorbeeld"
    assert (backup / "database.sqlite3").stat().st_size > 100_000


def test_restore_into_an_empty_installation_brings_everything_back(backed_up, tmp_path):
    source, backup = backed_up
    target = tmp_path / "target.sqlite3"
    cli(target, "migrate", "-v0")
    out = cli(target, "restore", str(backup)).stdout
    assert "Restored 1 network(s)" in out
    cli(target, "export", "regio-voorbeeld", "-o", str(tmp_path / "after.json"))
    cli(source, "export", "regio-voorbeeld", "-o", str(tmp_path / "before.json"))
    before, after = (json.loads((tmp_path / name).read_text()) for name in ("before.json", "after.json"))
    before.pop("exported_at", None), after.pop("exported_at", None)
    assert after == before
    # Accounts, memberships and API tokens come back too: the demo user still logs in.
    check = cli(target, "shell", "-v0", "-c", "from django.contrib.auth import authenticate as a; "
                                       "from netwerkregie.registry.models import ApiToken as T; "
                                       "print(a(username='demo', password='demo') is not None, T.objects.count())")
    assert check.stdout.split() == ["True", "1"]


def test_restore_refuses_a_database_that_holds_data(backed_up, tmp_path):
    _source, backup = backed_up
    target = tmp_path / "busy.sqlite3"
    cli(target, "migrate", "-v0")
    cli(target, "createsuperuser", "--noinput", "--username", "beheer", "--email", "b@example.org")
    result = cli(target, "restore", str(backup), check=False)
    assert result.returncode != 0 and "empty installation" in result.stderr
    assert "beheer" in cli(target, "shell", "-v0", "-c", "from django.contrib.auth.models import User; "
                                                 "print(list(User.objects.values_list('username', flat=True)))").stdout


def test_restore_from_the_json_exports_on_any_engine(backed_up, tmp_path):
    _source, backup = backed_up
    target = tmp_path / "json.sqlite3"
    cli(target, "migrate", "-v0")
    assert "Restored 1 network(s)" in cli(target, "restore", str(backup), "--json-only").stdout
    names = cli(target, "shell", "-v0", "-c", "from netwerkregie.registry.models import Network; "
                                       "print(Network.objects.get().organisations.count())").stdout
    assert int(names) > 20


def test_a_directory_that_is_no_backup_is_named(tmp_path):
    target = tmp_path / "t.sqlite3"
    cli(target, "migrate", "-v0")
    result = cli(target, "restore", str(tmp_path), check=False)
    assert result.returncode != 0 and "is not a netwerkregie backup" in result.stderr
