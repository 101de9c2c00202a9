"""Limits on guessing: wrong passwords (django-axes) and wrong API tokens (a counter in the cache).

Both count per client address; behind a reverse proxy (settings.BEHIND_PROXY) the address is the one
the proxy appended to X-Forwarded-For, since every request then comes from the proxy itself.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address that sent the request: the right-most X-Forwarded-For entry is the one our proxy saw."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


class LoginAttemptsBackend(AxesStandaloneBackend):
    """django-axes' lockout for every login over HTTP.

    Logins without a request (the shell, the test client's `login()`) cannot be guessed from outside,
    so they pass on to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def _token_key(request: HttpRequest) -> str:
    return f"token-failures:{client_ip(request)}"


def token_attempts_blocked(request: HttpRequest) -> bool:
    """Whether this address sent too many wrong tokens in the current window."""
    return cache.get(_token_key(request), 0) >= settings.TOKEN_FAILURE_LIMIT


def token_attempt_failed(request: HttpRequest) -> None:
    """Count one wrong token; the window starts with the first failure."""
    key = _token_key(request)
    if not cache.add(key, 1, timeout=settings.TOKEN_FAILURE_WINDOW.total_seconds()):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=settings.TOKEN_FAILURE_WINDOW.total_seconds())
