"""core finds the network model through NETWERKREGIE_NETWORK_MODEL, as Django finds the user model."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import override_settings

from netwerkregie.core import access
from netwerkregie.core.roles import NetworkRole, role_at_least
from netwerkregie.registry.models import Network


def test_the_setting_names_the_registry_network():
    assert access.get_network_model() is Network


@pytest.mark.parametrize(("value", "says"), [("registry", "form"), ("registry.Nothing", "not been installed")])
def test_a_wrong_setting_is_a_clear_configuration_error(value, says):
    with override_settings(NETWERKREGIE_NETWORK_MODEL=value), pytest.raises(ImproperlyConfigured, match=says):
        access.get_network_model()


def test_membership_is_found_through_the_model_and_a_stranger_gets_404(network, user, make_user, make_network):
    membership = access.membership_get(user=user, slug=network.slug)
    assert membership.network == network and membership.role == NetworkRole.ADMIN
    other = make_network("elders")
    for who, slug in [(user, other.slug), (user, "bestaat-niet"), (make_user("vreemde"), network.slug),
                      (AnonymousUser(), network.slug)]:
        with pytest.raises(Http404):
            access.membership_get(user=who, slug=slug)


def test_roles_rank_from_viewer_to_admin():
    order = [NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR, NetworkRole.ADMIN]
    assert [[role_at_least(role, minimum) for minimum in order] for role in order] == [
        [True, False, False, False], [True, True, False, False], [True, True, True, False], [True, True, True, True]]
