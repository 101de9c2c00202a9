"""The demo region, built once per module for tests that only read it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from netwerkregie.demo.generator import USERS, build_demo
from netwerkregie.registry.models import Network
from netwerkregie.registry.reference import seed_organisation_types


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo takes seconds to build; it lives outside the tests' transactions, so it is removed after."""
    with django_db_blocker.unblock():
        seed_organisation_types()  # a transactional test before this module may have emptied them
        network = build_demo()
        yield network
        Network.objects.filter(slug=network.slug).delete()
        get_user_model().objects.filter(username__in=[username for username, _password, _role in USERS]).delete()
