"""The decision log as a table (csv and xlsx): one row per proposal with its versions, responses and outcome.

Cells a spreadsheet would run as a formula (text starting with = + - @, tab or carriage return) are written
as text – typed as a string in xlsx, prefixed with an apostrophe in csv – so a proposal title cannot execute
anything when a financier opens the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Proposal
from .selectors.decisions import proposal_principle

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _date(day) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def header() -> list[str]:
    return [_("title"), _("body"), _("decision principle"), _("state"), _("created"), _("decided on"),
            _("versions"), _("current text"), _("responses"), _("objections"), _("outcome statement"),
            _("outcome written by"), _("review date"), _("advice to financier"), _("financier's response")]


def rows(proposals: Iterable[Proposal]) -> list[list[object]]:
    """Rows of the log from proposals prefetched by `selectors.decisions.proposal_list`."""
    result = []
    for p in proposals:
        versions = list(p.versions.all())
        responses = list(p.responses.all())
        result.append([
            p.title, str(p.body), proposal_principle(p), p.get_state_display(), _date(p.created_at.date()),
            _date(p.decided_on), len(versions), versions[-1].text if versions else "",
            "; ".join(f"v{r.version} {r.organisation.name}: {r.get_kind_display()}"
                      + (f" ({_('by proxy')})" if r.proxy else "") for r in responses),
            "; ".join(f"v{r.version} {r.organisation.name}: {r.reason} [{r.get_objection_status_display()}"
                      + (f": {r.resolution}" if r.resolution else "") + "]"
                      for r in responses if r.objection_status),
            p.outcome, p.outcome_by.name if p.outcome_by else "", _date(p.review_date),
            p.financier.name if p.financier else "", p.financier_response,
        ])
    return result


def as_csv(proposals: Iterable[Proposal]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    writer.writerows([[safe_cell(v) for v in row] for row in rows(proposals)])
    return buffer.getvalue()


def as_xlsx(proposals: Iterable[Proposal]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Decision log")[:31]
    sheet.append(header())
    for row in rows(proposals):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:  # stored as text: a leading = + - @ is never a formula
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
