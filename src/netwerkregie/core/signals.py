"""Signals: the warnings every app publishes about a network, composed by the dashboard.

An app registers one provider per group in its AppConfig.ready(); the dashboard (overview) asks
every registered provider in INSTALLED_APPS order, so a new app adds its warnings without any
other app importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Signal:
    """One problem found in a network: a stable code, a translated sentence, where to act."""

    code: str
    message: str
    url: str = ""


Provider = Callable[..., list[Signal]]


@dataclass(frozen=True)
class SignalGroup:
    """The signals of one provider, under its heading on the dashboard."""

    key: str
    title: str
    signals: list[Signal]


@dataclass(frozen=True)
class _Registration:
    key: str
    title: str | Promise
    provider: Provider


_providers: dict[str, _Registration] = {}


def register(key: str, title: str | Promise, provider: Provider) -> None:
    """Publish `provider(network=...) -> list[Signal]` under `key`; registering a key again replaces it."""
    _providers[key] = _Registration(key, title, provider)


def collect(*, network: models.Model) -> list[SignalGroup]:
    """Every registered provider's signals for `network`, in registration order, empty groups left out."""
    groups = []
    for registration in _providers.values():
        signals = registration.provider(network=network)
        if signals:
            groups.append(SignalGroup(registration.key, str(registration.title), signals))
    return groups
