"""Reading uploaded tables (.csv or .xlsx) into rows, and placing each problem where Excel shows it.

Imports read every row first and collect every problem as a RowError, so a user fixes the whole
file at once; see the monitoring import (docs/indicators.md).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    """One problem: file or sheet, row number (1 is the header), column header, reason."""

    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = _("%(sheet)s row %(row)d") % {"sheet": self.sheet, "row": self.row}
        if self.column:
            where += ", " + _("column %(column)s") % {"column": self.column}
        return f"{where}: {self.reason}"


class TableImportError(ValidationError):
    """The import stored nothing; `errors` lists every bad row."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([str(error) for error in errors])


@dataclass(frozen=True)
class Table:
    """Header texts and the non-empty rows (with their row numbers) of one sheet or file."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]


def cell_text(value: Any) -> str:
    """A cell as the user typed it: whole floats without .0, dates as ISO, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value).strip()


def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes "CSV (lijstscheidingsteken)"."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def csv_rows(text: str) -> list[list[str]]:
    """All rows of a CSV text; `;` (Dutch Excel, StatLine) or `,` as the first line uses most."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _table(name: str, rows: list[list[Any]] | list[tuple[Any, ...]]) -> Table:
    iterator = iter(rows)
    headers = [cell_text(value) for value in next(iterator, ())]
    data = [(number, list(values)) for number, values in enumerate(iterator, start=2)
            if any(cell_text(value) for value in values)]
    return Table(name, headers, data)


def read_table(name: str, handle: IO[bytes]) -> Table:
    """The first sheet of an .xlsx workbook or a .csv file; TableImportError when it cannot be read."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        return _table(PurePath(name).name, csv_rows(decode_csv(handle.read())))
    if suffix != ".xlsx":
        raise TableImportError([RowError(PurePath(name).name, 0, "",
                                         _("Only .xlsx workbooks and .csv files can be imported."))])
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableImportError([RowError(PurePath(name).name, 0, "", _(
            "This file cannot be read as an .xlsx workbook (%(error)s).") % {"error": error})]) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read every row that is there
        return _table(sheet.title, list(sheet.iter_rows(values_only=True)))
    finally:
        workbook.close()
