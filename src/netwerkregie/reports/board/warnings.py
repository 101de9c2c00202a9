"""The warnings of every app, as the dashboard shows them (core.signals)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.core import signals
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table


@dataclass(frozen=True)
class Warnings:
    groups: list[signals.SignalGroup]

    def figures(self) -> list[Figure]:
        return [Figure("warnings.count", _("Warnings"), sum(len(group.signals) for group in self.groups))]

    def tables(self) -> list[Table]:
        return [Table("warnings", _("Warnings"), [_("Group"), _("Warning")],
                      [[group.title, signal.message] for group in self.groups for signal in group.signals])]


def build(*, network: Network, period: Period, language: str) -> Warnings:
    """Today's warnings: signals describe the network as it is now, not as it was in the period."""
    return Warnings(signals.collect(network=network))


SECTION = Section("warnings", gettext_lazy("Warnings"), build)
