"""Shapes every board-report section shares: the period, figures, tables and the section itself."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.utils.formats import date_format
from django.utils.functional import Promise


@dataclass(frozen=True)
class Period:
    """What a report covers: a calendar year or any range of days."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def is_year(self) -> bool:
        return self == Period.year(self.start.year)

    @property
    def label(self) -> str:
        """A calendar year reads as the year, any other period as its two dates (in the active language)."""
        if self.is_year:
            return str(self.start.year)
        return f"{date_format(self.start, 'DATE_FORMAT')} – {date_format(self.end, 'DATE_FORMAT')}"


Value = int | float | Decimal | str | None


@dataclass(frozen=True)
class Figure:
    """One number the report shows under a stable key, so the next report can compare it."""

    key: str
    label: str
    value: Value


@dataclass(frozen=True)
class Table:
    """One table of the report: a sheet of the workbook and a table of the data appendix."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


class Content(Protocol):
    """What a section's build returns: a frozen dataclass that also lists its figures and tables."""

    def figures(self) -> list[Figure]: ...

    def tables(self) -> list[Table]: ...


@dataclass(frozen=True)
class Section:
    """A chapter of the board report: `build` reads one app's selectors into typed content.

    `build(network=..., period=..., language=...)` runs inside translation.override(language),
    so every label it makes is already in the report's language. The template
    reports/board/_<key>.html shows the content as `content`, in the page and the PDF alike.
    """

    key: str
    title: str | Promise
    build: Callable[..., Content]
    # A comparing section is built last and also gets this report's figures and the previous
    # report's (see sections.build_report).
    compares: bool = False

    @property
    def template(self) -> str:
        return f"reports/board/_{self.key}.html"


@dataclass(frozen=True)
class BuiltSection:
    """A section's content and its tables, both made in the report's language."""

    section: Section
    content: Content
    tables: list[Table]

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self) -> str:
        return str(self.section.title)

