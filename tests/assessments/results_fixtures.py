"""Small, hand-countable survey data for the result tests: rounds, respondents and answers.

Rounds, invitations and answers are made with the ORM so the result selectors are tested on
exactly the rows written here; the registry is built through its services.
"""

from __future__ import annotations

import datetime
import itertools

from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, Organisation, OrganisationType, Person
from netwerkregie.registry.services import token_digest

_tokens = itertools.count(1)


def organisation(network: Network, name: str, type_key: str) -> Organisation:
    return registry.organisation_create(network=network, name=name, type=OrganisationType.objects.get(key=type_key))


def make_round(network: Network, name: str, instruments: list[str], *, opens: str = "2025-01-10",
               closes: str = "2025-03-01", **extra) -> SurveyRound:
    return SurveyRound.objects.create(network=network, name=name, instruments=instruments,
                                      opens_on=datetime.date.fromisoformat(opens),
                                      closes_on=datetime.date.fromisoformat(closes), **extra)


def respond(survey_round: SurveyRound, org: Organisation, answers: dict[str, dict[str, object]], *, level: str = "",
            complete: bool = True, subjects: list[tuple[dict, dict[str, dict[str, object]]]] = (),
            evidence: dict[str, dict[str, str]] | None = None) -> Invitation:
    """One respondent: `answers` per instrument about the network, `subjects` as (subject kwargs, answers)."""
    person = Person.objects.create(network=survey_round.network, name=f"Respondent {next(_tokens)}", organisation=org)
    invitation = Invitation.objects.create(
        round=survey_round, person=person, organisation=org, level=level,
        token_digest=token_digest(f"token-{next(_tokens)}"),
        completed_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC) if complete else None)
    evidence = evidence or {}
    for subject, per_instrument in [({}, answers), *subjects]:
        for instrument, values in per_instrument.items():
            for item, value in values.items():
                Answer(invitation=invitation, instrument=instrument, item=item, value=value,
                       evidence=evidence.get(instrument, {}).get(item, "") if not subject else "",
                       **subject).save()
    return invitation


def five_conditions(score: int) -> dict[str, object]:
    """All five-conditions items answered so that every dimension's mean is `score`."""
    from netwerkregie.assessments.instruments import instrument_get

    return {it.key: (6 - score if it.reverse else score) for it in instrument_get("five_conditions").items}


def dip(score: int) -> dict[str, object]:
    from netwerkregie.assessments.instruments import instrument_get

    return {it.key: score for it in instrument_get("network_dip").items}
