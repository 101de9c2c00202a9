"""Leaving the network archives; only an admin erases, on a page that says what changes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netwerkregie.analysis import services as analysis
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer, Invitation
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import CoalitionParticipation, Organisation, Person, ThemeRole

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def region(network, org_type):
    hospital = services.organisation_create(network=network, name="Ziekenhuis Zuid", type=org_type("hospital"))
    gp = services.organisation_create(network=network, name="Huisartsen Noord", type=org_type("gp"))
    anna = services.person_create(network=network, name="Anna Bakker", organisation=gp, email="anna@example.org")
    theme = services.theme_create(network=network, name="Ouderen")
    role = services.theme_role_add(theme=theme, person=anna, kind="coordinator")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie",
                                          organisations=[hospital, gp])
    analysis.relation_create(network=network, source=gp, target=hospital, kind="referral")
    survey_round = survey.round_create(network=network, name="Meting", instruments=["relations"],
                                       opens_on=TODAY() - datetime.timedelta(days=3),
                                       closes_on=TODAY() + datetime.timedelta(days=20))
    (invitation,) = survey.invitations_create(survey_round=survey_round, people=[anna])
    survey.answers_save(invitation=invitation, instrument="relations", organisation=hospital,
                        values={"relation_kind": "coordinated", "trust_reliability": 4})
    return {"hospital": hospital, "gp": gp, "anna": anna, "role": role, "coalition": coalition,
            "invitation": invitation}


def table(response, table_id: str) -> str:
    """The HTML of one table of a page (messages above it may name the object)."""
    return response.content.decode().split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]


def client_as(network, make_user, role: str) -> Client:
    client = Client()
    client.force_login(services.membership_set(network=network, user=make_user(role), role=role).user)
    return client


def test_archiving_an_organisation_keeps_its_answers_and_history(network, region, make_user):
    member = client_as(network, make_user, NetworkRole.MEMBER)
    hospital = region["hospital"]
    url = reverse("registry:organisation_archive", args=[network.slug, hospital.pk])
    confirmation = member.get(url).content.decode()
    assert 'id="confirm-form"' in confirmation and not Organisation.objects.get(pk=hospital.pk).is_archived
    assert member.post(url).status_code == 302
    hospital.refresh_from_db()
    assert hospital.archived_on == TODAY()
    # Survey answers about it, relations and its (now ended) participation stay.
    assert Answer.objects.filter(organisation=hospital).count() == 2
    assert hospital.relations_in.count() == 1
    participation = CoalitionParticipation.objects.get(organisation=hospital)
    assert participation.end_date == TODAY()
    # It has left the current lists and choices, and is there on request.
    listing = table(member.get(reverse("registry:organisation_list", args=[network.slug])), "organisation-list")
    assert "Ziekenhuis Zuid" not in listing and "Huisartsen Noord" in listing
    archived = member.get(reverse("registry:organisation_list", args=[network.slug]) + "?status=archived")
    assert "Ziekenhuis Zuid" in archived.content.decode()
    person_form = member.get(reverse("registry:person_create", args=[network.slug])).content.decode()
    assert "Ziekenhuis Zuid" not in person_form
    assert "Ziekenhuis Zuid" not in table(member.get(network.get_absolute_url()), "contribution-matrix")
    # Its old participation can still be edited: the form keeps the archived organisation.
    edit_url = reverse("registry:participation_update", args=[network.slug, participation.pk])
    assert re.search(rf'<option value="{hospital.pk}" selected>Ziekenhuis Zuid</option>',
                     member.get(edit_url).content.decode())
    response = member.post(edit_url, {"organisation": hospital.pk, "contribution_knowledge": "advies",
                                      "end_date": TODAY().isoformat()})
    assert response.status_code == 302
    # Restoring brings it back; the ended participation stays history.
    member.post(reverse("registry:organisation_restore", args=[network.slug, hospital.pk]))
    hospital.refresh_from_db()
    assert hospital.archived_on is None
    assert CoalitionParticipation.objects.get(organisation=hospital).end_date == TODAY()


def test_archiving_a_person_ends_roles_and_keeps_answers(network, region, make_user):
    member = client_as(network, make_user, NetworkRole.MEMBER)
    anna = region["anna"]
    member.post(reverse("registry:person_archive", args=[network.slug, anna.pk]))
    anna.refresh_from_db()
    assert anna.is_archived
    assert ThemeRole.objects.get(pk=region["role"].pk).end_date == TODAY()
    assert Invitation.objects.get(pk=region["invitation"].pk).person == anna
    assert "Anna Bakker" not in table(member.get(reverse("registry:person_list", args=[network.slug])), "person-list")


def test_erasure_is_for_admins_only(network, region, make_user):
    for role in (NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR):
        client = client_as(network, make_user, role)
        for kind, obj in (("organisation", region["hospital"]), ("person", region["anna"])):
            url = reverse(f"registry:{kind}_delete", args=[network.slug, obj.pk])
            assert client.get(url).status_code == 403, role
            assert client.post(url).status_code == 403, role
    assert Organisation.objects.filter(pk=region["hospital"].pk).exists()
    assert Person.objects.filter(pk=region["anna"].pk).exists()


def test_erasing_a_person_says_what_changes_and_keeps_answers_anonymously(network, region, user):
    admin = Client()
    admin.force_login(user)
    url = reverse("registry:person_delete", args=[network.slug, region["anna"].pk])
    page = admin.get(url).content.decode()
    assert 'id="also-deleted"' in page and 'id="unlinked"' in page  # roles go, invitations stay unlinked
    assert admin.post(url).status_code == 302
    assert not Person.objects.filter(pk=region["anna"].pk).exists()
    invitation = Invitation.objects.get(pk=region["invitation"].pk)
    assert invitation.person is None and invitation.answers.count() == 2


def test_erasing_an_organisation_lists_the_answers_it_takes_along(network, region, user):
    admin = Client()
    admin.force_login(user)
    url = reverse("registry:organisation_delete", args=[network.slug, region["hospital"].pk])
    page = admin.get(url).content.decode()
    assert 'id="also-deleted"' in page and "Valpreventie" in page
    hospital_pk = region["hospital"].pk
    admin.post(url)
    assert not Organisation.objects.filter(pk=hospital_pk).exists()
    assert not Answer.objects.filter(organisation_id=hospital_pk).exists()
    assert Invitation.objects.filter(pk=region["invitation"].pk).exists()


def test_api_archive_and_admin_only_erasure(network, region, make_user):
    user = make_user("lid")
    services.membership_set(network=network, user=user, role=NetworkRole.MEMBER)
    token = services.api_token_create(user=user, name="tests")[1]
    member = Client(headers={"Authorization": f"Bearer {token}"})
    base = f"/api/v1/networks/{network.slug}"
    response = member.post(f"{base}/organisations/{region['hospital'].pk}/archive/")
    assert response.status_code == 200 and response.json()["archived_on"] == TODAY().isoformat()
    assert [o["name"] for o in member.get(f"{base}/organisations/").json()["items"]] == ["Huisartsen Noord"]
    assert [o["name"] for o in member.get(f"{base}/organisations/?status=all").json()["items"]] == [
        "Huisartsen Noord", "Ziekenhuis Zuid"]
    assert member.delete(f"{base}/people/{region['anna'].pk}/").status_code == 403
    assert member.post(f"{base}/people/{region['anna'].pk}/archive/").json()["archived_on"]


def test_the_json_export_keeps_archived_organisations_and_people(network, region):
    from netwerkregie.reports.exchange import network_export, network_import

    services.organisation_archive(organisation=region["hospital"])
    services.person_archive(person=region["anna"])
    network.contact_details_from = NetworkRole.COORDINATOR
    network.save()
    exported = network_export(network=network)
    copy = network_import(data=exported, slug="kopie")
    assert copy.organisations.get(name="Ziekenhuis Zuid").archived_on == TODAY()
    assert copy.people.get(name="Anna Bakker").archived_on == TODAY()
    assert copy.contact_details_from == NetworkRole.COORDINATOR
    again = network_export(network=copy)
    assert again["organisations"] == exported["organisations"] and again["people"] == exported["people"]
    assert {**again["network"], "slug": network.slug} == exported["network"]
