"""Survey rounds, links and answers survive a JSON export and import."""

import datetime

import pytest
from django.utils import timezone, translation

from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services
from netwerkregie.registry.models import Network
from netwerkregie.registry.services import token_digest
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(network, org_type):
    gp = services.organisation_create(network=network, name="Huisartsen Noord", type=org_type())
    ggz = services.organisation_create(network=network, name="GGZ Zuid", type=org_type())
    theme = services.theme_create(network=network, name="Mentale gezondheid")
    anna = services.person_create(network=network, name="Anna", organisation=gp)
    services.person_create(network=network, name="Anna", organisation=ggz)  # same name, other person
    survey_round = SurveyRound.objects.create(
        network=network, name="Netwerkmonitor 2025", theme=theme, instruments=["five_conditions", "relations"],
        opens_on=datetime.date(2025, 1, 6), closes_on=datetime.date(2025, 3, 1), invitation_body_nl="Beste {name}")
    invitation = Invitation.objects.create(
        round=survey_round, person=anna, organisation=gp, level="strategic", token_digest=token_digest("tok-anna"),
        sent_at=timezone.now(), completed_at=timezone.now(), reminder_count=1)
    for item, value in [("amb_shared", 4), ("amb_concrete", "dont_know")]:
        Answer.objects.create(invitation=invitation, instrument="five_conditions", item=item, value=value,
                              evidence="Jaarplan 2025" if item == "amb_shared" else "")
    Answer.objects.create(invitation=invitation, instrument="relations", item="relation_kind", organisation=ggz,
                          value="coordinated")
    Answer.objects.create(invitation=invitation, instrument="relations", item="flows", organisation=ggz,
                          value=["clients", "knowledge"])
    Answer.objects.create(invitation=invitation, instrument="network_nature", item="steer_mandates", theme=theme,
                          value=2)
    return network


def test_rounds_round_trip(surveyed):
    first = network_export(network=surveyed)
    assert first["survey_rounds"][0]["invitations"][0]["answers"][0]["instrument"] == "five_conditions"
    Network.objects.all().delete()
    assert not Answer.objects.exists()
    copy = network_import(data=first)
    assert network_export(network=copy) == first
    invitation = Invitation.objects.get(token_digest=token_digest("tok-anna"))
    assert invitation.person.organisation.name == "Huisartsen Noord"
    assert Answer.objects.get(invitation=invitation, item="flows").value == ["clients", "knowledge"]
    assert Answer.objects.get(item="steer_mandates").subject == f"t{invitation.round.theme_id}"


@translation.override("en")
def test_a_copy_beside_its_original_gets_links_of_its_own(surveyed):
    data = network_export(network=surveyed)
    copy = network_import(data=data, slug="kopie")
    original = Invitation.objects.get(token_digest=token_digest("tok-anna"))
    assert original.round.network == surveyed
    copied = Invitation.objects.get(round__network=copy)
    assert copied.token_digest != original.token_digest and len(copied.token_digest) == 64
    assert copied.answers.count() == original.answers.count()
    assert network_export(network=copy)["survey_rounds"][0]["invitations"][0]["token_digest"] == copied.token_digest
