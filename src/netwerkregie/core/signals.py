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
class Finding:
    """A signal without its words, so it is stored once and worded in the language of each page.

    `pk`: the object to act on; `names`: the names the sentence needs; `number`: a count, parts or share.
    """

    code: str
    pk: int
    names: tuple[str, ...]
    number: int = 0


@dataclass(frozen=True)
class Findings:
    """What a provider found; `complete` False: part of what it rests on was missing (a large network's
    analysis not yet of today's data), so this is not to be stored."""

    findings: tuple[Finding, ...]
    complete: bool = True

    def to_json(self) -> list:
        return [[f.code, f.pk, list(f.names), f.number] for f in self.findings]

    @classmethod
    def from_json(cls, rows: list) -> Findings:
        return cls(tuple(Finding(code, pk, tuple(names), number) for code, pk, names, number in rows))


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
