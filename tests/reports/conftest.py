"""Fixtures of the board-report tests: a small network with two survey rounds and a too-small group."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest

from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, Organisation, OrganisationType, Person
from netwerkregie.registry.services import token_digest

_tokens = itertools.count(1)
SMALL_TYPE = "welfare"  # one respondent only: below the anonymity minimum of 3


def _scores(score: int) -> dict[str, object]:
    """Every five-conditions item answered so that each dimension's mean is `score`."""
    return {it.key: (6 - score if it.reverse else score) for it in instrument_get("five_conditions").items}


def _respond(survey_round: SurveyRound, organisation: Organisation, score: int) -> None:
    person = Person.objects.create(network=survey_round.network, name=f"Respondent {next(_tokens)}",
                                   organisation=organisation)
    invitation = Invitation.objects.create(
        round=survey_round, person=person, organisation=organisation,
        token_digest=token_digest(f"report-token-{next(_tokens)}"),
        completed_at=datetime.datetime.combine(survey_round.opens_on, datetime.time(12), tzinfo=datetime.UTC))
    Answer.objects.bulk_create(Answer(invitation=invitation, instrument="five_conditions", item=item, value=value)
                               for item, value in _scores(score).items())


@dataclass
class Region:
    network: Network
    latest: SurveyRound
    earlier: SurveyRound
    small_type: OrganisationType


@pytest.fixture
def region(network) -> Region:
    """Hospitals and municipalities answer both rounds; one welfare organisation answers the latest only."""
    types = {key: OrganisationType.objects.get(key=key) for key in ("hospital", "municipality", SMALL_TYPE)}
    orgs = {key: [registry.organisation_create(network=network, name=f"{t.name_nl} {i}", type=t) for i in range(3)]
            for key, t in types.items()}
    theme = registry.theme_create(network=network, name="Gezond ouder worden")
    registry.coalition_create(network=network, theme=theme, name="Valpreventie thuis")
    earlier = SurveyRound.objects.create(network=network, name="Netwerkmonitor 2025", instruments=["five_conditions"],
                                         opens_on=datetime.date(2025, 2, 1), closes_on=datetime.date(2025, 3, 1))
    latest = SurveyRound.objects.create(network=network, name="Netwerkmonitor 2026", instruments=["five_conditions"],
                                        opens_on=datetime.date(2026, 2, 1), closes_on=datetime.date(2026, 3, 1))
    for organisation in orgs["hospital"]:
        _respond(earlier, organisation, 4)
        _respond(latest, organisation, 4)
    for organisation in orgs["municipality"]:
        _respond(earlier, organisation, 3)
        _respond(latest, organisation, 2)
    _respond(latest, orgs[SMALL_TYPE][0], 1)
    return Region(network, latest, earlier, types[SMALL_TYPE])
