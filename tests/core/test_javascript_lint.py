"""make check lints our own JavaScript with biome: a planted mistake fails it, the vendored libraries are left alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIOME = ROOT / "node_modules" / ".bin" / "biome"

pytestmark = pytest.mark.skipif(not BIOME.exists(), reason="make check installs biome (npm ci) first")


def lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIOME), "lint", "--error-on-warnings", "--vcs-enabled=false"], cwd=tree,
                          capture_output=True, text=True, timeout=60)


def test_the_projects_javascript_is_clean():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_planted_mistake_fails_and_vendored_code_is_not_linted(tmp_path):
    shutil.copy(ROOT / "biome.jsonc", tmp_path)
    own, vendor = tmp_path / "src/netwerkregie/static/js/map", tmp_path / "src/netwerkregie/static/vendor/lib"
    own.mkdir(parents=True)
    vendor.mkdir(parents=True)
    (vendor / "lib.min.js").write_text("var a = 1; if (a == 1) { debugger; }\n")
    assert lint(tmp_path).returncode == 0

    (own / "planted.js").write_text("export function check(a) {\n  return a == 1;\n}\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "planted.js" in result.stdout + result.stderr and "noDoubleEquals" in result.stdout + result.stderr
