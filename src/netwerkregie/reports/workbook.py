"""Writing workbooks in the import layout: the template with examples and the registry export.

Both use the same layout as the import (reports/layout.py), so an export imports back as is.
Headers, sheet names and choice labels follow the active language; the import reads both.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from netwerkregie.core.xlsx import append_row, write_cell
from netwerkregie.registry.models import Network, OrganisationType

from .layout import (
    CHOICE,
    DATE,
    DECIMAL,
    EXAMPLE_COLUMN,
    EXAMPLE_MARK,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    ORG_TYPE,
    SHEETS,
    Column,
    choice_label,
)
from .selectors import registry_sheet_rows

VALIDATED_ROWS = 2000  # drop-downs reach this far down every sheet

# Example rows of the template: the fictitious region "Regio Kustland" (keys as in the export).
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "organisations": [
        {"name": "Gemeente Strandhoven", "type": "municipality", "municipality": "Strandhoven",
         "website": "https://www.strandhoven.example", "notes": "Centrumgemeente en penvoerder."},
        {"name": "Ziekenhuis Kustland", "type": "hospital", "municipality": "Strandhoven"},
        {"name": "Welzijn Strandhoven", "type": "welfare", "municipality": "Strandhoven"},
        {"name": "GGZ Duinstreek", "type": "ggz", "municipality": "Duinwijk"},
        {"name": "Woonstichting De Branding", "type": "housing", "municipality": "Duinwijk"},
    ],
    "people": [
        {"name": "Anne de Vries", "organisation": "Gemeente Strandhoven", "function": "wethouder Zorg",
         "email": "a.devries@strandhoven.example", "phone": "0101 234 567"},
        {"name": "Karim El Amrani", "organisation": "Ziekenhuis Kustland", "function": "lid raad van bestuur",
         "email": "k.elamrani@ziekenhuiskustland.example"},
        {"name": "Sanne Bakker", "organisation": "Welzijn Strandhoven", "function": "coördinator wijkteams"},
    ],
    "themes": [
        {"name": "Gezond ouder worden", "description": "Langer thuis wonen met passende steun.",
         "challenge": "elderly"},
        {"name": "Mentale gezondheid", "challenge": "mental_health"},
    ],
    "coalitions": [
        {"name": "Valpreventie thuis", "theme": "Gezond ouder worden", "sub_task": "Minder valincidenten bij 75+",
         "form": "project", "status": "active", "decision_principle": "consensus"},
        {"name": "Steunpunt mentale gezondheid", "theme": "Mentale gezondheid", "form": "alliance",
         "status": "exploring", "decision_principle": "consensus"},
    ],
    "participations": [
        {"coalition": "Valpreventie thuis", "organisation": "Gemeente Strandhoven",
         "contribution_people": Decimal("0.5"), "contribution_money": Decimal("25000"),
         "start_date": datetime.date(2025, 1, 1)},
        {"coalition": "Valpreventie thuis", "organisation": "Welzijn Strandhoven",
         "contribution_people": Decimal("1.2"), "start_date": datetime.date(2025, 1, 1)},
        {"coalition": "Valpreventie thuis", "organisation": "Ziekenhuis Kustland",
         "contribution_knowledge": "Valrisicoscreening", "start_date": datetime.date(2025, 3, 1)},
        {"coalition": "Steunpunt mentale gezondheid", "organisation": "GGZ Duinstreek",
         "contribution_people": Decimal("0.8")},
        {"coalition": "Steunpunt mentale gezondheid", "organisation": "Welzijn Strandhoven",
         "contribution_knowledge": "Wijknetwerken"},
    ],
    "roles": [
        {"theme": "Gezond ouder worden", "person": "Anne de Vries", "kind": "board_lead",
         "start_date": datetime.date(2025, 1, 1)},
        {"theme": "Gezond ouder worden", "person": "Sanne Bakker", "kind": "coordinator"},
        {"theme": "Mentale gezondheid", "person": "Karim El Amrani", "kind": "board_lead",
         "start_date": datetime.date(2024, 6, 1), "end_date": datetime.date(2025, 12, 31)},
    ],
    "units": [
        {"name": "Breed netwerkoverleg Kustland", "kind": "fundament",
         "description": "Alle partners, twee keer per jaar; besluit bij consent."},
        {"name": "Bestuurlijke regiegroep", "kind": "board_direction_group"},
    ],
    "unit_members": [
        {"unit": "Bestuurlijke regiegroep", "person": "Anne de Vries", "level": "strategic",
         "role_title": "voorzitter", "start_date": datetime.date(2025, 1, 1)},
        {"unit": "Bestuurlijke regiegroep", "person": "Karim El Amrani", "level": "strategic"},
        {"unit": "Breed netwerkoverleg Kustland", "person": "Sanne Bakker", "level": "operational"},
    ],
}


def _display(column: Column, value: Any, types: dict[str, OrganisationType]) -> Any:
    """A stored value as users read and type it: labels, names, real dates and numbers."""
    if value is None or value == "":
        return None
    if column.kind == CHOICE:
        return choice_label(column.choices, value)
    if column.kind == ORG_TYPE:
        return types[value].name if value in types else value
    return value


def _options(column: Column, types: list[OrganisationType]) -> list[str]:
    if column.kind == ORG_TYPE:
        return [t.name for t in types]
    return [str(label) for label in column.choices.labels]


def build_workbook(rows: dict[str, list[dict[str, Any]]], *, instructions: bool = True,
                   examples: bool = False) -> bytes:
    """A workbook with one sheet per kind of object, drop-downs for choices and the instructions.

    With `examples` the rows are the template's examples: each gets the example mark in a last
    column, so importing the template unchanged skips them instead of touching real data.
    """
    language = "nl" if (translation.get_language() or "nl").startswith("nl") else "en"
    types = list(OrganisationType.objects.all())
    by_key = {t.key: t for t in types}
    workbook = Workbook()
    workbook.remove(workbook.active)
    if instructions:
        _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET[language]), types, language)
    lists = workbook.create_sheet(LISTS_SHEET[language])
    lists.sheet_state = "hidden"
    list_column = 0
    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet.name())
        mark = [EXAMPLE_MARK[language]] if examples else []
        append_row(ws, [column.header() for column in sheet.columns] + ([EXAMPLE_COLUMN[language]] if examples else []))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in rows.get(sheet.key, []):
            append_row(ws, [_display(column, row.get(column.field), by_key) for column in sheet.columns] + mark)
        if examples:
            ws.column_dimensions[get_column_letter(len(sheet.columns) + 1)].width = 30
        for position, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(position)
            ws.column_dimensions[letter].width = 14 if column.kind in (DATE, DECIMAL) else 28
            if column.kind == DATE:
                for (cell,) in ws.iter_rows(min_row=2, min_col=position, max_col=position):
                    cell.number_format = "yyyy-mm-dd"
            if column.kind not in (CHOICE, ORG_TYPE):
                continue
            list_column += 1
            options = _options(column, types)
            list_letter = get_column_letter(list_column)
            write_cell(lists, 1, list_column, f"{sheet.name()}: {column.header()}")
            for index, option in enumerate(options, start=2):
                write_cell(lists, index, list_column, option)
            validation = DataValidation(
                type="list", allow_blank=True, errorStyle="warning", showErrorMessage=True,
                formula1=f"{quote_sheetname(lists.title)}!${list_letter}$2:${list_letter}${len(options) + 1}",
                error=_("Choose a value from the list."), errorTitle=column.header())
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            ws.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(ws, types: list[OrganisationType], language: str) -> None:
    """The explanation sheet (toelichting): how to fill in the workbook, column by column."""
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 90
    lines = [
        _("How to fill in this workbook"),
        _("Fill in one sheet per kind of object; the first row holds the column headers (Dutch or English)."),
        _("Rows are matched by name: an existing organisation, person, theme, coalition or governance unit with "
          "the same name is updated, anything else is created."),
        _("Participations, theme roles and unit members are matched by their first columns and start date."),
        _("The import is all or nothing: if one row is wrong nothing is stored, and every problem is listed with "
          "its sheet, row and column."),
        _("Dates as 2025-01-31 or 31-01-2025; numbers with a decimal comma or point."),
        _("The example rows are marked in the last column (%(column)s) and are skipped by the import. "
          "Overwrite or delete them; to import an example after all, empty its mark.")
        % {"column": EXAMPLE_COLUMN[language]},
        "",
    ]
    for line in lines:
        append_row(ws, [line])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, [_("Sheet"), _("Column"), _("Required"), _("Explanation")])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for sheet in SHEETS:
        for column in sheet.columns:
            explanation = str(column.help)
            if column.kind in (CHOICE, ORG_TYPE):
                explanation += " " + _("Choices: %(choices)s.") % {"choices": "; ".join(_options(column, types))}
            append_row(ws, [sheet.name(), column.header(), _("yes") if column.required else "", explanation])
            ws.cell(ws.max_row, 4).alignment = Alignment(wrap_text=True)


def template_workbook() -> bytes:
    """The downloadable template: headers, example rows of Regio Kustland, drop-downs, instructions."""
    return build_workbook(EXAMPLES, examples=True)


def registry_workbook(*, network: Network, contact_details: bool = True) -> bytes:
    """The network's registry in the import layout, so that it can be edited and imported back."""
    return build_workbook(registry_sheet_rows(network=network, contact_details=contact_details))
