"""Survey data and clients per role for the privacy attacks of tests/privacy/.

Rows are written through the services or with the ORM, as an installation holds them, so every
attack runs against the same selectors, pages and API a member would use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from privacy_helpers import BASE, DAY, LINK, SECRET_EVIDENCE, Survey, serial

from netwerkregie.assessments import services as survey_services
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, OrganisationType


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
    round_ = survey_services.round_create(network=network, name="Meting 2026", instruments=["five_conditions"],
                                 opens_on=today - 7 * DAY, closes_on=today + 21 * DAY)
    invitations = survey_services.invitations_create(survey_round=round_, people=people)
    survey_services.invitations_send(survey_round=round_, base_url=BASE)  # each e-mail carries a new link
    links = {message.to[0]: LINK.search(message.body).group(1) for message in mail.outbox}
    mail.outbox.clear()
    for invitation in invitations:
        invitation.token = links.get(invitation.person.email, invitation.token)
    for invitation, value in zip(invitations[:2], (2, 5), strict=True):
        survey_services.answers_save(invitation=invitation, instrument="five_conditions", values={"amb_shared": value},
                            evidence={"amb_shared": SECRET_EVIDENCE})
        survey_services.invitation_complete(invitation=invitation)
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


@pytest.fixture
def survey(network) -> Survey:
    return Survey(network)


@dataclass
class Member:
    """A member of the network with a role: logged in on the site and holding an API token."""

    web: Client
    api: Client


@pytest.fixture
def member_as(network, make_user) -> Callable[[str], Member]:
    """A new user with `role` in the network, as a logged-in browser and as an API client."""
    def make(role: str) -> Member:
        user = make_user(f"{role}-{next(serial)}")
        registry.membership_set(network=network, user=user, role=role)
        web = Client()
        web.force_login(user)
        token = registry.api_token_create(user=user, name="privacy")[1]
        return Member(web, Client(headers={"Authorization": f"Bearer {token}"}))

    return make
