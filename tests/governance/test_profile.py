"""The governance profile: service validation, the edit page for coordinators, export/import, demo."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.demo.generator import Demo
from netwerkregie.demo.governance import add_governance_profile
from netwerkregie.governance import selectors
from netwerkregie.governance.exchange import governance_export, governance_import
from netwerkregie.governance.models import GovernanceForm, GovernanceProfile
from netwerkregie.governance.services import governance_profile_update
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# Services ---------------------------------------------------------------------------------------


def test_create_then_update_keeps_fields_not_given(build, network, user):
    hub = build.organisations(2)[0]
    profile = governance_profile_update(network=network, updated_by=user, current_form="lead_organization",
                                        lead_organisation=hub, goal_consensus=0.4, notes="Penvoerder.")
    assert (profile.current_form, profile.lead_organisation, profile.goal_consensus, profile.updated_by) == (
        "lead_organization", hub, 0.4, user)
    profile = governance_profile_update(network=network, competency_need=0.8)
    profile.refresh_from_db()
    assert (profile.current_form, profile.lead_organisation, profile.goal_consensus, profile.competency_need,
            profile.notes) == ("lead_organization", hub, 0.4, 0.8, "Penvoerder.")
    assert GovernanceProfile.objects.filter(network=network).count() == 1


def test_lead_organisation_of_another_network_is_refused(network, make_network, make_builder):
    foreign = make_builder(make_network("regio-elders")).organisations(1)[0]
    with pytest.raises(ValidationError) as excinfo:
        governance_profile_update(network=network, current_form="lead_organization", lead_organisation=foreign)
    assert error_fields(excinfo) == {"lead_organisation"}
    assert "does not belong to this network" in excinfo.value.message_dict["lead_organisation"][0]
    assert not GovernanceProfile.objects.exists()


def test_lead_form_needs_a_lead_and_shared_governance_has_none(build, network):
    hub = build.organisations(1)[0]
    with pytest.raises(ValidationError) as excinfo:
        governance_profile_update(network=network, current_form="lead_organization")
    assert error_fields(excinfo) == {"lead_organisation"}
    with pytest.raises(ValidationError) as excinfo:
        governance_profile_update(network=network, current_form="shared_governance", lead_organisation=hub)
    assert error_fields(excinfo) == {"lead_organisation"}
    # NAO and hybrid may name the organisation hosting the network office; "not decided" may name one too.
    for form in ("nao", "hybrid", "undecided"):
        assert governance_profile_update(network=network, current_form=form,
                                         lead_organisation=hub).lead_organisation == hub
    # Switching a saved profile to shared governance must also drop its lead.
    with pytest.raises(ValidationError):
        governance_profile_update(network=network, current_form="shared_governance")
    assert governance_profile_update(network=network, current_form="shared_governance",
                                     lead_organisation=None).lead_organisation is None


@pytest.mark.parametrize(("data", "field"), [
    ({"goal_consensus": 1.01}, "goal_consensus"),
    ({"competency_need": -0.5}, "competency_need"),
    ({"current_form": "anarchy"}, "current_form"),
    ({"lead_organisation_id": 1}, "lead_organisation_id"),
    ({"updated_at": None}, "updated_at"),
])
def test_bad_values_are_refused_by_field(network, data, field):
    with pytest.raises(ValidationError) as excinfo:
        governance_profile_update(network=network, **data)
    assert field in error_fields(excinfo)
    assert not GovernanceProfile.objects.exists()


def test_deleting_the_lead_organisation_keeps_the_profile(build, network):
    hub = build.organisations(1)[0]
    governance_profile_update(network=network, current_form="nao", lead_organisation=hub)
    services.organisation_erase(organisation=hub)
    profile = selectors.governance_profile_get(network=network)
    assert (profile.current_form, profile.lead_organisation) == ("nao", None)


def test_profile_get_without_a_profile_is_undecided(network):
    profile = selectors.governance_profile_get(network=network)
    assert profile.pk is None and profile.current_form == GovernanceForm.UNDECIDED


# The edit page ----------------------------------------------------------------------------------


def edit_url(network) -> str:
    return reverse("governance:profile_edit", kwargs={"network": network.slug})


def test_coordinator_edits_the_profile(build, network, logged_in_client, user, form_defaults):
    hub = build.organisations(3)[0]
    assert logged_in_client.get(edit_url(network)).status_code == 200
    response = logged_in_client.post(edit_url(network), {
        **form_defaults, "current_form": "lead_organization", "lead_organisation": hub.pk, "goal_consensus": "0.35",
        "competency_need": "", "notes": "Gemeente is penvoerder.", "participants_few_max": 17})
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:advice", kwargs={"network": network.slug})
    profile = GovernanceProfile.objects.get(network=network)
    assert (profile.current_form, profile.lead_organisation, profile.goal_consensus, profile.competency_need,
            profile.updated_by, profile.participants_few_max) == ("lead_organization", hub, 0.35, None, user, 17)
    page = logged_in_client.get(response["Location"]).content.decode()
    assert 'id="current-form"' in page and hub.name in page and "Gemeente is penvoerder." in page


def test_edit_page_shows_service_errors_by_field(build, network, logged_in_client, form_defaults):
    hub = build.organisations(1)[0]
    response = logged_in_client.post(edit_url(network), {**form_defaults, "current_form": "shared_governance",
                                                         "lead_organisation": hub.pk, "notes": ""})
    assert response.status_code == 200
    assert 'id="id_lead_organisation_errors"' in response.content.decode()
    response = logged_in_client.post(edit_url(network), {**form_defaults, "current_form": "nao", "goal_consensus": "2"})
    assert 'id="id_goal_consensus_errors"' in response.content.decode()
    # bands that leave a gap (6–8 in no band) are refused, naming the field
    response = logged_in_client.post(edit_url(network), {**form_defaults, "current_form": "nao",
                                                         "participants_few_max": 5, "participants_moderate_min": 9})
    assert 'id="id_participants_moderate_min_errors"' in response.content.decode()
    assert not GovernanceProfile.objects.exists()


def test_edit_form_offers_only_this_networks_organisations(build, network, logged_in_client, make_network,
                                                           make_builder):
    own = build.organisations(1)[0]
    foreign = make_builder(make_network("regio-elders")).organisations(1, prefix="Vreemd")[0]
    html = logged_in_client.get(edit_url(network)).content.decode()
    assert own.name in html and foreign.name not in html
    response = logged_in_client.post(edit_url(network), {"current_form": "nao", "lead_organisation": foreign.pk})
    assert response.status_code == 200 and 'id="id_lead_organisation_errors"' in response.content.decode()
    assert not GovernanceProfile.objects.exists()


@pytest.mark.parametrize(("role", "status"), [(NetworkRole.VIEWER, 403), (NetworkRole.MEMBER, 403),
                                              (NetworkRole.COORDINATOR, 200), (NetworkRole.ADMIN, 200)])
def test_only_coordinators_and_admins_edit(network, make_user, role, status, form_defaults):
    person = make_user(f"user-{role}")
    services.membership_set(network=network, user=person, role=role)
    client = Client()
    client.force_login(person)
    assert client.get(edit_url(network)).status_code == status
    assert client.post(edit_url(network), {**form_defaults, "current_form": "nao"}).status_code in (
        {403} if status == 403 else {302})


def test_edit_page_of_another_network_is_404(make_network, logged_in_client):
    assert logged_in_client.get(edit_url(make_network("regio-elders"))).status_code == 404


# Export and import --------------------------------------------------------------------------------


def test_export_import_round_trip(build, network, make_network, make_builder):
    hub = build.organisations(3)[0]
    assert governance_export(network=network) is None
    governance_profile_update(network=network, current_form="hybrid", lead_organisation=hub, goal_consensus=0.55,
                              competency_need=0.7, notes="Netwerkbureau bij de gemeente.\nHerijking in 2026.",
                              trust_response_floor=70, participants_few_max=17, participants_moderate_min=10)
    exported = json.loads(json.dumps(governance_export(network=network)))
    assert exported == {"current_form": "hybrid", "lead_organisation": hub.name, "goal_consensus": 0.55,
                        "competency_need": 0.7, "notes": "Netwerkbureau bij de gemeente.\nHerijking in 2026.",
                        "trust_response_floor": 70, "participants_few_max": 17, "participants_moderate_min": 10,
                        "participants_moderate_max": 30, "participants_many_min": 20}
    copy = make_network("regio-kopie")
    organisations = {o.name: o for o in make_builder(copy).organisations(3)}
    profile = governance_import(network=copy, data=exported, organisations=organisations)
    assert profile.lead_organisation == organisations[hub.name] and profile.lead_organisation.network == copy
    assert governance_export(network=copy) == exported


def test_import_of_nothing_and_of_an_unknown_organisation(network):
    assert governance_import(network=network, data=None, organisations={}) is None
    assert not GovernanceProfile.objects.exists()
    with pytest.raises(ValidationError) as excinfo:
        governance_import(network=network, data={"current_form": "nao", "lead_organisation": "Onbekend"},
                          organisations={})
    assert error_fields(excinfo) == {"lead_organisation"}
    assert governance_import(network=network, data={"current_form": "nao", "lead_organisation": None},
                             organisations={}).current_form == "nao"


# Demo -----------------------------------------------------------------------------------------------


def test_demo_step_makes_aldermeer_the_lead_and_penvoerder(network, build):
    aldermeer = services.organisation_create(network=network, name="Gemeente Aldermeer",
                                             type=build.org_type("municipality"))
    add_governance_profile(Demo(network=network, organisations={"gem-aldermeer": aldermeer}))
    profile = selectors.governance_profile_get(network=network)
    assert (profile.current_form, profile.lead_organisation) == (GovernanceForm.LEAD_ORGANIZATION, aldermeer)
    assert "penvoerder" in profile.notes and 0 <= profile.goal_consensus <= 1 and 0 <= profile.competency_need <= 1
