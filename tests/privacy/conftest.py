"""Survey data for the privacy attacks: organisations in themes, respondents and their answers.

Rows are written with the ORM, as an installation holds them, so every attack runs against the
same selectors, pages and API a member would use.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, Organisation, OrganisationType, Person

_tokens = itertools.count(1)


@dataclass
class Survey:
    """Helpers that build one network's survey data."""

    network: Network

    def organisation(self, name: str, type_key: str = "hospital", themes: tuple[str, ...] = ()) -> Organisation:
        org = registry.organisation_create(network=self.network, name=name,
                                           type=OrganisationType.objects.get(key=type_key))
        for theme_name in themes:
            theme = (self.network.themes.filter(name=theme_name).first()
                     or registry.theme_create(network=self.network, name=theme_name))
            registry.coalition_create(network=self.network, theme=theme, name=f"{theme_name} · {name}",
                                      organisations=[org])
        return org

    def round(self, instruments: list[str], *, open_round: bool = False, name: str = "Monitor") -> SurveyRound:
        today = timezone.localdate()
        closes = today + datetime.timedelta(days=20) if open_round else today - datetime.timedelta(days=1)
        return SurveyRound.objects.create(network=self.network, name=f"{name} {next(_tokens)}",
                                          instruments=instruments, opens_on=today - datetime.timedelta(days=30),
                                          closes_on=closes)

    def respond(self, round: SurveyRound, org: Organisation | None, answers: dict[str, dict[str, object]], *,
                level: str = "", subjects: list[tuple[dict, dict[str, dict[str, object]]]] = (),
                evidence: dict[str, dict[str, str]] | None = None) -> Invitation:
        """One completed response: `answers` about the network, `subjects` as (subject kwargs, answers)."""
        person = Person.objects.create(network=self.network, name=f"Respondent {next(_tokens)}", organisation=org)
        invitation = Invitation.objects.create(round=round, person=person, organisation=org, level=level,
                                               token=f"privacy-{next(_tokens)}", completed_at=timezone.now())
        for subject, per_instrument in [({}, answers), *subjects]:
            for instrument, values in per_instrument.items():
                for item, value in values.items():
                    note = (evidence or {}).get(instrument, {}).get(item, "") if not subject else ""
                    Answer(invitation=invitation, instrument=instrument, item=item, value=value, evidence=note,
                           **subject).save()
        return invitation


def conditions(score: int, *, dont_know: tuple[str, ...] = ()) -> dict[str, object]:
    """Five-conditions answers whose every dimension scores `score`; dimensions in `dont_know` all "don't know"."""
    result = {}
    for dim in instrument_get("five_conditions").dimensions:
        for item in dim.items:
            result[item.key] = "dont_know" if dim.key in dont_know else (6 - score if item.reverse else score)
    return result


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
        user = make_user(f"{role}-{next(_tokens)}")
        registry.membership_set(network=network, user=user, role=role)
        web = Client()
        web.force_login(user)
        token = registry.api_token_create(user=user, name="privacy")[1]
        return Member(web, Client(headers={"Authorization": f"Bearer {token}"}))

    return make
