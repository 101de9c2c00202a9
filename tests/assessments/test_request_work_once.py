"""Work that does not depend on the request is done once per process, not on every page view:
the instrument files are read and validated once, relation-kind labels are built once per language."""

from __future__ import annotations

from unittest import mock

import pytest
import yaml
from django.urls import reverse
from django.utils import translation
from results_fixtures import five_conditions, make_round, organisation, respond

from netwerkregie.analysis.map import selectors as map_selectors
from netwerkregie.assessments import instruments

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_definitions():
    """Start from an empty cache, as a new server process does, and leave one behind."""
    instruments._registry.cache_clear()
    map_selectors._kind_labels_in.cache_clear()
    yield
    instruments._registry.cache_clear()


def test_instrument_files_are_read_once_across_requests(fresh_definitions, network, logged_in_client):
    survey_round = make_round(network, "Netwerkmonitor 2025", ["five_conditions", "relations"])
    for name in ("Gemeente Noorddorp", "Huisartsen Zuid", "Thuiszorg Oost"):
        respond(survey_round, organisation(network, name, "gp"), {"five_conditions": five_conditions(4)})
    files = len(list(instruments.INSTRUMENT_DIR.glob("*.yaml")))
    pages = [reverse("assessments:round_results", kwargs={"network": network.slug, "round_id": survey_round.pk}),
             reverse("analysis:map", kwargs={"network": network.slug})]
    instruments._registry.cache_clear()  # the answers above were checked against the definitions
    with mock.patch.object(instruments.yaml, "load", wraps=yaml.load) as reads:
        for _visit in range(2):
            for path in pages:
                assert logged_in_client.get(path).status_code == 200
    assert reads.call_count == files  # every file once, on the first request only


def test_relation_kind_labels_are_built_once_per_language(fresh_definitions):
    with mock.patch.object(map_selectors, "instrument_get", wraps=map_selectors.instrument_get) as built:
        with translation.override("nl"):
            dutch = [map_selectors.kind_labels() for _ in range(3)]
        with translation.override("en"):
            english = [map_selectors.kind_labels() for _ in range(3)]
    assert built.call_count == 2
    assert dutch[0] == dutch[2] and english[0] == english[2]
    assert dutch[0]["coordinated"] != english[0]["coordinated"]  # each language keeps its own labels
    dutch[0]["coordinated"] = "changed by a caller"
    with translation.override("nl"):
        assert map_selectors.kind_labels()["coordinated"] != "changed by a caller"
