"""Writing user-entered values into xlsx workbooks safely; every workbook writer goes through here.

Two dangers of text typed by users: a value starting with = + - @ is run as a formula when the
workbook is opened or the cell is edited (formula injection), and control characters make
openpyxl refuse the whole workbook. Text is therefore stripped of those characters and, when it
looks like a formula, stored as text with Excel's quote prefix: shown and imported back as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

# The one media type of every xlsx download.
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@")


def clean_text(value: object) -> object:
    """`value` without the characters a workbook cannot hold; other types unchanged."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _as_text(cell: Cell) -> Cell:
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _appendable(sheet: Worksheet, value: object) -> object:
    """The value itself, or for text that looks like a formula a text cell (placed by `append`)."""
    value = clean_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return _as_text(Cell(sheet, row=1, column=1, value=value))
    return value


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """Append a row of values, text made safe (see the module docstring); works on write-only sheets.

    Plain values are appended as they are: a cell object per value makes a million-cell export
    several times slower, and looking the new row up by `sheet.max_row` made large exports quadratic.
    """
    sheet.append([_appendable(sheet, value) for value in values])


def write_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write one value at (row, column), text made safe."""
    return _as_text(sheet.cell(row, column, clean_text(value)))
