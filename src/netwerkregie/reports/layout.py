"""The spreadsheet layout shared by the import, the template and the registry export.

One sheet per kind of object (docs/spreadsheet-format.md). Sheet names and column headers are
accepted in English and in Dutch; cells holding a choice accept its key or its English or
Dutch label, case-insensitively. The layout is data, so the reader, the writers, the
instructions sheet and the documentation cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import (
    CoalitionForm,
    CoalitionStatus,
    DecisionPrinciple,
    GovernanceUnitKind,
    Level,
    RegiobeeldChallenge,
    ThemeRoleKind,
)

# Kinds of cell: how a raw value becomes a Python value.
TEXT, DATE, DECIMAL, CHOICE, ORG_TYPE, MUNICIPALITY, REFERENCE = (
    "text", "date", "decimal", "choice", "org_type", "municipality", "reference")

# Dutch words users type for choices, next to the keys and the translated labels.
DUTCH_CHOICE_ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    CoalitionForm: {"programma": "programme", "alliantie": "alliance", "onderzoeksgroep": "research_group",
                    "overig": "other", "anders": "other"},
    CoalitionStatus: {"verkennend": "exploring", "verkenning": "exploring", "actief": "active",
                      "gepauzeerd": "paused", "afgerond": "completed", "gestopt": "stopped"},
    DecisionPrinciple: {"meerderheid": "majority"},
    ThemeRoleKind: {"bestuurlijk trekker": "board_lead", "trekker": "board_lead", "coördinator": "coordinator",
                    "coordinator": "coordinator"},
    Level: {"strategisch": "strategic", "bestuurlijk": "strategic", "tactisch": "tactical",
            "operationeel": "operational"},
    GovernanceUnitKind: {"breed netwerkoverleg": "fundament", "bestuurlijke regiegroep": "board_direction_group",
                         "regieteam": "direction_team", "beleidsadviesgroep": "policy_advisory_group",
                         "data- en onderzoeksteam": "data_research_team", "overig": "other"},
    RegiobeeldChallenge: {"preventie": "prevention", "jeugd": "youth", "ouderen": "elderly",
                          "mentale gezondheid": "mental_health", "arbeidsmarkt": "labour_market"},
}


def normalise(text: object) -> str:
    """Compare headers and names the way people mean them: case, accents and spacing ignored.

    Works for every script: only combining marks (accents) are dropped, never letters, so a
    Cyrillic or Arabic name stays itself instead of collapsing to "" and matching another one.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = unicodedata.normalize("NFKC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    loose = re.sub(r"[\s_\-']+", " ", bare.casefold()).strip()
    return loose or " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


@dataclass(frozen=True)
class Column:
    """A column: `field` is the service argument, `en`/`nl` the headers users see."""

    field: str
    en: str
    nl: str
    kind: str = TEXT
    required: bool = False
    help: Promise | str = ""
    choices: type[models.TextChoices] | None = None
    target: str = ""  # the sheet a REFERENCE column names a row of
    aliases: tuple[str, ...] = ()

    def header(self) -> str:
        return self.nl if _dutch() else self.en

    def names(self) -> set[str]:
        return {normalise(name) for name in (self.field, self.en, self.nl, *self.aliases)}


@dataclass(frozen=True)
class Sheet:
    """A sheet: its rows are identified by `key` (columns whose values make a row unique)."""

    key: str
    nl: str
    title: Promise | str
    columns: tuple[Column, ...]
    identity: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def name(self) -> str:
        return self.nl if _dutch() else self.key

    def names(self) -> set[str]:
        return {normalise(name) for name in (self.key, self.nl, *self.aliases)}

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


def _dutch() -> bool:
    return (translation.get_language() or "nl").startswith("nl")


def choice_aliases(choices: type[models.TextChoices]) -> dict[str, str]:
    """Normalised key, English label, Dutch label and Dutch alias → the stored value."""
    aliases = {normalise(k): v for k, v in DUTCH_CHOICE_ALIASES.get(choices, {}).items()}
    for value, label in choices.choices:
        for language in ("en", "nl"):
            with translation.override(language):
                aliases[normalise(label)] = value
        aliases[normalise(value)] = value
    return aliases


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label users read in the current language (what the template's drop-downs offer)."""
    return str(choices(value).label) if value else ""


NAME = Column("name", "name", "naam", required=True, help=_("Unique within the sheet; an existing object with "
                                                            "this name is updated."))
START = Column("start_date", "start date", "startdatum", DATE, aliases=("begindatum", "start", "van", "from"),
               help=_("Date as 2025-01-31 or 31-01-2025; empty: since always."))
END = Column("end_date", "end date", "einddatum", DATE, aliases=("end", "tot", "until"),
             help=_("Date as 2025-12-31 or 31-12-2025; empty: still holds."))
PERSON = Column("person", "person", "persoon", REFERENCE, required=True, target="people",
                help=_("Name of a person on the people sheet or already in the network."))

SHEETS: tuple[Sheet, ...] = (
    Sheet("organisations", "organisaties", _("Organisations"), (
        NAME,
        Column("type", "type", "type", ORG_TYPE, required=True, aliases=("soort", "organisation type"),
               help=_("Organisation type: its key or its Dutch or English name, e.g. ggz or Ziekenhuis.")),
        Column("municipality", "municipality", "gemeente", MUNICIPALITY,
               help=_("Municipality; one the network does not cover yet is added.")),
        Column("website", "website", "website", help=_("Full address, e.g. https://www.example.nl.")),
        Column("notes", "notes", "notities", aliases=("opmerkingen",), help=_("Free text.")),
    ), identity=("name",), aliases=("organisaties", "organisatie", "organisation")),
    Sheet("people", "personen", _("People"), (
        NAME,
        Column("organisation", "organisation", "organisatie", REFERENCE, target="organisations",
               help=_("Name of an organisation on the organisations sheet or already in the network.")),
        Column("function", "function", "functie", help=_("Function or job title.")),
        Column("email", "e-mail", "e-mail", aliases=("email address", "e-mailadres"), help=_("E-mail address.")),
        Column("phone", "phone", "telefoon", aliases=("telefoonnummer", "phone number"), help=_("Phone number.")),
    ), identity=("name",), aliases=("person", "persoon", "mensen")),
    Sheet("themes", "themas", _("Themes"), (
        NAME,
        Column("description", "description", "beschrijving", aliases=("omschrijving",), help=_("Free text.")),
        Column("challenge", "regiobeeld challenge", "regiobeeld-opgave", CHOICE, choices=RegiobeeldChallenge,
               aliases=("challenge", "opgave"), help=_("One of the regiobeeld challenges (drop-down).")),
    ), identity=("name",), aliases=("thema's", "thema", "theme")),
    Sheet("coalitions", "coalities", _("Coalitions"), (
        NAME,
        Column("theme", "theme", "thema", REFERENCE, required=True, target="themes",
               help=_("Name of a theme on the themes sheet or already in the network.")),
        Column("sub_task", "sub-task", "deeltaak", aliases=("subtaak", "opdracht"), help=_("Free text.")),
        Column("form", "form", "vorm", CHOICE, choices=CoalitionForm,
               help=_("Programme, project, alliance, research group, shared service centre or other; "
                      "empty: project.")),
        Column("status", "status", "status", CHOICE, choices=CoalitionStatus, help=_("Empty: active.")),
        Column("decision_principle", "decision principle", "besluitvorming", CHOICE, choices=DecisionPrinciple,
               aliases=("besluitvormingsprincipe",), help=_("Consensus, consent or majority; empty: consensus.")),
    ), identity=("name",), aliases=("coalitie", "coalition")),
    Sheet("participations", "deelnames", _("Coalition participations"), (
        Column("coalition", "coalition", "coalitie", REFERENCE, required=True, target="coalitions",
               help=_("Name of a coalition on the coalitions sheet or already in the network.")),
        Column("organisation", "organisation", "organisatie", REFERENCE, required=True, target="organisations",
               help=_("Name of an organisation on the organisations sheet or already in the network.")),
        Column("contribution_people", "people (FTE)", "inzet mensen (fte)", DECIMAL,
               aliases=("fte", "inzet mensen", "contribution people"), help=_("Number ≥ 0, e.g. 0,8.")),
        Column("contribution_money", "money (€)", "inzet geld (€)", DECIMAL,
               aliases=("geld", "inzet geld", "contribution money", "money"), help=_("Amount in euros ≥ 0.")),
        Column("contribution_knowledge", "knowledge", "inzet kennis", aliases=("kennis", "contribution knowledge"),
               help=_("Free text.")),
        START, END,
    ), identity=("coalition", "organisation", "start_date"), aliases=("deelname", "participation")),
    Sheet("roles", "rollen", _("Theme roles"), (
        Column("theme", "theme", "thema", REFERENCE, required=True, target="themes",
               help=_("Name of a theme on the themes sheet or already in the network.")),
        PERSON,
        Column("kind", "role", "rol", CHOICE, required=True, choices=ThemeRoleKind,
               help=_("Board lead (bestuurlijk trekker) or coordinator.")),
        START, END,
    ), identity=("theme", "person", "kind", "start_date"), aliases=("rol", "role", "theme roles", "themarollen")),
    Sheet("units", "overleggen", _("Governance units"), (
        NAME,
        Column("kind", "kind", "soort", CHOICE, required=True, choices=GovernanceUnitKind,
               help=_("Fundament, board direction group, direction team, policy advisory group, data and "
                      "research team or other.")),
        Column("description", "description", "beschrijving", aliases=("omschrijving",), help=_("Free text.")),
    ), identity=("name",), aliases=("governance units", "overleg", "unit")),
    Sheet("unit_members", "overlegleden", _("Governance unit members"), (
        Column("unit", "unit", "overleg", REFERENCE, required=True, target="units",
               aliases=("governance unit",), help=_("Name of a unit on the units sheet or already in the network.")),
        PERSON,
        Column("level", "level", "niveau", CHOICE, required=True, choices=Level,
               help=_("Strategic, tactical or operational.")),
        Column("role_title", "role", "rol", aliases=("functie in overleg",),
               help=_("The person's role in the unit, e.g. chair (voorzitter).")),
        START, END,
    ), identity=("unit", "person", "start_date"), aliases=("members", "leden", "unit members")),
)

# Sheets a workbook may hold besides the data: the instructions and the drop-down lists.
IGNORED_SHEETS = {normalise(name) for name in ("toelichting", "instructions", "lijsten", "lists")}
INSTRUCTIONS_SHEET = {"nl": "toelichting", "en": "instructions"}
LISTS_SHEET = {"nl": "lijsten", "en": "lists"}
# The template's example rows carry a mark in this last column; the import skips marked rows, so
# importing the unchanged template never touches a network's real data.
EXAMPLE_COLUMN = {"nl": "voorbeeld", "en": "example"}
EXAMPLE_MARK = {"nl": "voorbeeld – wordt overgeslagen", "en": "example – skipped"}
EXAMPLE_COLUMN_NAMES = {normalise(name) for name in EXAMPLE_COLUMN.values()}


def sheet_for(name: str) -> Sheet | None:
    wanted = normalise(name)
    return next((sheet for sheet in SHEETS if wanted in sheet.names()), None)
