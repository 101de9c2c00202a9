"""Relations entered by hand survive a JSON export and import; bad ones refuse the whole import."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from netwerkregie.analysis import services as relation_services
from netwerkregie.analysis.models import Relation
from netwerkregie.registry import services
from netwerkregie.registry.models import Network
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def related(network, org_type):
    city = services.organisation_create(network=network, name="Gemeente Noord", type=org_type())
    welfare = services.organisation_create(network=network, name="Welzijn Noord", type=org_type())
    relation_services.relation_create(network=network, source=city, target=welfare, kind="funding",
                                      description="Subsidie 2024", start_date=datetime.date(2024, 1, 1))
    relation_services.relation_create(network=network, source=welfare, target=city, kind="referral",
                                      start_date=datetime.date(2023, 3, 1), end_date=datetime.date(2023, 12, 31))
    return network


def test_relations_round_trip(related):
    first = network_export(network=related)
    assert [(r["source"], r["kind"], r["end_date"]) for r in first["relations"]] == [
        ("Gemeente Noord", "funding", None), ("Welzijn Noord", "referral", "2023-12-31")]
    Network.objects.all().delete()
    assert not Relation.objects.exists()
    copy = network_import(data=first)
    assert network_export(network=copy) == first
    assert Relation.objects.get(kind="funding").description == "Subsidie 2024"


@translation.override("en")
def test_a_bad_relation_refuses_the_whole_import(related):
    data = network_export(network=related)
    data["relations"][1]["target"] = "Onbekend"
    data["relations"][0]["start_date"] = "1 januari"
    with pytest.raises(ValidationError) as caught:
        network_import(data=data, slug="kopie")
    message = " ".join(caught.value.messages)
    assert "relations" in message and "Onbekend" in message and "1 januari" in message
    assert not Network.objects.filter(slug="kopie").exists()


def test_older_exports_without_relations_still_import(related):
    data = network_export(network=related)
    del data["relations"]
    copy = network_import(data=data, slug="kopie")
    assert not Relation.objects.filter(network=copy).exists()
