"""ISO dates, moments and decimals in the JSON exchange format and the demo data (docs/json-format.md).

Strict on purpose: a document written by the export reads back exactly. Lenient reading of what
people type in a spreadsheet is reports.spreadsheet (`cell_date`, `cell_decimal`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal


def iso(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date or moment as ISO 8601 text; None stays None."""
    return value.isoformat() if value else None


def parse_date(text: str | None) -> datetime.date | None:
    """An ISO date (YYYY-MM-DD); empty or None is no date. Raises ValueError on anything else."""
    return datetime.date.fromisoformat(text) if text else None


def parse_decimal_text(text: str | None) -> Decimal | None:
    """A decimal as the export writes it ("1234.50"); empty or None is no number."""
    return None if text in (None, "") else Decimal(text)
