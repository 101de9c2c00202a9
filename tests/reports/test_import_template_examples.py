"""The template's example rows never touch real data; websites and types are read as in the form."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.reports.selectors import registry_sheet_rows
from netwerkregie.reports.spreadsheet import SpreadsheetImportError, import_spreadsheet
from netwerkregie.reports.workbook import template_workbook

pytestmark = pytest.mark.django_db


def run(network, name: str, data: bytes, **options):
    return import_spreadsheet(network=network, files=[(name, io.BytesIO(data))], **options)


@pytest.fixture
def real_network(network, org_type):
    """A network that happens to use names of the template's fictitious region."""
    services.organisation_create(network=network, name="Ziekenhuis Kustland", type=org_type("ggz"),
                                 notes="Onze echte partner.")
    services.person_create(network=network, name="Anne de Vries", function="directeur",
                           email="anne@echt.example")
    return network


def test_the_unchanged_template_changes_nothing_in_an_existing_network(real_network):
    before = registry_sheet_rows(network=real_network)
    dry = run(real_network, "template.xlsx", template_workbook(), dry_run=True)
    assert dry.examples_only and dry.total == 0
    assert dry.counts["organisations"]["example"] == 5
    summary = run(real_network, "template.xlsx", template_workbook())
    assert summary.examples_only
    assert registry_sheet_rows(network=real_network) == before
    with translation.override("en"):
        assert "5 example rows skipped" in " ".join(summary.lines())


def test_the_english_template_is_marked_too(real_network):
    with translation.override("en"):
        data = template_workbook()
    before = registry_sheet_rows(network=real_network)
    assert run(real_network, "template.xlsx", data).examples_only
    assert registry_sheet_rows(network=real_network) == before


def test_websites_without_a_scheme_are_accepted_as_in_the_form(network):
    data = "naam;type;website\nGGD Hollands Midden;ggd;www.ggdhm.example\nWelzijn;welfare;http://w.example\n"
    run(network, "organisaties.csv", data.encode())
    websites = dict(network.organisations.values_list("name", "website"))
    assert websites == {"GGD Hollands Midden": "https://www.ggdhm.example", "Welzijn": "http://w.example"}


def test_an_unknown_type_names_the_allowed_values(network):
    with translation.override("nl"), pytest.raises(SpreadsheetImportError) as caught:
        run(network, "organisaties.csv", b"naam;type\nNieuw;ruimteschip\n")
    (error,) = caught.value.errors
    assert error.column == "type" and "ruimteschip" in error.reason
    assert "Ziekenhuis" in error.reason and "Gemeente" in error.reason


def test_the_exchange_page_says_only_examples_were_found(real_network, user):
    client = Client()
    client.force_login(user)
    url = reverse("reports:exchange", args=[real_network.slug])
    upload = SimpleUploadedFile("template.xlsx", template_workbook())
    page = client.post(url, {"files": upload, "dry_run": "on"}).content.decode()
    assert 'id="examples-only"' in page
    assert real_network.memberships.get(user=user).role == NetworkRole.ADMIN
    assert real_network.organisations.get(name="Ziekenhuis Kustland").notes == "Onze echte partner."
