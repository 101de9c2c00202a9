"""The sections a director chooses from, in the report's order, and building a report from them.

Adding a section: a module with its content dataclass, build() and SECTION; a template
reports/board/_<key>.html; and one line in SECTIONS below (docs/reports.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone, translation

from netwerkregie.registry.models import Network

from . import changes, effects, funding, glance, governance, organising, structure, survey, warnings
from .base import BuiltSection, Period, Section, Table

SECTIONS: list[Section] = [
    glance.SECTION,
    survey.SECTION,
    structure.SECTION,
    governance.SECTION,
    organising.SECTION,
    effects.SECTION,
    funding.SECTION,
    warnings.SECTION,
    changes.SECTION,
]
SECTION_KEYS = [section.key for section in SECTIONS]


def section_choices() -> list[tuple[str, str]]:
    return [(section.key, str(section.title)) for section in SECTIONS]


@dataclass(frozen=True)
class Previous:
    """The previous saved report, as far as the comparison needs it."""

    period: str
    created_at: datetime.datetime
    figures: dict[str, dict]


@dataclass(frozen=True)
class BuiltReport:
    network: Network
    period: Period
    language: str
    foreword: str
    created_at: datetime.datetime
    sections: list[BuiltSection]
    figures: dict[str, dict]  # the snapshot stored with the report: key → label, value

    @property
    def tables(self) -> list[Table]:
        return [table for built in self.sections for table in built.tables]


def _json_value(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def build_report(*, network: Network, period: Period, language: str, keys: list[str], foreword: str = "",
                 previous: Previous | None = None, progress: Callable[[str], None] | None = None,
                 created_at: datetime.datetime | None = None) -> BuiltReport:
    """Build the chosen sections in the report's order and language; comparing sections come last.

    `progress(title)` is called before each section, so a background task can show its steps.
    """
    chosen = [section for section in SECTIONS if section.key in keys]
    built: dict[str, BuiltSection] = {}
    figures: dict[str, dict] = {}
    with translation.override(language):
        for section in sorted(chosen, key=lambda s: s.compares):
            if progress:
                progress(str(section.title))
            extra = {}
            if section.compares:
                extra = {"figures": figures} if previous is None else {
                    "figures": figures, "previous": previous.figures, "previous_period": previous.period,
                    "previous_created_at": previous.created_at}
            content = section.build(network=network, period=period, language=language, **extra)
            figures.update({f.key: {"label": f.label, "value": _json_value(f.value)} for f in content.figures()})
            built[section.key] = BuiltSection(section, content, content.tables())
    return BuiltReport(network, period, language, foreword, created_at or timezone.now(),
                       [built[section.key] for section in chosen], figures)
