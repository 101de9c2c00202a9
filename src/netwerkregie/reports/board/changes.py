"""What changed since the previous saved report: its stored figures beside this report's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table


@dataclass(frozen=True)
class Change:
    label: str
    before: object
    after: object

    @property
    def difference(self) -> float | None:
        numbers = (int, float, Decimal)
        if isinstance(self.before, numbers) and isinstance(self.after, numbers) and not isinstance(
                self.before, bool):
            return round(float(self.after) - float(self.before), 3)
        return None


@dataclass(frozen=True)
class Changes:
    previous_period: str  # "" when there is no previous report
    previous_created_at: datetime.datetime | None
    changes: list[Change]
    unchanged: int

    def figures(self) -> list[Figure]:
        return []

    def tables(self) -> list[Table]:
        return [Table("changes", _("Changes since the previous report"),
                      [_("Figure"), _("Previous report"), _("This report"), _("Difference")],
                      [[c.label, c.before, c.after, c.difference] for c in self.changes])]


def build(*, network: Network, period: Period, language: str, figures: dict[str, dict],
          previous: dict[str, dict] | None = None, previous_period: str = "",
          previous_created_at: datetime.datetime | None = None) -> Changes:
    """Every figure both reports show whose value differs; figures of sections only one has are left out.

    `figures` and `previous` are snapshots as BoardReport.figures stores them: key → label, value.
    """
    if previous is None:
        return Changes("", None, [], 0)
    shared = [key for key in figures if key in previous]
    changes = [Change(figures[key]["label"], previous[key]["value"], figures[key]["value"])
               for key in shared if previous[key]["value"] != figures[key]["value"]]
    return Changes(previous_period, previous_created_at, changes, len(shared) - len(changes))

SECTION = Section("changes", gettext_lazy("What changed since the previous report"), build, compares=True)
