"""The monitoring and funding sections round-trip through the JSON export; version 1 still imports."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from netwerkregie.funding import selectors, services
from netwerkregie.monitoring import services as monitoring
from netwerkregie.registry.models import Network
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


def without_identity(data: dict) -> dict:
    return {**data, "network": {**data["network"], "slug": None}}


def test_round_trip_keeps_scores_allocations_and_effects(network, build_call):
    assessed = build_call()
    indicator = monitoring.indicator_create(network=network, name="Valincidenten 65+", unit="per 1.000",
                                            direction="lower", source="vektis")
    monitoring.values_store(network=network, rows=[
        monitoring.ValueRow(indicator=indicator, area_code="GM0400", period="2023JJ00", value=Decimal("31.5"),
                            area_name="Den Helder")])
    goal = monitoring.goal_create(network=network, name="Minder vallen", indicator=indicator,
                                  coalition=assessed.coalition, baseline=Decimal("31.5"), target=Decimal(25),
                                  target_date=datetime.date(2027, 12, 31))
    monitoring.evidence_create(network=network, coalition=assessed.coalition, title="Mevrouw J.", text="Verhaal",
                               recorded_on=datetime.date(2025, 6, 1))
    monitoring.data_report_create(network=network, title="Monitor 2025", due_date=datetime.date(2025, 12, 1))
    monitoring.coalition_value_add(coalition=assessed.coalition, function="doe", beneficiary="residents")
    monitoring.legitimation_evidence_add(network=network, route="B", description="Jaarverslag 2025",
                                         occurred_on=datetime.date(2026, 3, 1))
    allocation = services.allocation_decide(application=assessed.applications["X"], amount=Decimal("25000"),
                                            decided_on=datetime.date(2026, 4, 1), reasoning="Hoogste score")
    services.financier_response_record(allocation=allocation, financier=assessed.organisations[3],
                                       response="deviated", reason="Eigen kader", amount=Decimal("20000"),
                                       responded_on=datetime.date(2026, 5, 1))
    arena = services.arena_set(initiative=assessed.initiative, quality_of_life_classic=Decimal("6.1"),
                               quality_of_life_integrated=Decimal("7.4"))
    services.arena_entry_set(arena=arena, stakeholder="insurer", approach="integrated", investment=Decimal(5000))
    application = assessed.applications["Y"]
    application.goals.set([goal])
    services.call_new_version(call=assessed.call)

    first = network_export(network=network)
    copy = network_import(data=first, slug="kopie")
    second = network_export(network=copy)
    assert without_identity(second) == without_identity(first)
    assert first["version"] == 2
    result = selectors.call_result(call=copy.funding_streams.get().calls.get(version=1))
    assert [(r.application.title, r.total) for r in result.ranking] == [
        ("Aanvraag X", Decimal("4.17")), ("Aanvraag Y", Decimal("3.56")), ("Aanvraag Z", Decimal("2.50"))]


def test_version_1_exports_still_import(network, build_call):
    build_call(score=False)
    data = network_export(network=network)
    old = {key: value for key, value in data.items() if key not in ("monitoring", "funding")}
    copy = network_import(data={**old, "version": 1}, slug="oud")
    assert copy.coalitions.count() == 1 and not copy.funding_streams.exists()


def test_a_bad_funding_section_names_its_path_and_stores_nothing(network, build_call):
    build_call(score=False)
    data = network_export(network=network)
    data["funding"]["assessors"][0]["scores"] = [{"application": "Aanvraag Y", "criterion": "Criterium A",
                                                  "score": 9, "reason": "te hoog"}]
    with pytest.raises(ValidationError, match="funding.score"):
        network_import(data=data, slug="kapot")
    assert not Network.objects.filter(slug="kapot").exists()
