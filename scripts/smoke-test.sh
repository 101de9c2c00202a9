#!/usr/bin/env bash
# Production smoke test: the app as a hosting partner runs it, behind deploy/nginx/netwerkregie.conf.
#
#   DATABASE_URL=postgres://… scripts/smoke-test.sh      (an empty database; run as root for nginx)
#
# Checks deploy/netwerkregie.service (systemd-analyze verify, when present), starts
# `netwerkregie serve --production` with debug off on loopback, nginx with the example
# configuration (only names, ports and certificate paths substituted, with a self-signed
# certificate), then with curl: HTTP redirects to HTTPS, logs in, opens the dashboard, fetches a
# static file by its hashed name, and checks HSTS, CSP and secure cookies. Exits non-zero on the
# first failure, printing the server's log.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to an empty database}"
BIN=${BIN:-.venv/bin}
app_port=${SMOKE_APP_PORT:-18000}
https_port=${SMOKE_HTTPS_PORT:-18443}
http_port=${SMOKE_HTTP_PORT:-18080}
work=$(mktemp -d /tmp/netwerkregie-smoke.XXXXXX)
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "SMOKE FAILED: $*" >&2
  for f in "$work"/*.headers; do [ -f "$f" ] && { echo "-- $f" >&2; cat "$f" >&2; }; done
  tail -n 40 "$work/server.log" >&2 || true
  exit 1
}

export NETWERKREGIE_HOME="$work/home" NETWERKREGIE_DEBUG=0
export NETWERKREGIE_SECRET_KEY
NETWERKREGIE_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export NETWERKREGIE_ALLOWED_HOSTS=localhost NETWERKREGIE_PROXY_SSL_HEADER=1 NETWERKREGIE_BEHIND_PROXY=1
export NETWERKREGIE_CSRF_TRUSTED_ORIGINS="https://localhost:$https_port"
mkdir -p "$NETWERKREGIE_HOME"

echo "== smoke: deploy check and data =="
"$BIN/netwerkregie" check --deploy --fail-level WARNING
"$BIN/netwerkregie" migrate -v0
"$BIN/netwerkregie" shell -c "
from django.contrib.auth import get_user_model
from netwerkregie.registry import services
user = get_user_model().objects.create_user('rook', password='Rook-test-wachtwoord-91')
network = services.network_create(slug='rookproef', name='Regio Rookproef')
services.membership_set(network=network, user=user, role='admin')
"

if command -v systemd-analyze >/dev/null; then
  echo "== smoke: systemd-analyze verify deploy/netwerkregie.service =="
  sed "s#/opt/netwerkregie/venv/bin/netwerkregie#$(realpath "$BIN")/netwerkregie#" deploy/netwerkregie.service \
    >"$work/netwerkregie.service"
  systemd-analyze verify "$work/netwerkregie.service"
fi

echo "== smoke: serve --production on 127.0.0.1:$app_port =="
"$BIN/netwerkregie" serve --production "127.0.0.1:$app_port" >"$work/server.log" 2>&1 &
server_pid=$!

echo "== smoke: nginx with deploy/nginx/netwerkregie.conf on :$https_port =="
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
sed -e "s#netwerkregie.example.nl#localhost#g" \
    -e "s#/etc/letsencrypt/live/localhost/fullchain.pem#$work/cert.pem#" \
    -e "s#/etc/letsencrypt/live/localhost/privkey.pem#$work/key.pem#" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" -e "/listen \[::\]/d" \
    -e "s#listen 80;#listen 127.0.0.1:$http_port;#" \
    -e "s#return 301 https://\$host\$request_uri;#return 301 https://\$host:$https_port\$request_uri;#" \
    -e "s#server 127.0.0.1:8000;#server 127.0.0.1:$app_port;#" \
    deploy/nginx/netwerkregie.conf >"$work/site.conf"
mkdir -p "$work/nginx-temp"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx-temp/body;
  proxy_temp_path $work/nginx-temp/proxy;
  include $work/site.conf;
}
EOF
nginx -t -c "$work/nginx.conf" -p "$work" 2>&1 | tail -n 2
nginx -c "$work/nginx.conf" -p "$work"

base="https://localhost:$https_port"
curl_() { curl -sS -k --max-time 30 -b "$work/cookies" -c "$work/cookies" "$@"; }
for _ in $(seq 1 600); do
  curl_ --fail -o /dev/null "$base/accounts/login/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server ended"
  sleep 1
done

echo "== smoke: requests and headers =="
redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$http_port/accounts/login/")
[[ $redirect == "301 https://localhost:$https_port/accounts/login/" ]] || fail "HTTP does not redirect: $redirect"

curl_ -D "$work/login.headers" -o "$work/login.html" "$base/accounts/login/"
grep -qi '^strict-transport-security: max-age=31536000; includeSubDomains; preload' "$work/login.headers" \
  || fail "no HSTS header"
grep -qi "^content-security-policy: .*script-src 'self'" "$work/login.headers" || fail "no CSP header"
grep -qi '^set-cookie: csrftoken=.*; HttpOnly;.*Secure' "$work/login.headers" || fail "CSRF cookie not Secure"
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$work/login.html" | head -n 1 | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || fail "no CSRF token in the login form"

curl_ -D "$work/post.headers" -o /dev/null -H "Referer: $base/accounts/login/" \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode username=rook \
  --data-urlencode password=Rook-test-wachtwoord-91 "$base/accounts/login/"
grep -q '^HTTP/[0-9.]* 302' "$work/post.headers" || fail "login refused: $(head -n 1 "$work/post.headers")"
grep -qi '^set-cookie: sessionid=.*HttpOnly.*Secure' "$work/post.headers" || fail "session cookie not Secure"

status=$(curl_ -o "$work/dashboard.html" -w '%{http_code}' "$base/n/rookproef/")
[ "$status" = 200 ] || fail "dashboard answered $status"
grep -q "Regio Rookproef" "$work/dashboard.html" || fail "the dashboard does not show the network"

css=$(grep -o '/static/css/netwerkregie\.[0-9a-f]\{12\}\.css' "$work/dashboard.html" | head -n 1)
[ -n "$css" ] || fail "no hashed static file name in the page"
curl_ -D "$work/static.headers" -o /dev/null -H 'Accept-Encoding: gzip' "$base$css"
grep -q '^HTTP/[0-9.]* 200' "$work/static.headers" || fail "static $css: $(head -n 1 "$work/static.headers")"
grep -qi '^cache-control: max-age=315360000, public, immutable' "$work/static.headers" || fail "static not cached"
grep -qi '^content-encoding: gzip' "$work/static.headers" || fail "static not compressed"

status=$(curl_ -o "$work/404.html" -w '%{http_code}' "$base/bestaat-niet/")
[ "$status" = 404 ] && grep -q "Pagina niet gevonden" "$work/404.html" || fail "not our own 404 page ($status)"

grep -q "background worker" "$work/server.log" && fail "the worker restarted: $(grep 'background worker' "$work/server.log")"
echo "== smoke test passed =="
