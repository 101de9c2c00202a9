"""ISO dates and moments in the JSON exchange format and the demo data (docs/json-format.md)."""

from __future__ import annotations

import datetime


def iso(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date or moment as ISO 8601 text; None stays None."""
    return value.isoformat() if value else None


def parse_date(text: str | None) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD); empty or None is no date. Raises ValueError on anything else."""
    return datetime.date.fromisoformat(text) if text else None
