"""CBS period keys: 2022JJ00 (year), 2023KW02 (quarter), 2023MM05 (month), and their dates.

StatLine keys every period this way; values from other sources are stored under the same keys
so a yearly GGD figure and a yearly CBS figure line up. Dutch labels as StatLine shows them
("2022", "2022*" provisional, "2023 2e kwartaal", "2023 mei") are read as the same keys.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
_KEY = re.compile(r"^(\d{4})(JJ|KW|MM)(\d{2})$")
_QUARTER_LABEL = re.compile(r"^(\d{4})\s+([1-4])e\s+kwartaal$")
_MONTH_LABEL = re.compile(r"^(\d{4})\s+([a-z]+)$")


@dataclass(frozen=True)
class Period:
    key: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        year, kind, number = self.key[:4], self.key[4:6], int(self.key[6:])
        if kind == "JJ":
            return year
        if kind == "KW":
            return _("Q%(quarter)d %(year)s") % {"quarter": number, "year": year}
        return f"{year}-{number:02d}"


def parse_period(text: str) -> Period:
    """A CBS key or StatLine label as a Period; ValueError with a translated reason otherwise."""
    cleaned = str(text).strip().rstrip("*").strip()
    key = _key_of(cleaned.upper()) or _key_of_label(cleaned.lower())
    if key is None:
        raise ValueError(_("“%(value)s” is not a period; write it as 2022JJ00 (year), 2023KW02 (quarter) or "
                           "2023MM05 (month).") % {"value": text})
    year, kind, number = int(key[:4]), key[4:6], int(key[6:])
    if kind == "JJ":
        return Period(key, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    first_month, months = ((number - 1) * 3 + 1, 3) if kind == "KW" else (number, 1)
    last_month = first_month + months - 1
    return Period(key, datetime.date(year, first_month, 1),
                  datetime.date(year, last_month, calendar.monthrange(year, last_month)[1]))


def _key_of(text: str) -> str | None:
    match = _KEY.match(text)
    if match is None:
        return None
    kind, number = match.group(2), int(match.group(3))
    valid = {"JJ": number == 0, "KW": 1 <= number <= 4, "MM": 1 <= number <= 12}[kind]
    return text if valid else None


def _key_of_label(text: str) -> str | None:
    if re.fullmatch(r"\d{4}", text):
        return f"{text}JJ00"
    if match := _QUARTER_LABEL.match(text):
        return f"{match.group(1)}KW0{match.group(2)}"
    if (match := _MONTH_LABEL.match(text)) and match.group(2) in MONTHS_NL:
        return f"{match.group(1)}MM{MONTHS_NL.index(match.group(2)) + 1:02d}"
    return None
