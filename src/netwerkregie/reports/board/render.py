"""A built board report as a page, a PDF (WeasyPrint) and a workbook (openpyxl).

Page and PDF share the section templates; the PDF adds a cover, a table of contents with page
numbers, running headers and a data appendix with every table. The workbook has one sheet per
table, every cell written through `safe_cell`.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from netwerkregie.reports.pdf import tagged_pdf

from .base import Table
from .sections import BuiltReport

# Characters openpyxl refuses in a cell (control characters other than tab, newline, return).
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_START = ("=", "+", "-", "@")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31


def report_html(report: BuiltReport, *, printable: bool = False) -> str:
    """The report's HTML: the page's body, or (printable) the standalone document WeasyPrint lays out."""
    template = "reports/board/report_print.html" if printable else "reports/board/_report.html"
    with translation.override(report.language):
        return render_to_string(template, {"report": report})


def report_pdf(report: BuiltReport) -> bytes:
    return tagged_pdf(report_html(report, printable=True))


def safe_cell(value: object) -> object:
    """A value as a cell: text that a spreadsheet would run as a formula stays text, bad characters go."""
    if isinstance(value, Decimal):
        return float(value)
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS.sub("", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _sheet_title(table: Table, used: set[str]) -> str:
    base = SHEET_TITLE_FORBIDDEN.sub(" ", table.title).strip()[:SHEET_TITLE_MAX] or table.key[:SHEET_TITLE_MAX]
    title, number = base, 2
    while title.lower() in used:
        suffix = f" ({number})"
        title, number = base[:SHEET_TITLE_MAX - len(suffix)] + suffix, number + 1
    used.add(title.lower())
    return title


def report_xlsx(report: BuiltReport) -> bytes:
    """One sheet per table of the report, with a first sheet naming the network, the period and the date."""
    with translation.override(report.language):
        workbook = Workbook()
        about = workbook.active
        about.title = _sheet_title(Table("about", _("Report"), []), used := set())
        for row in ([_("Board report"), report.network.name], [_("Period"), report.period.label],
                    [_("Created at"), report.created_at.replace(tzinfo=None)]):
            about.append([safe_cell(value) for value in row])
        about.column_dimensions["A"].width = 24
        about.column_dimensions["B"].width = 48
        for table in report.tables:
            sheet = workbook.create_sheet(_sheet_title(table, used))
            sheet.append([safe_cell(column) for column in table.columns])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
            for row in table.rows:
                sheet.append([safe_cell(value) for value in row])
            for index in range(1, len(table.columns) + 1):
                sheet.column_dimensions[get_column_letter(index)].width = 36 if index == 1 else 18
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()
