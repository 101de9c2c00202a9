"""Spreadsheet import (.xlsx and .csv), the template, the registry workbook, the CLI and the exchange page."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnitMembership,
    Organisation,
    Person,
    Theme,
    ThemeRole,
)
from netwerkregie.reports.layout import SHEETS
from netwerkregie.reports.selectors import registry_sheet_rows
from netwerkregie.reports.spreadsheet import SpreadsheetImportError, import_spreadsheet
from netwerkregie.reports.workbook import registry_workbook, template_workbook

pytestmark = pytest.mark.django_db


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with the given sheets; the first row of each is its header."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unmarked(template: bytes) -> bytes:
    """The template with the example marks emptied: the examples become rows to import."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    for sheet in workbook.worksheets:
        if sheet.max_column and sheet.cell(1, sheet.max_column).value in ("voorbeeld", "example"):
            sheet.delete_cols(sheet.max_column)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(network, files: dict[str, bytes], **options):
    return import_spreadsheet(network=network, files=[(name, io.BytesIO(data)) for name, data in files.items()],
                              **options)


def errors_of(network, files: dict[str, bytes]) -> list[tuple[str, int, str, str]]:
    with pytest.raises(SpreadsheetImportError) as caught:
        run(network, files)
    return [(e.sheet, e.row, e.column, e.reason) for e in caught.value.errors]


GOOD = {
    "organisaties": [["naam", "type", "gemeente", "website", "notities"],
                     ["Ziekenhuis Noord", "hospital", "Noorddorp", "https://zn.example", "Topklinisch"],
                     ["Welzijn Zuid", "Welzijnsorganisatie", "zuidstad", None, None],
                     ["GGZ Midden", "mental health care (ggz)", "Middelveld", None, None]],
    "personen": [["naam", "organisatie", "functie", "e-mail", "telefoon"],
                 ["Ada Bestuur", "Ziekenhuis Noord", "bestuurder", "ada@zn.example", 612345678],
                 ["Bo Coördinator", "welzijn zuid", "coördinator", None, None]],
    "themas": [["naam", "beschrijving", "regiobeeld-opgave"],
               ["Ouderen", "Langer thuis", "(frail) elderly"]],
    "coalities": [["naam", "thema", "deeltaak", "vorm", "status", "besluitvorming"],
                  ["Valpreventie", "Ouderen", "Minder vallen", "programma", "actief", None],
                  ["Wijkzorg", "Ouderen", None, "Alliance", None, "consent"]],
    "deelnames": [["coalitie", "organisatie", "inzet mensen (fte)", "inzet geld (€)", "inzet kennis", "startdatum",
                   "einddatum"],
                  ["Valpreventie", "Ziekenhuis Noord", 0.8, 25000, "screening", datetime.date(2025, 1, 1), None],
                  ["Valpreventie", "Welzijn Zuid", "1,5", "€ 1.234,50", None, "01-03-2025", "2025-12-31"],
                  ["Wijkzorg", "GGZ Midden", None, None, None, None, None]],
    "rollen": [["thema", "persoon", "rol", "startdatum", "einddatum"],
               ["Ouderen", "Ada Bestuur", "bestuurlijk trekker", datetime.datetime(2024, 5, 1), None],
               ["Ouderen", "Bo Coördinator", "coordinator", None, None]],
    "overleggen": [["naam", "soort", "beschrijving"],
                   ["Regiegroep", "bestuurlijke regiegroep", None]],
    "overlegleden": [["overleg", "persoon", "niveau", "rol", "startdatum"],
                     ["Regiegroep", "Ada Bestuur", "strategisch", "voorzitter", "1-1-2025"]],
}


def test_xlsx_import_creates_everything_and_updates_existing_objects(network, org_type):
    existing = services.organisation_create(network=network, name="Ziekenhuis Noord", type=org_type("other"),
                                            notes="oud")
    summary = run(network, {"regio.xlsx": xlsx(GOOD)})

    assert summary.counts["organisations"] == {"created": 2, "updated": 1}
    assert {key: dict(counter) for key, counter in summary.counts.items() if key != "organisations"} == {
        "people": {"created": 2}, "themes": {"created": 1}, "coalitions": {"created": 2},
        "participations": {"created": 3}, "roles": {"created": 2}, "units": {"created": 1},
        "unit_members": {"created": 1}}
    existing.refresh_from_db()
    assert (existing.type.key, existing.municipality.name, existing.notes, existing.website) == (
        "hospital", "Noorddorp", "Topklinisch", "https://zn.example")
    assert Organisation.objects.get(network=network, name="Welzijn Zuid").municipality.name == "Zuidstad"
    assert Organisation.objects.get(network=network, name="GGZ Midden").type.key == "ggz"
    assert "Middelveld" in network.municipalities.values_list("name", flat=True)  # added to the network
    ada = Person.objects.get(network=network, name="Ada Bestuur")
    assert (ada.organisation, ada.email, ada.phone) == (existing, "ada@zn.example", "612345678")
    assert Theme.objects.get(network=network).challenge == "elderly"
    valpreventie = Coalition.objects.get(network=network, name="Valpreventie")
    assert (valpreventie.form, valpreventie.status, valpreventie.decision_principle, valpreventie.sub_task) == (
        "programme", "active", "consensus", "Minder vallen")
    assert Coalition.objects.get(network=network, name="Wijkzorg").form == "alliance"
    participations = {p.organisation.name: p for p in valpreventie.participations.select_related("organisation")}
    assert participations["Ziekenhuis Noord"].contribution_people == Decimal("0.8")
    assert participations["Ziekenhuis Noord"].contribution_money == Decimal("25000")
    assert participations["Ziekenhuis Noord"].start_date == datetime.date(2025, 1, 1)
    welzijn = participations["Welzijn Zuid"]
    assert (welzijn.contribution_people, welzijn.contribution_money) == (Decimal("1.5"), Decimal("1234.50"))
    assert (welzijn.start_date, welzijn.end_date) == (datetime.date(2025, 3, 1), datetime.date(2025, 12, 31))
    roles = {r.kind: r for r in ThemeRole.objects.filter(theme__network=network).select_related("person")}
    assert roles["board_lead"].person == ada and roles["board_lead"].start_date == datetime.date(2024, 5, 1)
    assert roles["coordinator"].person.name == "Bo Coördinator"
    seat = GovernanceUnitMembership.objects.get(unit__network=network)
    assert (seat.unit.kind, seat.level, seat.role_title, seat.start_date) == (
        "board_direction_group", "strategic", "voorzitter", datetime.date(2025, 1, 1))

    # The same file again changes nothing; a changed cell updates just that row.
    again = run(network, {"regio.xlsx": xlsx(GOOD)})
    assert again.counts["participations"] == {"unchanged": 3}
    changed = {**GOOD, "deelnames": [GOOD["deelnames"][0], [*GOOD["deelnames"][1][:2], 2, *GOOD["deelnames"][1][3:]]]}
    assert run(network, {"regio.xlsx": xlsx(changed)}).counts["participations"] == {"updated": 1}
    assert valpreventie.participations.get(organisation=existing).contribution_people == Decimal("2")
    assert CoalitionParticipation.objects.filter(coalition__network=network).count() == 3


def csv_bytes(rows: list[list], delimiter: str) -> bytes:
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    return text.encode("utf-8-sig")  # as Excel saves "CSV UTF-8"


def test_csv_import_with_semicolons_commas_bom_and_english_headers(network):
    files = {
        "organisations.csv": csv_bytes([["Name", "Type"], ["Huisartsen Oost", "GP"], ["Gemeente Noorddorp",
                                                                                    "gemeente"]], ";"),
        "people.csv": csv_bytes([["name", "organisation", "email"], ["Cas Huisarts", "Huisartsen Oost",
                                                                      "cas@example.org"]], ","),
        # Excel's plain "CSV" is Windows-1252.
        "themes.csv": "naam;beschrijving\r\nPreventie;één loket – dichtbij\r\n".encode("cp1252"),
        "coalitions.csv": csv_bytes([["name", "theme", "form"], ["Gezonde wijk", "Preventie", "research group"]],
                                    ";"),
        "deelnames.csv": csv_bytes([["coalition", "organisation", "people (FTE)", "money (€)", "start date"],
                                    ["Gezonde wijk", "Huisartsen Oost", "0,25", "1500", "31-01-2025"],
                                    ["Gezonde wijk", "Gemeente Noorddorp", "", "", ""]], ";"),
    }
    summary = run(network, files)
    assert summary.counts["participations"] == {"created": 2}
    assert Organisation.objects.get(network=network, name="Huisartsen Oost").type.key == "gp"
    assert Person.objects.get(network=network).organisation.name == "Huisartsen Oost"
    assert Theme.objects.get(network=network).description == "één loket – dichtbij"
    coalition = Coalition.objects.get(network=network)
    assert coalition.form == "research_group"
    participation = coalition.participations.get(organisation__name="Huisartsen Oost")
    assert (participation.contribution_people, participation.contribution_money, participation.start_date) == (
        Decimal("0.25"), Decimal("1500"), datetime.date(2025, 1, 31))


@translation.override("en")
def test_every_bad_row_is_reported_at_once_and_nothing_is_stored(network, org_type, make_network):
    services.organisation_create(network=network, name="Bestaand", type=org_type())
    # A name in another network is as unknown as any other.
    services.organisation_create(network=make_network("elders"), name="Niemand", type=org_type())
    for _twice in range(2):
        services.person_create(network=network, name="Jan Jansen")
    files = {"fout.xlsx": xlsx({
        "organisations": [["name", "type", "website"],
                          ["Goed", "hospital", None],                   # row 2: fine
                          ["Ruimteschip", "spaceship", None],            # row 3: unknown type
                          [None, "hospital", None],                      # row 4: missing name
                          ["goed", "ggz", None],                         # row 5: duplicate of row 2
                          ["Slechte site", "ggz", "geen url"]],          # row 6: the model refuses it
        "coalitions": [["name", "theme", "kleur"],                       # row 1: unknown column
                       ["Coalitie", "Onbekend thema"]],                  # row 2: unknown theme
        "participations": [["coalition", "organisation", "money (€)", "start date"],
                           ["Coalitie", "Goed", None, None],             # row 2: depends on the failed coalition
                           ["Coalitie", "Niemand", None, None],          # row 3: unknown organisation
                           ["Coalitie", "Bestaand", -5, "31-02-2025"]],  # row 4: negative money, bad date
        "rollen": [["thema", "persoon"]],                                # the role column is missing
        "overlegleden": [["overleg", "persoon", "niveau"],
                         ["Onbekend overleg", "Jan Jansen", "strategisch"]],  # unknown unit, ambiguous person
        "kladblok": [["iets"]],                                          # unknown sheet
    })}
    problems = errors_of(network, files)
    where = [(sheet, row, column) for sheet, row, column, _reason in problems]
    assert where == [
        ("kladblok", 1, ""),
        ("organisations", 3, "type"),
        ("organisations", 4, "name"),
        ("organisations", 5, ""),
        ("organisations", 6, "website"),
        ("coalitions", 1, "kleur"),
        ("coalitions", 2, "theme"),
        ("participations", 3, "organisation"),
        ("participations", 4, "money (€)"),
        ("participations", 4, "start date"),
        ("rollen", 1, "role"),
        ("overlegleden", 2, "overleg"),
        ("overlegleden", 2, "persoon"),
    ]
    reasons = {(sheet, row, column): reason for sheet, row, column, reason in problems}
    assert "spaceship" in reasons[("organisations", 3, "type")]
    assert reasons[("organisations", 4, "name")] == "This cell is required."
    assert "row 2" in reasons[("organisations", 5, "")]
    assert "URL" in reasons[("organisations", 6, "website")]
    assert "Onbekend thema" in reasons[("coalitions", 2, "theme")]
    assert "Niemand" in reasons[("participations", 3, "organisation")]
    assert "negative" in reasons[("participations", 4, "money (€)")]
    assert "31-02-2025" in reasons[("participations", 4, "start date")]
    assert "missing" in reasons[("rollen", 1, "role")]
    assert "Unknown column" in reasons[("coalitions", 1, "kleur")]
    assert "Onbekend overleg" in reasons[("overlegleden", 2, "overleg")]
    assert "ambiguous" in reasons[("overlegleden", 2, "persoon")]
    # Atomic: the good rows were not kept either.
    assert list(network.organisations.values_list("name", flat=True)) == ["Bestaand"]
    assert not Coalition.objects.exists()


@translation.override("en")
def test_one_bad_row_keeps_the_network_as_it_was(network, org_type):
    run(network, {"regio.xlsx": xlsx(GOOD)})
    before = registry_sheet_rows(network=network)
    bad = {**GOOD, "organisaties": [*GOOD["organisaties"], ["Nieuw", "hospital", None, None, "x"]],
           "deelnames": [*GOOD["deelnames"][:2], ["Valpreventie", "Welzijn Zuid", 3, None, None, "2025-02-01",
                                                   "2024-01-01"]]}
    assert [(s, r, c) for s, r, c, _ in errors_of(network, {"regio.xlsx": xlsx(bad)})] == [
        ("deelnames", 3, "einddatum")]
    assert registry_sheet_rows(network=network) == before
    # A dry run checks and counts, and keeps nothing either.
    summary = run(network, {"regio.xlsx": xlsx({"organisaties": bad["organisaties"]})}, dry_run=True)
    assert summary.dry_run and summary.counts["organisations"]["created"] == 1
    assert registry_sheet_rows(network=network) == before


@translation.override("en")
def test_files_that_cannot_be_read_are_reported(network):
    problems = errors_of(network, {"kapot.xlsx": b"not a workbook", "notities.txt": b"x",
                                   "organisations.csv": csv_bytes([["name", "type"], ["A", "ggz"]], ","),
                                   "organisaties.csv": csv_bytes([["naam", "type"], ["B", "ggz"]], ";")})
    assert [(sheet, row) for sheet, row, _column, _reason in problems] == [
        ("kapot.xlsx", 0), ("notities.txt", 0), ("organisaties", 1)]
    assert "twice" in problems[-1][3]
    assert not network.organisations.exists()


def test_lookups_do_not_grow_with_the_rows(network, org_type):
    """Re-importing an unchanged registry writes nothing, so its query count shows the lookups alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        data = registry_workbook(network=network)
        with CaptureQueriesContext(connection) as captured:
            summary = run(network, {"registry.xlsx": data})
        assert all(set(counter) == {"unchanged"} for counter in summary.counts.values())
        return len(captured)

    run(network, {"template.xlsx": unmarked(template_workbook())})
    small = queries()
    organisations = Organisation.objects.bulk_create([
        Organisation(network=network, name=f"Organisatie {i:03}", type=org_type("welfare")) for i in range(200)])
    Person.objects.bulk_create([Person(network=network, name=f"Persoon {o.name}", organisation=o)
                                for o in organisations])
    coalition = network.coalitions.first()
    CoalitionParticipation.objects.bulk_create([CoalitionParticipation(coalition=coalition, organisation=o)
                                                for o in organisations])
    assert queries() == small


def test_template_opens_and_its_examples_import(network):
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    assert workbook.sheetnames[0] == "toelichting"
    for name in ("organisaties", "personen", "themas", "coalities", "deelnames", "rollen", "overleggen",
                 "overlegleden"):
        assert workbook[name].max_row > 2, name
    organisations = workbook["organisaties"]
    assert [c.value for c in organisations[1]][:2] == ["naam", "type"]
    validated = {str(dv.sqref).split(":")[0] for dv in organisations.data_validations.dataValidation}
    assert "B2" in validated  # the organisation type drop-down
    assert any(str(dv.sqref).startswith("D2") for dv in workbook["coalities"].data_validations.dataValidation)
    explanations = {(row[0], row[1]): row[3] for row in workbook["toelichting"].iter_rows(values_only=True)}
    assert "Ziekenhuis" in explanations[("organisaties", "type")]
    assert ("deelnames", "inzet geld (€)") in explanations and ("overlegleden", "niveau") in explanations
    lists = workbook["lijsten"]
    assert lists.sheet_state == "hidden" and "Ziekenhuis" in [c.value for c in next(lists.iter_cols())]

    summary = run(network, {"template.xlsx": unmarked(template_workbook())})
    assert summary.counts["organisations"]["created"] == 5
    assert summary.counts["participations"]["created"] == 5
    assert network.coalitions.get(name="Valpreventie thuis").participations.count() == 3


def test_english_template_imports_too(network):
    with translation.override("en"):
        data = template_workbook()
    assert "instructions" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    assert run(network, {"template.xlsx": unmarked(data)}).counts["unit_members"]["created"] == 3


def test_registry_workbook_round_trip_of_the_demo(make_network):
    from netwerkregie.demo.generator import build_demo

    demo = build_demo()
    data = registry_workbook(network=demo)
    copy = make_network("kopie")
    run(copy, {"demo.xlsx": data})
    assert registry_sheet_rows(network=copy) == registry_sheet_rows(network=demo)
    # Importing its own export changes nothing.
    again = run(demo, {"demo.xlsx": data})
    assert all(set(counter) == {"unchanged"} for counter in again.counts.values()), again.counts


def test_the_documentation_describes_every_sheet_and_column():
    docs = (Path(__file__).parents[2] / "docs" / "spreadsheet-format.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"`{sheet.key}` / `{sheet.nl}`" in docs, sheet.key
        for column in sheet.columns:
            assert f"| `{column.en}` | `{column.nl}` | {'yes' if column.required else ''} |" in docs, column


def test_cli_imports_and_exits_non_zero_on_errors(network, tmp_path, capsys):
    good = tmp_path / "regio.xlsx"
    good.write_bytes(xlsx(GOOD))
    call_command("import_xlsx", network.slug, str(good), "--dry-run")
    assert not network.organisations.exists()
    call_command("import_xlsx", network.slug, str(good))
    out = capsys.readouterr().out
    assert network.organisations.count() == 3 and "3" in out and "Imported into" in out

    bad = tmp_path / "organisations.csv"
    bad.write_bytes(csv_bytes([["name", "type"], ["Nieuw", "ruimteschip"]], ";"))
    with translation.override("en"), pytest.raises(CommandError, match="1 problem"):
        call_command("import_xlsx", network.slug, str(bad))
    error = capsys.readouterr().err
    assert "organisations row 2, column type: Unknown organisation type “ruimteschip”; choose one of:" in error
    assert "Hospital" in error and "Municipality" in error

    assert not network.organisations.filter(name="Nieuw").exists()


def test_console_command_import_xlsx(tmp_path):
    """`netwerkregie import-xlsx` as users type it, on its own SQLite file: exit 1 on errors, 0 on success."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "LANGUAGE": "en"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(Path(sys.executable).with_name("netwerkregie")), *args], env=env,
                              capture_output=True, text=True)

    assert run("migrate", "-v0").returncode == 0
    assert run("shell", "-c", "from netwerkregie.registry import services; "
                              "services.network_create(name='Kustland', slug='kustland')").returncode == 0
    bad = tmp_path / "organisaties.csv"
    bad.write_bytes(csv_bytes([["naam", "type"], ["Nieuw", "ruimteschip"], ["", "ggz"]], ";"))
    failed = run("import-xlsx", "kustland", str(bad))
    assert failed.returncode == 1
    assert "organisaties" in failed.stderr and "ruimteschip" in failed.stderr and "2 problems" in failed.stderr
    template = tmp_path / "template.xlsx"
    template.write_bytes(template_workbook())
    done = run("import-xlsx", "kustland", str(template))
    assert done.returncode == 0, done.stderr
    assert "Imported into Kustland" in done.stdout


@pytest.fixture
def client_with_role(network, make_user):
    def make(role: str) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assertions read the English source texts
        user = make_user(f"gebruiker-{role}")
        services.membership_set(network=network, user=user, role=role)
        client.force_login(user)
        return client

    return make


def upload(files: dict[str, bytes], **data) -> dict:
    uploads = []
    for name, content in files.items():
        handle = io.BytesIO(content)
        handle.name = name
        uploads.append(handle)
    return {"files": uploads, **data}


def test_exchange_page_imports_and_lists_every_error(network, client_with_role):
    client = client_with_role(NetworkRole.COORDINATOR)
    url = reverse("reports:exchange", kwargs={"network": network.slug})
    page = client.get(url).content.decode()
    assert 'id="import-form"' in page and reverse("reports:spreadsheet_template", args=[network.slug]) in page

    bad = csv_bytes([["naam", "type"], ["A", "hospital"], ["B", "onbekend"], ["", "ggz"]], ";")
    response = client.post(url, upload({"organisaties.csv": bad}))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="import-errors"' in html
    assert "<td>organisaties</td><td>3</td><td>type</td>" in html
    assert "<td>organisaties</td><td>4</td><td>naam</td>" in html
    assert not network.organisations.exists()

    response = client.post(url, upload({"regio.xlsx": xlsx(GOOD)}, dry_run="on"))
    assert "check only" in response.content.decode() and not network.organisations.exists()
    response = client.post(url, upload({"regio.xlsx": xlsx(GOOD)}))
    html = response.content.decode()
    assert network.organisations.count() == 3 and 'id="import-summary"' in html
    assert '<td>Coalition participations</td><td class="text-end">3</td>' in html


def test_exchange_page_roles_and_isolation(network, client_with_role, make_user, make_network):
    url = reverse("reports:exchange", kwargs={"network": network.slug})
    viewer = client_with_role(NetworkRole.VIEWER)
    assert viewer.get(url).status_code == 200
    assert 'id="import-form"' not in viewer.get(url).content.decode()
    assert viewer.post(url, upload({"regio.xlsx": xlsx(GOOD)})).status_code == 403
    assert viewer.get(reverse("reports:registry_xlsx", args=[network.slug])).status_code == 403
    assert not network.organisations.exists()

    member = client_with_role(NetworkRole.MEMBER)
    assert member.post(url, upload({"regio.xlsx": xlsx(GOOD)})).status_code == 403
    response = member.get(reverse("reports:network_json", args=[network.slug]))
    assert response.status_code == 200 and json.loads(response.content)["network"]["slug"] == network.slug
    response = member.get(reverse("reports:registry_xlsx", args=[network.slug]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "organisations" in openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames  # English UI
    response = member.get(reverse("reports:spreadsheet_template", args=[network.slug]))
    assert "instructions" in openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames

    other = make_network("ander-netwerk", user=make_user("ander"))
    for name in ("exchange", "spreadsheet_template", "registry_xlsx", "network_json"):
        assert member.get(reverse(f"reports:{name}", args=[other.slug])).status_code == 404, name
    assert member.post(reverse("reports:exchange", args=[other.slug]),
                       upload({"regio.xlsx": xlsx(GOOD)})).status_code == 404
    assert not other.organisations.exists()
