"""A surveyed network and clients per role, for the attack tests of tests/privacy/."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, OrganisationType

DAY = datetime.timedelta(days=1)
SECRET_EVIDENCE = "GEHEIM-BEWIJS-123"
BASE = "https://netwerk.example.org/"
LINK = re.compile(r"/survey/([A-Za-z0-9_-]{20,})/")


@pytest.fixture
def surveyed(network: Network) -> SimpleNamespace:
    """Two organisations, four people with contact data, an open round with two answered invitations."""
    types = {t.key: t for t in OrganisationType.objects.filter(key__in=["hospital", "gp"])}
    hospital = registry.organisation_create(network=network, name="Ziekenhuis Zuid", type=types["hospital"])
    gp = registry.organisation_create(network=network, name="Huisartsen Noord", type=types["gp"])
    people = [
        registry.person_create(network=network, name=name, organisation=org, email=email, phone="06-12345678")
        for name, org, email in [("Anna Bakker", hospital, "anna@example.org"),
                                 ("Bram de Vries", gp, "bram@example.org"),
                                 ("Chris Jansen", gp, "chris@example.org"),
                                 ("Dewi Smit", hospital, "")]]
    today = timezone.localdate()
    round_ = survey.round_create(network=network, name="Meting 2026", instruments=["five_conditions"],
                                 opens_on=today - 7 * DAY, closes_on=today + 21 * DAY)
    invitations = survey.invitations_create(round=round_, people=people)
    survey.invitations_send(round=round_, base_url=BASE)  # each e-mail carries a new link
    links = {message.to[0]: LINK.search(message.body).group(1) for message in mail.outbox}
    mail.outbox.clear()
    for invitation in invitations:
        invitation.token = links.get(invitation.person.email, invitation.token)
    for invitation, value in zip(invitations[:2], (2, 5), strict=True):
        survey.answers_save(invitation=invitation, instrument="five_conditions", values={"amb_shared": value},
                            evidence={"amb_shared": SECRET_EVIDENCE})
        survey.invitation_complete(invitation=invitation)
    return SimpleNamespace(network=network, round=round_, invitations=invitations, people=people,
                           hospital=hospital, gp=gp)


@pytest.fixture
def client_as(network: Network, make_user) -> Callable[[str], Client]:
    """A logged-in client of a new user with `role` in the network."""

    def login(role: str) -> Client:
        user = make_user(f"privacy-{role}")
        registry.membership_set(network=network, user=user, role=role)
        client = Client()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def api_as(network: Network, make_user) -> Callable[[str], Client]:
    """An API client of a new user with `role`, authenticated by a real token."""

    def make(role: str) -> Client:
        user = make_user(f"privacy-api-{role}")
        registry.membership_set(network=network, user=user, role=role)
        token = registry.api_token_create(user=user, name="privacy")[1]
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make
