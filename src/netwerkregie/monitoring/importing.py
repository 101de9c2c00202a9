"""Imports of indicator values: the long format (docs/indicators.md), StatLine CSV and StatLine direct.

Every import is atomic and reports every bad row at once as (file, row, column, reason); when
there is even one problem nothing is stored. Indicators must exist (their definition is the
coordinator's decision); areas are created from their CBS codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from netwerkregie.core.tabular import RowError, Table, TableImportError, cell_text, read_table
from netwerkregie.registry.models import Network

from . import services
from .models import Indicator
from .periods import parse_period
from .services import ValueRow, ValuesWritten

# Column headers of the long format, with the Dutch headers a data team writes.
COLUMNS = {
    "indicator": ("indicator",),
    "area": ("area", "area code", "gebied", "gebiedscode", "regiocode", "regios"),
    "period": ("period", "periode", "perioden"),
    "value": ("value", "waarde"),
    "source": ("source", "bron"),
    "area_name": ("area name", "gebiedsnaam", "naam gebied"),
}
REQUIRED = ("indicator", "area", "period", "value")
# StatLine writes "." for a value that is unknown or secret, "x" and "-" for other gaps.
STATLINE_MISSING = {"", ".", "x", "-", "?"}


def parse_number(text: str) -> Decimal:
    """1234,5 or 1.234,5 (Dutch), 1234.5 or 1,234.5 (English); ValueError with a reason otherwise."""
    cleaned = re.sub(r"[\s%€]", "", text)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".") if cleaned.rfind(",") > cleaned.rfind(".") \
            else cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
    return number


def _normalise(header: str) -> str:
    return re.sub(r"[\s_'’]+", " ", header.strip().lower()).strip()


@dataclass(frozen=True)
class ImportResult:
    written: ValuesWritten
    rows: int


def _columns(table: Table, errors: list[RowError]) -> dict[str, int]:
    found = {}
    for index, header in enumerate(table.headers):
        for key, aliases in COLUMNS.items():
            if _normalise(header) in aliases and key not in found:
                found[key] = index
    for key in REQUIRED:
        if key not in found:
            errors.append(RowError(table.name, 1, COLUMNS[key][0], _("This column is missing.")))
    return found


def _cell(values: list[Any], index: int | None) -> str:
    return cell_text(values[index]) if index is not None and index < len(values) else ""


@transaction.atomic
def import_long_format(*, network: Network, name: str, handle: IO[bytes]) -> ImportResult:
    """Values in the long format: one row per indicator, area code, period and value (docs/indicators.md)."""
    table = read_table(name, handle)
    errors: list[RowError] = []
    columns = _columns(table, errors)
    if errors:
        raise TableImportError(errors)
    indicators = {indicator.name.casefold(): indicator for indicator in network.indicators.all()}
    rows, seen = [], {}
    for number, values in table.rows:
        def fail(key: str, reason: str, number: int = number) -> None:
            errors.append(RowError(table.name, number, table.headers[columns[key]], reason))

        indicator = indicators.get(_cell(values, columns["indicator"]).casefold())
        if indicator is None:
            fail("indicator", _("Unknown indicator “%(name)s”; create it first or correct the name.")
                 % {"name": _cell(values, columns["indicator"])})
        code = services.normalise_code(_cell(values, columns["area"]))
        if not code:
            fail("area", _("The area code is empty."))
        period = _cell(values, columns["period"])
        try:
            period = parse_period(period).key
        except ValueError as error:
            fail("period", str(error))
            period = None
        value = None
        try:
            value = parse_number(_cell(values, columns["value"]))
        except ValueError as error:
            fail("value", str(error) if _cell(values, columns["value"]) else _("The value is empty."))
        if indicator and code and period:
            key = (indicator.pk, code, period)
            if key in seen:
                fail("period", _("Row %(row)d has a value for the same indicator, area and period.")
                     % {"row": seen[key]})
            seen.setdefault(key, number)
        if indicator and code and period and value is not None:
            rows.append(ValueRow(indicator=indicator, area_code=code, period=period, value=value,
                                 source=_cell(values, columns.get("source")),
                                 area_name=_cell(values, columns.get("area_name"))))
    if errors:
        raise TableImportError(errors)
    return ImportResult(services.values_store(network=network, rows=rows), len(rows))


def statline_rows(*, records: list[dict[str, Any]], indicator: Indicator, measure: str, region: str,
                   period: str, source: str, names: dict[str, str], where: str) -> list[ValueRow]:
    """Rows of a StatLine data set (keys per dimension, one column per measure) as values of one indicator."""
    errors: list[RowError] = []
    if records and measure not in records[0]:
        raise TableImportError([RowError(where, 1, measure, _(
            "This table has no column %(column)s; its columns are: %(columns)s.")
            % {"column": measure, "columns": ", ".join(records[0])})])
    rows = []
    for number, record in enumerate(records, start=2):
        raw = cell_text(record.get(measure))
        if raw.lower() in STATLINE_MISSING:
            continue
        code = services.normalise_code(cell_text(record.get(region)))
        try:
            key = parse_period(cell_text(record.get(period))).key
        except ValueError as error:
            errors.append(RowError(where, number, period, str(error)))
            continue
        try:
            value = parse_number(raw)
        except ValueError as error:
            errors.append(RowError(where, number, measure, str(error)))
            continue
        rows.append(ValueRow(indicator=indicator, area_code=code, period=key, value=value, source=source,
                             area_name=names.get(code, "")))
    if errors:
        raise TableImportError(errors)
    return rows


@transaction.atomic
def import_statline_csv(*, network: Network, name: str, handle: IO[bytes], indicator: Indicator, measure: str,
                        table_id: str = "") -> ImportResult:
    """A StatLine table downloaded as "CSV (onbewerkte dataset)": region and period keys, one column per measure."""
    table = read_table(name, handle)
    region = next((h for h in table.headers if h.startswith(("RegioS", "WijkenEnBuurten", "Gemeenten"))), None)
    period = next((h for h in table.headers if h == "Perioden"), None)
    if region is None or period is None:
        raise TableImportError([RowError(table.name, 1, "", _(
            "This is not a StatLine data set: it needs a region column (RegioS or WijkenEnBuurten) and Perioden."))])
    records = [dict(zip(table.headers, values, strict=False)) for _number, values in table.rows]
    rows = statline_rows(records=records, indicator=indicator, measure=measure, region=region, period=period,
                          source=table_id or table.name, names={}, where=table.name)
    return ImportResult(services.values_store(network=network, rows=rows), len(rows))
