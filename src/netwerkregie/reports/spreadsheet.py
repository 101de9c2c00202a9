"""Import of the registry from one .xlsx workbook or a set of .csv files (docs/spreadsheet-format.md).

Rows are matched to existing objects: organisations, people, themes, coalitions and governance
units by name; participations by coalition, organisation and start date; theme roles by theme,
person, role and start date; unit seats by unit, person and start date. A matched object is
updated with the columns the sheet has (an empty cell clears an optional value, a missing
column leaves it alone); anything else is created.

The import is atomic and reports every bad row at once: every row is checked and written
inside one transaction through the registry services, problems are collected as
(sheet, row, column, reason), and when there is even one the transaction is rolled back.
Lookups are bulk: one query per kind of object, whatever the number of rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import IO, Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerkregie.core.tabular import RowError, TableImportError
from netwerkregie.registry import services
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Theme,
    ThemeRole,
)

from .layout import (
    CHOICE,
    DATE,
    DECIMAL,
    EXAMPLE_COLUMN_NAMES,
    IGNORED_SHEETS,
    MUNICIPALITY,
    ORG_TYPE,
    REFERENCE,
    SHEETS,
    Column,
    Sheet,
    choice_aliases,
    normalise,
    sheet_for,
)

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


# Results ---------------------------------------------------------------------------------


class SpreadsheetImportError(TableImportError):
    """The registry import stored nothing; `errors` lists every bad row (core.tabular.RowError)."""


@dataclass
class ImportSummary:
    """What an import did (or, in a dry run, would do), per sheet."""

    counts: dict[str, Counter] = field(default_factory=dict)
    dry_run: bool = False

    def count(self, sheet: Sheet, outcome: str) -> None:
        self.counts.setdefault(sheet.key, Counter())[outcome] += 1

    def rows(self) -> list[tuple[str, int, int, int, int]]:
        """(sheet title, created, updated, unchanged, example rows skipped) per sheet with rows."""
        outcomes = ("created", "updated", "unchanged", "example")
        return [(str(sheet.title), *(self.counts[sheet.key][outcome] for outcome in outcomes))
                for sheet in SHEETS if sheet.key in self.counts]

    def lines(self) -> list[str]:
        lines = []
        for title, created, updated, unchanged, examples in self.rows():
            line = _("%(sheet)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
                "sheet": title, "created": created, "updated": updated, "unchanged": unchanged}
            if examples:
                line += ", " + ngettext("%(n)d example row skipped", "%(n)d example rows skipped",
                                        examples) % {"n": examples}
            lines.append(line)
        return lines

    @property
    def examples_only(self) -> bool:
        """Nothing but the template's marked example rows: the user probably forgot to fill it in."""
        return bool(self.counts) and all(set(counter) == {"example"} for counter in self.counts.values())

    @property
    def total(self) -> int:
        return sum(n for counter in self.counts.values() for outcome, n in counter.items() if outcome != "example")


# Reading files -----------------------------------------------------------------------------


@dataclass
class Table:
    """The rows of one sheet as read: header text per column, values per row number."""

    sheet: Sheet
    name: str  # as the user named it (sheet title or file name)
    headers: list[str]
    rows: list[tuple[int, list[Any]]]


def _table(name: str, rows: Iterable[tuple[Any, ...]], errors: list[RowError]) -> Table | None:
    sheet = sheet_for(name)
    if sheet is None:
        if normalise(name) not in IGNORED_SHEETS:
            errors.append(RowError(name, 1, "", _("Unknown sheet; expected one of: %(sheets)s.")
                                   % {"sheets": ", ".join(s.name() for s in SHEETS)}))
        return None
    iterator = iter(rows)
    headers = [("" if value is None else str(value).strip()) for value in next(iterator, ())]
    data = [(number, list(values)) for number, values in enumerate(iterator, start=2)
            if any(value not in (None, "") and str(value).strip() for value in values)]
    return Table(sheet, name, headers, data)


def _read_xlsx(name: str, handle: IO[bytes], errors: list[RowError]) -> list[Table]:
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        errors.append(RowError(name, 0, "", _("This file cannot be read as an .xlsx workbook (%(error)s).")
                               % {"error": error}))
        return []
    try:
        tables = []
        for ws in workbook.worksheets:
            ws.reset_dimensions()  # some writers store a wrong size; read every row that is there
            tables.append(_table(ws.title, ws.iter_rows(values_only=True), errors))
    finally:
        workbook.close()
    return [table for table in tables if table]


def _read_csv(name: str, handle: IO[bytes], errors: list[RowError]) -> list[Table]:
    raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # "CSV (gescheiden door lijstscheidingsteken)"
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    table = _table(PurePath(name).stem, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), errors)
    return [table] if table else []


def read_tables(files: Iterable[tuple[str, IO[bytes]]]) -> tuple[list[Table], list[RowError]]:
    """Read (file name, binary file) pairs: .xlsx workbooks and .csv files named after their sheet."""
    tables: list[Table] = []
    errors: list[RowError] = []
    for name, handle in files:
        suffix = PurePath(name).suffix.lower()
        if suffix == ".xlsx":
            tables += _read_xlsx(name, handle, errors)
        elif suffix == ".csv":
            tables += _read_csv(name, handle, errors)
        else:
            errors.append(RowError(PurePath(name).name, 0, "",
                                   _("Only .xlsx workbooks and .csv files can be imported.")))
    seen: dict[str, Table] = {}
    for table in tables:
        if table.sheet.key in seen:
            errors.append(RowError(table.name, 1, "", _("The sheet %(sheet)s is given twice (also as %(other)s).")
                                   % {"sheet": table.sheet.name(), "other": seen[table.sheet.key].name}))
        seen[table.sheet.key] = table
    if not tables and not errors:
        errors.append(RowError("", 0, "", _("No sheet to import was found.")))
    return list(seen.values()), errors


# Cell values -------------------------------------------------------------------------------


class CellError(Exception):
    """A cell whose value cannot be used; the message is the reason shown to the user."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value).strip()


def cell_date(value: Any) -> datetime.date | None:
    """A date as Excel stores it or as typed (2025-01-31, 31-01-2025, …); raises CellError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date; write it as 2025-01-31 or 31-01-2025.") % {"value": text})


def cell_decimal(value: Any) -> Decimal | None:
    """Numbers as Excel stores them, or as typed in Dutch or English (1,5 or 1.5; € allowed)."""
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = re.sub(r"[\s€]", "", _text(value))
        if not text:
            return None
        if "," in text and "." in text:  # the separator written last is the decimal one
            text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") \
                else text.replace(",", "")
        else:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(_("“%(value)s” is not a number.") % {"value": _text(value)}) from None
    if not number.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": _text(value)})
    if number < 0:
        raise CellError(_("A contribution cannot be negative."))
    return number


class NameIndex:
    """Objects by name as users write them: exact spelling first, else case- and accent-blind."""

    def __init__(self, objects: Iterable[models.Model] = ()):
        self.exact: dict[str, list] = {}
        self.loose: dict[str, list] = {}
        for obj in objects:
            self.add(obj)

    def add(self, obj: models.Model, name: str | None = None) -> None:
        name = obj.name if name is None else name
        self.exact.setdefault(name, []).append(obj)
        self.loose.setdefault(normalise(name), []).append(obj)

    def find(self, name: str) -> list:
        return self.exact.get(name) or self.loose.get(normalise(name), [])


# The import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """How a sheet's rows reach the registry services."""

    model: type[models.Model]
    create: Any
    update: Any
    instance_arg: str  # the keyword the update service takes the object under
    parent: str = ""  # a reference column passed to the create service as the parent object


TARGETS: dict[str, Target] = {
    "organisations": Target(Organisation, services.organisation_create, services.organisation_update,
                            "organisation"),
    "people": Target(Person, services.person_create, services.person_update, "person"),
    "themes": Target(Theme, services.theme_create, services.theme_update, "theme"),
    "coalitions": Target(Coalition, services.coalition_create, services.coalition_update, "coalition"),
    "participations": Target(CoalitionParticipation, services.participation_add, services.participation_update,
                             "participation", parent="coalition"),
    "roles": Target(ThemeRole, services.theme_role_add, services.theme_role_update, "role", parent="theme"),
    "units": Target(GovernanceUnit, services.governance_unit_create, services.governance_unit_update, "unit"),
    "unit_members": Target(GovernanceUnitMembership, services.unit_membership_add,
                           services.unit_membership_update, "membership", parent="unit"),
}

UNKNOWN = {
    "organisations": gettext_lazy("Unknown organisation “%(name)s”: it is neither on the organisations sheet "
                                  "nor in the network."),
    "people": gettext_lazy("Unknown person “%(name)s”: they are neither on the people sheet nor in the network."),
    "themes": gettext_lazy("Unknown theme “%(name)s”: it is neither on the themes sheet nor in the network."),
    "coalitions": gettext_lazy("Unknown coalition “%(name)s”: it is neither on the coalitions sheet nor in the "
                               "network."),
    "units": gettext_lazy("Unknown governance unit “%(name)s”: it is neither on the units sheet nor in the "
                          "network."),
}


class _Skip(Exception):
    """The row depends on a row that failed; that row's error is reported already."""


class _Importer:
    """One import run: bulk-loaded lookups, the sheets in dependency order, the problems found."""

    def __init__(self, network: Network, tables: list[Table]):
        self.network = network
        self.tables = {table.sheet.key: table for table in tables}
        self.errors: list[RowError] = []
        self.summary = ImportSummary()
        self.types = {}
        self.example_positions: dict[str, int] = {}
        org_types = list(OrganisationType.objects.all())
        self.type_names = "; ".join(org_type.name for org_type in org_types)
        for org_type in org_types:
            for name in (org_type.key, org_type.name_nl, org_type.name_en):
                self.types[normalise(name)] = org_type
        self.municipalities = NameIndex(network.municipalities.all())
        self.index = {
            "organisations": NameIndex(network.organisations.select_related("type", "municipality")),
            "people": NameIndex(network.people.all()),
            "themes": NameIndex(network.themes.all()),
            "coalitions": NameIndex(network.coalitions.all()),
            "units": NameIndex(network.governance_units.all()),
        }
        self.existing = {
            "participations": CoalitionParticipation.objects.filter(coalition__network=network),
            "roles": ThemeRole.objects.filter(theme__network=network),
            "unit_members": GovernanceUnitMembership.objects.filter(unit__network=network),
        }
        # Names on a sheet whose row failed: references to them are not reported twice.
        self.failed: dict[str, set[str]] = {key: set() for key in self.index}
        self.choices = {column.choices: choice_aliases(column.choices)
                        for sheet in SHEETS for column in sheet.columns if column.choices}

    def run(self) -> None:
        for sheet in SHEETS:
            table = self.tables.get(sheet.key)
            if table is not None:
                self.import_table(table)

    # Columns and cells -------------------------------------------------------------------

    def columns(self, table: Table) -> dict[int, Column] | None:
        found: dict[int, Column] = {}
        sheet = table.sheet
        for position, header in enumerate(table.headers):
            if not header:
                continue
            if normalise(header) in EXAMPLE_COLUMN_NAMES:
                self.example_positions[table.sheet.key] = position
                continue
            column = next((c for c in sheet.columns if normalise(header) in c.names()), None)
            if column is None:
                self.error(table, 1, header, _("Unknown column; expected one of: %(columns)s.")
                           % {"columns": ", ".join(c.header() for c in sheet.columns)})
            elif column in found.values():
                self.error(table, 1, header, _("This column appears twice."))
            else:
                found[position] = column
        for column in sheet.columns:
            if column.required and column not in found.values():
                self.error(table, 1, column.header(), _("This required column is missing."))
        missing_required = any(c.required and c not in found.values() for c in sheet.columns)
        return None if missing_required else found

    def convert(self, column: Column, raw: Any) -> Any:
        """A cell's value as the service wants it; raises CellError or _Skip."""
        if column.kind == DATE:
            return cell_date(raw)
        if column.kind == DECIMAL:
            return cell_decimal(raw)
        text = _text(raw)
        if not text:
            if column.required:
                raise CellError(_("This cell is required."))
            return None if column.kind in (REFERENCE, MUNICIPALITY) else ""
        if column.kind == CHOICE:
            value = self.choices[column.choices].get(normalise(text))
            if value is None:
                raise CellError(_("“%(value)s” is not one of: %(choices)s.") % {
                    "value": text, "choices": ", ".join(str(label) for label in column.choices.labels)})
            return value
        if column.kind == ORG_TYPE:
            if normalise(text) not in self.types:
                raise CellError(_("Unknown organisation type “%(value)s”; choose one of: %(choices)s.") % {
                    "value": text, "choices": self.type_names})
            return self.types[normalise(text)]
        if column.kind == MUNICIPALITY:
            found = self.municipalities.find(text)
            if not found:
                found = [services.municipality_get_or_create(network=self.network, name=text)]
                self.municipalities.add(found[0])
            return found[0]
        if column.kind == REFERENCE:
            return self.reference(column.target, text)
        return text

    def reference(self, target: str, name: str) -> models.Model:
        found = self.index[target].find(name)
        if len(found) > 1:
            raise CellError(_("“%(name)s” is ambiguous: several objects in the network have this name.")
                            % {"name": name})
        if found:
            return found[0]
        if normalise(name) in self.failed[target]:
            raise _Skip
        raise CellError(UNKNOWN[target] % {"name": name})

    # Rows ----------------------------------------------------------------------------------

    def import_table(self, table: Table) -> None:
        columns = self.columns(table)
        if columns is None:
            return
        sheet = table.sheet
        target = TARGETS[sheet.key]
        existing = self.existing_by_identity(sheet)
        seen: dict[tuple, int] = {}
        marker = self.example_positions.get(sheet.key)
        for number, values in table.rows:
            if marker is not None and marker < len(values) and _text(values[marker]):
                self.summary.count(sheet, "example")
                continue
            data: dict[str, Any] = {}
            failed = skipped = False
            for position, column in columns.items():
                try:
                    data[column.field] = self.convert(column, values[position] if position < len(values) else None)
                except CellError as error:
                    self.error(table, number, table.headers[position], str(error))
                    failed = True
                except _Skip:
                    skipped = True
            if failed or skipped:
                self.forget(sheet, data.get("name"))
                continue
            identity = self.identity(sheet, data)
            if identity in seen:
                self.error(table, number, "", _("Duplicate row: the same %(what)s is on row %(row)d.")
                           % {"what": self.describe(sheet), "row": seen[identity]})
                continue
            seen[identity] = number
            if existing is None:  # matched by name
                found = self.index[sheet.key].find(data["name"])
                if len(found) > 1:
                    self.error(table, number, table.headers[self.position(columns, "name")],
                               _("“%(name)s” is ambiguous: several objects in the network have this name.")
                               % {"name": data["name"]})
                    continue
                obj = found[0] if found else None
            else:
                obj = existing.get(identity)
            self.write(table, number, target, obj, data, columns)

    def forget(self, sheet: Sheet, name: str | None) -> None:
        """Remember a failed row's name so that rows referring to it are skipped silently."""
        if name and sheet.key in self.failed:
            self.failed[sheet.key].add(normalise(name))

    @staticmethod
    def position(columns: dict[int, Column], field_name: str) -> int:
        return next(position for position, column in columns.items() if column.field == field_name)

    @staticmethod
    def describe(sheet: Sheet) -> str:
        return " + ".join(sheet.column(name).header() for name in sheet.identity)

    @staticmethod
    def identity(sheet: Sheet, data: dict[str, Any]) -> tuple:
        return tuple(normalise(value) if name == "name" else getattr(value, "pk", value)
                     for name, value in ((name, data.get(name)) for name in sheet.identity))

    def existing_by_identity(self, sheet: Sheet) -> dict[tuple, models.Model] | None:
        """Existing rows of a membership sheet by identity; None for sheets matched by name."""
        if sheet.key in self.index:
            return None
        by_identity: dict[tuple, models.Model] = {}
        for obj in self.existing[sheet.key]:
            key = tuple(getattr(obj, f"{name}_id") if hasattr(obj, f"{name}_id") else getattr(obj, name)
                        for name in sheet.identity)
            by_identity.setdefault(key, obj)
        return by_identity

    def write(self, table: Table, number: int, target: Target, obj: models.Model | None,
              data: dict[str, Any], columns: dict[int, Column]) -> None:
        sheet = table.sheet
        # A choice that cannot be blank: an empty cell means "the default" or "leave as is".
        data = {name: value for name, value in data.items()
                if value != "" or sheet.column(name).kind != CHOICE
                or target.model._meta.get_field(name).blank}
        try:
            if obj is None:
                scope = {} if target.parent else {"network": self.network}
                obj = target.create(**scope, **data)
                outcome = "created"
            else:
                changes = {name: value for name, value in data.items()
                           if name != target.parent and _differs(obj, name, value)}
                if changes:
                    target.update(**{target.instance_arg: obj}, **changes)
                outcome = "updated" if changes else "unchanged"
        except ValidationError as error:
            headers = {column.field: table.headers[position] for position, column in columns.items()}
            messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for name, reasons in messages.items():
                self.error(table, number, headers.get(name, ""), " ".join(reasons))
            self.forget(sheet, data.get("name"))
            return
        self.summary.count(sheet, outcome)
        if sheet.key in self.index and outcome == "created":
            self.index[sheet.key].add(obj)

    def error(self, table: Table, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(table.name, row, column, reason))


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    current = getattr(obj, f"{name}_id") if isinstance(value, models.Model) or (
        value is None and hasattr(obj, f"{name}_id")) else getattr(obj, name)
    return current != (value.pk if isinstance(value, models.Model) else value)


def import_spreadsheet(*, network: Network, files: Iterable[tuple[str, IO[bytes]]],
                       dry_run: bool = False) -> ImportSummary:
    """Import (file name, binary file) pairs into `network`: every row or none.

    Raises SpreadsheetImportError listing every bad row; with `dry_run` everything is checked
    and counted, and nothing is kept.
    """
    tables, errors = read_tables(files)
    importer = _Importer(network, tables)
    importer.errors += errors
    with transaction.atomic():
        importer.run()
        if importer.errors or dry_run:
            transaction.set_rollback(True)
    if importer.errors:
        raise SpreadsheetImportError(sorted(importer.errors, key=lambda e: (_sheet_order(e.sheet), e.row)))
    importer.summary.dry_run = dry_run
    return importer.summary


def _sheet_order(name: str) -> int:
    sheet = sheet_for(name)
    return SHEETS.index(sheet) if sheet else -1
