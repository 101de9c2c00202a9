"""The apps import one way (docs/contributing.md): every import in src/, read from the source.

Imports inside functions count too, so a deferred import cannot hide a cycle; the one exception
is an AppConfig's ready(), where an app registers its signal provider with core. The project's
own wiring (settings, urls, api, cli, wsgi) stands above every app.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import netwerkregie

SOURCE = Path(netwerkregie.__file__).resolve().parent

# Low to high; an app imports only apps of a lower layer. Audit sits just above core because the
# registry and the surveys log to it; funding measures effects against monitoring's goals. Accounts
# (sign-in by single sign-on, two-factor devices) builds on the registry's members and invitations.
LAYERS = [
    {"core"},
    {"audit"},
    {"registry"},
    {"assessments", "accounts"},
    {"analysis"},
    {"governance", "organising", "monitoring"},
    {"funding"},
    {"overview", "reports"},
    {"demo"},
]
LAYER_OF = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
PROJECT = {"settings", "urls", "api", "cli", "wsgi", "__init__"}  # wiring: may import any app
NOT_IMPORTED = {"overview", "reports", "demo"}  # no app imports these (the project's wiring may)


@dataclass(frozen=True)
class Edge:
    source: str  # the importing file, relative to the package
    line: int
    app: str
    target: str


def _in_ready(tree: ast.Module) -> set[int]:
    """Ids of the import nodes inside an AppConfig's ready()."""
    allowed = set()
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        bases = {getattr(b, "id", getattr(b, "attr", "")) for b in cls.bases}
        if "AppConfig" not in bases:
            continue
        for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "ready"):
            allowed |= {id(n) for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom)}
    return allowed


def _imported(node: ast.Import | ast.ImportFrom, package: list[str]) -> list[str]:
    """The absolute module names an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = package[: len(package) - node.level + 1]
        return [".".join([*base, node.module] if node.module else base)]
    return [node.module or ""]


def edges(source: Path = SOURCE) -> list[Edge]:
    """Every import of one top-level part of the package by another, outside ready()."""
    result = []
    for path in sorted(source.rglob("*.py")):
        relative = path.relative_to(source)
        app = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        tree = ast.parse(path.read_text(), str(path))
        allowed = _in_ready(tree)
        package = ["netwerkregie", *relative.parts[:-1]]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or id(node) in allowed:
                continue
            for module in _imported(node, package):
                parts = module.split(".")
                if parts[0] == "netwerkregie" and len(parts) > 1 and parts[1] != app:
                    result.append(Edge(str(relative), node.lineno, app, parts[1]))
    return result


def violations(found: list[Edge]) -> list[str]:
    """The imports that break the layer order, as `file:line imports app`."""
    wrong = []
    for edge in found:
        if edge.app in PROJECT:
            continue
        if edge.app == "demo" and edge.target in LAYER_OF and edge.target != "demo":
            continue  # demo uses everything
        if edge.target in NOT_IMPORTED or LAYER_OF.get(edge.target, -1) >= LAYER_OF.get(edge.app, -1):
            wrong.append(f"{edge.source}:{edge.line} ({edge.app}) imports {edge.target}")
    return wrong


def test_every_app_has_a_layer():
    apps = {p.name for p in SOURCE.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LAYER_OF)


def test_layers_import_one_way():
    found = edges()
    assert found, "the walk found no imports at all"
    assert violations(found) == []


def test_core_imports_no_domain_app():
    assert [e for e in edges() if e.app == "core"] == []


@pytest.mark.parametrize(("code", "expected"), [
    ("from netwerkregie.registry.models import Network\n", ["core/bad.py:1 (core) imports registry"]),
    ("def f():\n    from netwerkregie.analysis import selectors\n", ["core/bad.py:2 (core) imports analysis"]),
    ("from ..reports import services\n", ["core/bad.py:1 (core) imports reports"]),
    ("class C(AppConfig):\n    def ready(self):\n        from netwerkregie.registry import selectors\n", []),
    ("from netwerkregie.core import signals\n", []),
])
def test_the_walk_sees_a_planted_import(tmp_path, code, expected):
    """The check itself: a top-level, a deferred and a relative import upwards are caught."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text(code)
    assert violations(edges(tmp_path)) == expected
