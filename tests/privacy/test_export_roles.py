"""Leak 1: a member downloaded every raw answer and personal link. Exports now follow the role."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from privacy_helpers import SECRET_EVIDENCE

from netwerkregie.assessments.access import ExportScope
from netwerkregie.assessments.models import SurveyRound

pytestmark = pytest.mark.django_db


def _json(client, network):
    return client.get(f"/n/{network.slug}/reports/network.json")


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_lower_roles_download_the_network_without_answers_or_links(surveyed, client_as, role):
    client = client_as(role)
    response = _json(client, surveyed.network)
    assert response.status_code == 200
    text = response.content.decode()
    document = json.loads(text)
    assert document["scope"] == ExportScope.WITHOUT_RESPONSES
    (exported_round,) = document["survey_rounds"]
    assert exported_round["name"] == "Meting 2026" and exported_round["invitations"] == []
    assert SECRET_EVIDENCE not in text and '"answers"' not in text and "token" not in text
    assert all(invitation.token not in text for invitation in surveyed.invitations)
    # No more contact data than the role sees in the UI: members see e-mail and phone on the people pages.
    people = client.get(f"/n/{surveyed.network.slug}/people/").content.decode()
    for person in document["people"]:
        assert person["email"] in people


def test_contact_details_stay_out_of_the_export_when_the_role_does_not_see_them(surveyed, client_as):
    surveyed.network.contact_details_from = "coordinator"
    surveyed.network.save()
    document = json.loads(_json(client_as("member"), surveyed.network).content)
    assert {(p["email"], p["phone"]) for p in document["people"]} == {("", "")}
    assert "anna@example.org" in _json(client_as("coordinator"), surveyed.network).content.decode()


def test_viewers_download_nothing(surveyed, client_as):
    client = client_as("viewer")
    network = surveyed.network
    raw = f"assessments/rounds/{surveyed.round.pk}/answers.xlsx"
    for path in ("reports/network.json", "reports/registry.xlsx", raw):
        assert client.get(f"/n/{network.slug}/{path}").status_code == 403


def test_admins_get_the_full_export_with_digests_never_plain_links(surveyed, client_as):
    text = _json(client_as("admin"), surveyed.network).content.decode()
    document = json.loads(text)
    assert document["scope"] == ExportScope.FULL and document["version"] == 2
    invitations = document["survey_rounds"][0]["invitations"]
    assert len(invitations) == 4 and all(len(i["token_digest"]) == 64 for i in invitations)
    assert SECRET_EVIDENCE in text
    assert all(invitation.token not in text for invitation in surveyed.invitations)


def _sheets(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).sheetnames


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_raw_answers_are_for_admins_only(surveyed, client_as, role):
    # Results of an open round are for admins only (test_results_leaks): close it first.
    SurveyRound.objects.filter(pk=surveyed.round.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    client = client_as(role)
    base = f"/n/{surveyed.network.slug}/assessments/rounds/{surveyed.round.pk}"
    assert client.get(f"{base}/answers.xlsx").status_code == 403
    admin = client_as("admin")
    plain = _sheets(admin, f"{base}/results.xlsx")
    assert _sheets(client, f"{base}/results.xlsx?raw=1") == plain  # asking for raw answers gives none
    assert len(_sheets(admin, f"{base}/results.xlsx?raw=1")) == len(plain) + 1


def test_admins_download_the_raw_answers(surveyed, client_as):
    client = client_as("admin")
    base = f"/n/{surveyed.network.slug}/assessments/rounds/{surveyed.round.pk}"
    raw = load_workbook(io.BytesIO(client.get(f"{base}/answers.xlsx").content)).active
    values = list(raw.iter_rows(min_row=2, values_only=True))
    assert len(values) == 2 and {row[-1] for row in values} == {SECRET_EVIDENCE}
    assert not any("anna@example.org" in str(cell) or "Anna Bakker" in str(cell) for row in values for cell in row)


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator", "admin"])
def test_api_never_gives_links_or_answers(surveyed, api_as, role):
    client = api_as(role)
    base = f"/api/v1/networks/{surveyed.network.slug}/survey-rounds/{surveyed.round.pk}"
    bodies = [client.get(f"{base}/").content, client.get(f"{base}/response/").content]
    invitations = client.get(f"{base}/invitations/")
    assert invitations.status_code == (200 if role in ("coordinator", "admin") else 403)
    bodies.append(invitations.content)
    for body in bodies:
        assert SECRET_EVIDENCE.encode() not in body and b"token" not in body
        assert all(invitation.token.encode() not in body for invitation in surveyed.invitations)
