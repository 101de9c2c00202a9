"""Networks and their members in the UI: creating a network, its settings, members and roles,
and the rule that a network always keeps at least one admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import Network, NetworkMembership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, network, **kwargs) -> str:
    return reverse(f"registry:{name}", kwargs={"network": network.slug, **kwargs})


def role_of(network, user) -> str | None:
    membership = NetworkMembership.objects.filter(network=network, user=user).first()
    return membership.role if membership else None


# The last-admin rule in the services ---------------------------------------------------------


@translation.override("en")
def test_the_last_admin_cannot_step_down_or_be_removed(network, user, make_user):
    membership = network.memberships.get(user=user)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_change_role(membership=membership, role=NetworkRole.COORDINATOR)
    assert set(excinfo.value.message_dict) == {"role"}
    assert "last admin" in excinfo.value.message_dict["role"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.membership_remove(network=network, user=user)
    assert set(excinfo.value.message_dict) == {"user"}
    assert role_of(network, user) == NetworkRole.ADMIN

    # With a second admin, either may go.
    colleague = make_user("collega")
    services.membership_set(network=network, user=colleague, role=NetworkRole.ADMIN)
    services.membership_change_role(membership=membership, role=NetworkRole.MEMBER)
    assert role_of(network, user) == NetworkRole.MEMBER
    with pytest.raises(ValidationError):
        services.membership_remove(network=network, user=colleague)  # now the last admin
    services.membership_change_role(membership=membership, role=NetworkRole.ADMIN)
    services.membership_remove(network=network, user=colleague)
    assert role_of(network, colleague) is None


def test_changing_a_non_admin_never_needs_another_admin(network, make_user):
    viewer = services.membership_set(network=network, user=make_user("kijker"), role=NetworkRole.VIEWER)
    assert services.membership_change_role(membership=viewer, role=NetworkRole.MEMBER).role == NetworkRole.MEMBER
    services.membership_remove(network=network, user=viewer.user)
    assert not NetworkMembership.objects.filter(pk=viewer.pk).exists()
    with pytest.raises(ValidationError) as excinfo:
        services.membership_change_role(membership=network.memberships.first(), role="keizer")
    assert set(excinfo.value.message_dict) == {"role"}


@translation.override("en")
def test_adding_a_member_by_username_or_email(network, make_user):
    bram = make_user("bram")
    assert services.membership_add(network=network, user_identifier="BRAM", role="member").user == bram
    carla = make_user("carla")
    membership = services.membership_add(network=network, user_identifier=" carla@example.org ", role="viewer")
    assert (membership.user, membership.role) == (carla, "viewer")
    for identifier in ["niemand", "bram", "", "geen-adres@"]:
        with pytest.raises(ValidationError) as excinfo:
            services.membership_add(network=network, user_identifier=identifier, role="member")
        assert set(excinfo.value.message_dict) == {"user"}, identifier
    for username in ("dubbel", "dubbel2"):
        type(bram).objects.filter(pk=make_user(username).pk).update(email="gedeeld@example.org")
    shared = services.membership_add(network=network, user_identifier="gedeeld@example.org", role="member")
    assert shared.user.username == "dubbel"  # the oldest account with the address


# Creating a network and its settings ------------------------------------------------------------


def test_any_user_creates_a_network_and_becomes_its_admin(make_user):
    founder = make_user("oprichter")
    client = client_for(founder)
    assert reverse("registry:network_create") in client.get("/").content.decode()
    response = client.post(reverse("registry:network_create"), {
        "name": "Regio Noord", "slug": "regio-noord", "region_description": "Het noorden",
        "municipalities": "Aadorp, Bedum\nCuinre\n\n Aadorp ", "societal_task": "Gezond ouder worden",
        "start_date": "2025-01-01", "anonymity_minimum": "5", "map_survey_ties": "aggregated"})
    network = Network.objects.get(slug="regio-noord")
    assert response["Location"] == network.get_absolute_url()
    assert role_of(network, founder) == NetworkRole.ADMIN
    assert sorted(network.municipalities.values_list("name", flat=True)) == ["Aadorp", "Bedum", "Cuinre"]
    assert (network.start_date, network.anonymity_minimum) == (datetime.date(2025, 1, 1), 5)
    assert "Regio Noord" in client.get(response["Location"]).content.decode()

    # A taken slug is refused next to the slug, and nothing is created.
    response = client.post(reverse("registry:network_create"), {"name": "Nog een", "slug": "regio-noord",
                                                                "anonymity_minimum": "3"})
    assert response.status_code == 200 and 'id="id_slug_errors"' in response.content.decode()
    assert Network.objects.count() == 1


def test_admins_edit_the_network_settings(logged_in_client, network):
    client = logged_in_client
    html = client.get(url("network_settings", network)).content.decode()
    assert "Noorddorp\nZuidstad" in html  # municipalities one per line
    response = client.post(url("network_settings", network), {
        "name": "Regio Proef", "slug": "regio-proef", "region_description": "Proefregio",
        "municipalities": "Zuidstad; Oosterhout", "societal_task": "Samen gezond", "start_date": "",
        "anonymity_minimum": "4", "map_survey_ties": "aggregated"})
    network.refresh_from_db()
    assert response["Location"] == "/n/regio-proef/settings/"
    assert (network.name, network.slug, network.societal_task, network.anonymity_minimum) == (
        "Regio Proef", "regio-proef", "Samen gezond", 4)
    assert sorted(network.municipalities.values_list("name", flat=True)) == ["Oosterhout", "Zuidstad"]
    assert client.get("/n/regio-test/").status_code == 404

    response = client.post(url("network_settings", network), {"name": "", "slug": "regio proef!",
                                                              "anonymity_minimum": "-1"})
    html = response.content.decode()
    for field in ("name", "slug", "anonymity_minimum"):
        assert f'id="id_{field}_errors"' in html, field
    network.refresh_from_db()
    assert network.name == "Regio Proef"


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR])
def test_only_admins_reach_settings_and_members(network, make_user, role):
    someone = make_user("iemand")
    services.membership_set(network=network, user=someone, role=role)
    client = client_for(someone)
    for target in [url("network_settings", network), url("member_list", network)]:
        assert client.get(target).status_code == 403
        assert client.post(target, {"name": "Overgenomen", "user": "iemand", "role": "admin"}).status_code == 403
    membership = network.memberships.get(user=someone)
    assert client.post(url("member_role", network, pk=membership.pk), {"role": "admin"}).status_code == 403
    assert role_of(network, someone) == role and Network.objects.get().name == "Regio Test"
    assert url("network_settings", network) not in client.get(network.get_absolute_url()).content.decode()


def test_non_members_get_404_on_settings_and_members(network, make_user, make_network, user):
    membership = network.memberships.get(user=user)
    targets = [url("network_settings", network), url("member_list", network),
               url("member_role", network, pk=membership.pk), url("member_remove", network, pk=membership.pk)]
    outsider = client_for(make_user("buitenstaander"))
    for target in targets:
        assert outsider.post(target, {"role": "viewer"}).status_code == 404, target
    # An admin of another network cannot touch this network's memberships through their own slug.
    other = make_network("regio-ander", user=make_user("ander"))
    admin_elsewhere = client_for(other.memberships.get().user)
    assert admin_elsewhere.post(url("member_role", other, pk=membership.pk), {"role": "viewer"}).status_code == 404
    assert admin_elsewhere.post(url("member_remove", other, pk=membership.pk)).status_code == 404
    assert role_of(network, user) == NetworkRole.ADMIN


# Members ----------------------------------------------------------------------------------------


def test_admins_add_change_and_remove_members(logged_in_client, network, user, make_user):
    client = logged_in_client
    bram = make_user("bram")
    make_user("carla")
    assert url("network_settings", network) in client.get(network.get_absolute_url()).content.decode()
    response = client.post(url("member_list", network), {"user": "bram@example.org", "role": "coordinator"})
    assert response["Location"] == url("member_list", network)
    response = client.post(url("member_list", network), {"user": "carla@example.org", "role": "viewer"})
    html = client.get(url("member_list", network)).content.decode()
    assert 'data-user="bram"' in html and 'data-user="carla"' in html
    assert role_of(network, bram) == NetworkRole.COORDINATOR

    response = client.post(url("member_list", network), {"user": "niemand", "role": "member"})
    assert response.status_code == 200 and 'id="id_user_errors"' in response.content.decode()
    assert network.memberships.count() == 3

    membership = network.memberships.get(user=bram)
    client.post(url("member_role", network, pk=membership.pk), {"role": "member"})
    assert role_of(network, bram) == NetworkRole.MEMBER

    assert "bram" in client.get(url("member_remove", network, pk=membership.pk)).content.decode()
    client.post(url("member_remove", network, pk=membership.pk))
    assert role_of(network, bram) is None
    assert client_for(bram).get(network.get_absolute_url()).status_code == 404


def test_the_last_admin_is_kept_in_the_ui(logged_in_client, network, user, make_user):
    client = logged_in_client
    client.cookies["django_language"] = "en"
    own = network.memberships.get(user=user)
    response = client.post(url("member_role", network, pk=own.pk), {"role": "viewer"}, follow=True)
    assert "last admin" in response.content.decode()
    response = client.post(url("member_remove", network, pk=own.pk), follow=True)
    assert "last admin" in response.content.decode()
    assert role_of(network, user) == NetworkRole.ADMIN

    # Once someone else is admin, the admin may step down and is sent to the dashboard.
    services.membership_set(network=network, user=make_user("opvolger"), role=NetworkRole.ADMIN)
    response = client.post(url("member_role", network, pk=own.pk), {"role": "member"})
    assert response["Location"] == network.get_absolute_url()
    assert role_of(network, user) == NetworkRole.MEMBER
