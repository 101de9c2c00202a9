"""Survey data builders and constants for the privacy attacks of tests/privacy/ (fixtures in conftest.py)."""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass

from django.utils import timezone

from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, Organisation, OrganisationType, Person
from netwerkregie.registry.services import token_digest

DAY = datetime.timedelta(days=1)
SECRET_EVIDENCE = "GEHEIM-BEWIJS-123"
BASE = "https://netwerk.example.org/"
LINK = re.compile(r"/survey/([A-Za-z0-9_-]{20,})/")

serial = itertools.count(1)


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
        return SurveyRound.objects.create(network=self.network, name=f"{name} {next(serial)}",
                                          instruments=instruments, opens_on=today - datetime.timedelta(days=30),
                                          closes_on=closes)

    def respond(self, survey_round: SurveyRound, org: Organisation | None, answers: dict[str, dict[str, object]], *,
                level: str = "", subjects: list[tuple[dict, dict[str, dict[str, object]]]] = (),
                evidence: dict[str, dict[str, str]] | None = None) -> Invitation:
        """One completed response: `answers` about the network, `subjects` as (subject kwargs, answers)."""
        person = Person.objects.create(network=self.network, name=f"Respondent {next(serial)}", organisation=org)
        invitation = Invitation.objects.create(round=survey_round, person=person, organisation=org, level=level,
                                               token_digest=token_digest(f"privacy-{next(serial)}"),
                                               completed_at=timezone.now())
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
