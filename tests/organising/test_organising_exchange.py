"""The `organising` section of the JSON export: a full round trip, and exports of version 1 still import."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from netwerkregie.organising.services import bodies, rules
from netwerkregie.registry import services
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


def test_round_trip_keeps_rules_decisions_and_meetings(builder, populate):
    populate(builder, 2)
    network = builder.network
    rules.rules_from_template(network=network, language="en")
    person = services.person_create(network=network, name="Voorzitter", organisation=builder.organisations[0])
    bodies.unit_officer_add(unit=builder.fundament, person=person, role="chair", independent=True)
    exported = json.loads(json.dumps(network_export(network=network)))
    section = exported["organising"]
    assert exported["version"] == 2
    assert len(section["rules"]) == 12 and len(section["proposals"]) == 2 and len(section["meetings"]) == 2
    assert [r["version"] for r in section["proposals"][0]["responses"]] == [1, 2]
    exported["network"]["slug"] = "kopie"
    again = network_export(network=network_import(data=exported))
    assert again == exported


def test_version_1_imports_without_organising(builder):
    data = json.loads(json.dumps(network_export(network=builder.network)))
    del data["organising"]
    data["version"] = 1
    copy = network_import(data=data, slug="oud")
    assert not copy.rules.exists() and copy.organisations.count() == 3


def test_unknown_body_names_the_path(builder, populate):
    populate(builder, 1)
    data = json.loads(json.dumps(network_export(network=builder.network)))
    data["organising"]["meetings"][0]["unit"] = "Bestaat niet"
    with translation.override("en"), pytest.raises(ValidationError, match="organising.unit: .*Bestaat niet"):
        network_import(data=data, slug="kapot")
