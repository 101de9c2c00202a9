"""The dashboard's warnings, summarised per kind; the full list is a page of its own.

A network of 2,000 organisations can have hundreds of warnings of one kind (organisations in no
coalition): the dashboard shows per kind how many there are and the first few, and links to the
warnings page, which lists every warning, filtered by kind and paginated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from netwerkregie.core import signals
from netwerkregie.core.signals import Signal
from netwerkregie.registry.models import Network

EXAMPLES_PER_KIND = 3  # warnings of one kind shown on the dashboard before "and N more"


@dataclass(frozen=True)
class WarningKind:
    """The warnings of one code in a group: how many, and the first EXAMPLES_PER_KIND of them."""

    code: str
    count: int
    examples: list[Signal]

    @property
    def more(self) -> int:
        return self.count - len(self.examples)


@dataclass(frozen=True)
class WarningSummary:
    """One provider's warnings on the dashboard, kind by kind in the order the provider gave them."""

    key: str
    title: str
    count: int
    kinds: list[WarningKind]


def _summarise(groups: list[signals.SignalGroup]) -> list[WarningSummary]:
    summaries = []
    for group in groups:
        by_code: dict[str, list[Signal]] = defaultdict(list)
        for signal in group.signals:
            by_code[signal.code].append(signal)
        summaries.append(WarningSummary(
            group.key, group.title, len(group.signals),
            [WarningKind(code, len(found), found[:EXAMPLES_PER_KIND]) for code, found in by_code.items()]))
    return summaries


def warning_summary(*, network: Network) -> list[WarningSummary]:
    """Every group of warnings, counted per kind, with a few examples of each."""
    return _summarise(signals.collect(network=network))


@dataclass(frozen=True)
class WarningRow:
    """One warning on the warnings page, under the heading of its group."""

    group: str
    title: str
    signal: Signal


@dataclass(frozen=True)
class WarningList:
    """The warnings page: the summary of every group (the filter) and the warnings that pass it."""

    summaries: list[WarningSummary]
    rows: list[WarningRow]


def warning_list(*, network: Network, group: str | None = None, code: str | None = None) -> WarningList:
    """Every warning of the network, optionally of one group and one kind, in dashboard order."""
    groups = signals.collect(network=network)
    return WarningList(_summarise(groups), [
        WarningRow(found.key, found.title, signal)
        for found in groups if not group or found.key == group
        for signal in found.signals if not code or signal.code == code])
