"""JSON export → import into an empty database → export gives the identical document."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netwerkregie.demo.generator import build_demo
from netwerkregie.registry import services
from netwerkregie.registry.models import Network, OrganisationType
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


def test_cli_round_trip_of_the_demo(tmp_path):
    build_demo()
    first = tmp_path / "net.json"
    call_command("export_network", "regio-voorbeeld", output=str(first))
    Network.objects.all().delete()
    call_command("import_network", str(first))
    second = tmp_path / "again.json"
    call_command("export_network", "regio-voorbeeld", output=str(second))
    assert json.loads(first.read_text()) == json.loads(second.read_text())
    assert first.read_text() == second.read_text()


@translation.override("en")
def test_bad_documents_are_refused_and_store_nothing(tmp_path):
    network = build_demo()
    data = network_export(network=network)
    with pytest.raises(ValidationError, match="exists already"):
        network_import(data=data)
    data["organisations"][3]["type"] = "spaceship"
    with pytest.raises(ValidationError, match=r"organisations\[3\].*spaceship"):
        network_import(data=data, slug="kopie")
    assert not Network.objects.filter(slug="kopie").exists()
    with pytest.raises(ValidationError, match="version"):
        network_import(data={**data, "version": 99}, slug="kopie")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_network", str(bad))


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).map(
    str.strip).filter(bool)
dates = st.none() | st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 12, 31))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(org_names=st.lists(names, min_size=1, max_size=6, unique_by=str.casefold),
       person_names=st.lists(names, max_size=6),
       money=st.lists(st.none() | st.decimals(min_value=0, max_value=10**6, places=2), min_size=6, max_size=6),
       start=dates, kinds=st.lists(st.sampled_from(["board_lead", "coordinator"]), min_size=6, max_size=6))
def test_generated_networks_round_trip(org_names, person_names, money, start, kinds):
    Network.objects.all().delete()
    network = services.network_create(name="Gegenereerd", slug="gegenereerd", municipalities=["A", "B"])
    types = list(OrganisationType.objects.all())
    orgs = [services.organisation_create(network=network, name=name, type=types[i % len(types)],
                                         municipality=network.municipalities.first() if i % 2 else None)
            for i, name in enumerate(org_names)]
    people = [services.person_create(network=network, name=name, organisation=orgs[i % len(orgs)])
              for i, name in enumerate(person_names)]
    theme = services.theme_create(network=network, name="Thema")
    for i, person in enumerate(people):
        services.theme_role_add(theme=theme, person=person, kind=kinds[i], start_date=start)
    coalition = services.coalition_create(network=network, theme=theme, name="Coalitie")
    for i, org in enumerate(orgs):
        services.participation_add(coalition=coalition, organisation=org, contribution_money=money[i],
                                   contribution_people=Decimal("0.5"), start_date=start)
    services.initiative_create(coalition=coalition, name="Pilot", start_date=start)
    unit = services.governance_unit_create(network=network, kind="fundament", name="Fundament")
    for person in people:
        services.unit_membership_add(unit=unit, person=person, level="strategic", end_date=start)

    exported = network_export(network=network)
    network.delete()
    assert network_export(network=network_import(data=json.loads(json.dumps(exported)))) == exported
