"""A network in which every repeating thing grows with `size`, for the query budgets.

Organisations, people, themes, coalitions, initiatives, governance units, relations, survey rounds,
respondents and answers all grow; one organisation, person, theme, coalition, unit and round (the
hubs) is linked to a share of everything, so detail pages grow too. The registry comes from bulk
inserts that respect the services' rules; invitations are made by the assessments service.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from netwerkregie.analysis.models import Relation
from netwerkregie.assessments import services as assessments
from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, SurveyRound
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Theme,
    ThemeRole,
)

INSTRUMENTS = ["five_conditions", "network_dip", "relations"]


@dataclass(frozen=True)
class Hubs:
    """The objects whose detail pages are measured: each is linked to a share of everything."""

    organisation: int
    person: int
    theme: int
    coalition: int
    unit: int
    round: int
    relation: int


def grow(network: Network, size: int) -> Hubs:
    """`size` organisations (at least 10) with everything else in proportion."""
    types = list(OrganisationType.objects.order_by("order"))
    municipalities = list(network.municipalities.all())
    organisations = Organisation.objects.bulk_create([
        Organisation(network=network, name=f"Organisatie {i:04}", type=types[i % len(types)],
                     municipality=municipalities[i % len(municipalities)]) for i in range(size)])
    people = Person.objects.bulk_create([
        Person(network=network, name=f"Persoon {i:04}", organisation=organisations[i % size],
               email=f"persoon{i}@example.org") for i in range(2 * size)])
    themes = Theme.objects.bulk_create([Theme(network=network, name=f"Thema {i:04}") for i in range(size // 5)])
    hub_org, hub_person, hub_theme = organisations[0], people[0], themes[0]
    ThemeRole.objects.bulk_create(
        [ThemeRole(theme=t, person=people[k + 1], kind="board_lead") for k, t in enumerate(themes)]
        + [ThemeRole(theme=t, person=hub_person, kind="coordinator") for t in themes]
        + [ThemeRole(theme=hub_theme, person=p, kind="board_lead") for p in people[2::20]])
    coalitions = Coalition.objects.bulk_create([
        Coalition(network=network, theme=hub_theme if k % 2 else themes[k % len(themes)], name=f"Coalitie {k:04}")
        for k in range(size // 3)])
    hub_coalition = coalitions[0]
    pairs = {(c.pk, organisations[(3 * k + j) % size].pk) for k, c in enumerate(coalitions) for j in range(3)}
    pairs |= {(c.pk, hub_org.pk) for c in coalitions} | {(hub_coalition.pk, o.pk) for o in organisations[::4]}
    CoalitionParticipation.objects.bulk_create([
        CoalitionParticipation(coalition_id=c, organisation_id=o, contribution_knowledge="kennis")
        for c, o in sorted(pairs)])
    Initiative.objects.bulk_create([Initiative(coalition=c, name=f"Initiatief {c.name}") for c in coalitions]
                                   + [Initiative(coalition=hub_coalition, name=f"Initiatief {i}")
                                      for i in range(size // 5)])
    units = GovernanceUnit.objects.bulk_create([GovernanceUnit(network=network, kind="other", name=f"Eenheid {i:04}")
                                                for i in range(size // 5)])
    hub_unit = units[0]
    GovernanceUnitMembership.objects.bulk_create(
        [GovernanceUnitMembership(unit=u, person=people[k + 1], level="strategic") for k, u in enumerate(units)]
        + [GovernanceUnitMembership(unit=u, person=hub_person, level="tactical") for u in units[1:]]
        + [GovernanceUnitMembership(unit=hub_unit, person=p, level="operational") for p in people[3::10]])
    relations = Relation.objects.bulk_create([
        Relation(network=network, source=organisations[i], target=organisations[(i + 1 + i % 3) % size],
                 kind="contract") for i in range(size)]
        + [Relation(network=network, source=hub_org, target=o, kind="funding") for o in organisations[5::6]])
    rounds = [_survey_round(network, year, people, organisations) for year in range(2024, 2024 + max(1, size // 40))]
    return Hubs(hub_org.pk, hub_person.pk, hub_theme.pk, hub_coalition.pk, hub_unit.pk, rounds[-1].pk,
                relations[0].pk)


def _survey_round(network: Network, year: int, people: list[Person],
                  organisations: list[Organisation]) -> SurveyRound:
    """A closed round in which two thirds of the people answered every instrument."""
    survey_round = SurveyRound.objects.create(
        network=network, name=f"Netwerkmonitor {year}", instruments=INSTRUMENTS,
        opens_on=datetime.date(year, 1, 10), closes_on=datetime.date(year, 3, 1))
    invitations = assessments.invitations_create(round=survey_round, people=people)
    completed = datetime.datetime(year, 2, 1, tzinfo=datetime.UTC)
    answers = []
    for k, invitation in enumerate(invitations):
        if k % 3 == 2:
            continue
        for instrument in ("five_conditions", "network_dip"):
            for item in instrument_get(instrument).items:
                answers.append(Answer(invitation=invitation, instrument=instrument, item=item.key,
                                      value=1 + (k + len(item.key)) % 5))
        for step in (1, 2):
            target = organisations[(k + step) % len(organisations)]
            if target.pk == invitation.organisation_id:
                continue
            for item, value in (("relation_kind", "coordinated"), ("trust_reliability", 3), ("value_power", 2)):
                answers.append(Answer(invitation=invitation, instrument="relations", item=item, value=value,
                                      organisation=target,
                                      subject=Answer.subject_key(organisation_id=target.pk)))
    Answer.objects.bulk_create(answers)
    survey_round.invitations.exclude(pk__in=[inv.pk for k, inv in enumerate(invitations) if k % 3 == 2]).update(
        sent_at=timezone.now(), started_at=completed, completed_at=completed)
    return survey_round
