#!/usr/bin/env bash
# The Debian packages netwerkregie's tests and servers need, in one list for `make test` and .ci/run.
# As root: installs the missing ones (a dpkg query per package, so an installed machine skips apt).
# Otherwise: prints the exact apt command and exits 1.
#
#   scripts/system-packages.sh            the packages for `make test`
#   scripts/system-packages.sh --ci       also PostgreSQL server and nginx for .ci/run's smoke test
set -euo pipefail

packages=(make python3-venv chromium gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core
          postgresql-client sqlite3 curl)
if [ "${1:-}" = "--ci" ]; then
  packages+=(postgresql nginx-light)
fi

missing=()
# Node.js and npm run the JavaScript linter (biome, installed by `make check` with npm ci); a
# node installed otherwise (NodeSource, nvm) brings its own npm and needs no Debian package.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "== system packages already installed =="
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "== apt-get install ${missing[*]} =="
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
