"""A generated network the size of a large region, for benchmarks/pages.py.

`organisations` (2,000 by default) with three people each, a coalition per 33 organisations,
two hand-entered relations per organisation and three closed yearly survey rounds in which three
quarters of `organisations` respondents answered the five conditions, the network dip and the
relational survey about 18 ticked partners each (about a million answers at 2,000). Everything
is bulk-inserted the way the services store it: invitations come from the assessments service
(token digests, copied organisation and level), answers carry their subject key, ticked partners
match the organisations answered about, and closed rounds have completed invitations only where
answers exist. The other apps (rules, meetings, funding, board reports) get the budget builder's
small share, so every page of the query budget file has something to show.
"""

from __future__ import annotations

import datetime
import random
import sys
from pathlib import Path

from django.db import transaction
from django.utils import timezone

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "budgets"))

from budget_builder import INSTRUMENTS, grow_apps  # noqa: E402

from netwerkregie.analysis.models import Relation, RelationKind  # noqa: E402
from netwerkregie.assessments import services as assessments  # noqa: E402
from netwerkregie.assessments.instruments import SCALES, Item, instrument_get  # noqa: E402
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound  # noqa: E402
from netwerkregie.core.roles import NetworkRole  # noqa: E402
from netwerkregie.registry import services  # noqa: E402
from netwerkregie.registry.models import (  # noqa: E402
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

PEOPLE_PER_ORGANISATION = 3
ORGANISATIONS_PER_COALITION = 33
RELATIONS_PER_ORGANISATION = 2
ROUNDS = 3
RESPONDENT_SHARE = 0.75  # respondents per round, as a share of the organisations
PARTNERS = 18  # organisations each respondent ticks and answers the relational survey about
APP_ROWS = 10  # rules, meetings, calls … (the apps' lists; funding scores grow with its fourth power)
BATCH = 5000


def build(*, slug: str, organisations: int, user, seed: int = 2026) -> Network:
    """The network, with `user` as its admin (benchmarks/pages.py finds the objects it times by HUB_MODELS)."""
    rng = random.Random(seed)
    with transaction.atomic():
        network = services.network_create(name=f"Regio {slug}", slug=slug,
                                          municipalities=[f"Gemeente {i:02}" for i in range(24)])
        services.membership_set(network=network, user=user, role=NetworkRole.ADMIN)
        orgs, people, themes, coalitions, units = _registry(network, organisations, rng)
        _relations(network, orgs, rng)
    for year in _years():
        _survey_round(network, year, people, orgs, rng)
    with transaction.atomic():
        grow_apps(network, APP_ROWS, user, organisations=orgs, people=people, themes=themes, coalitions=coalitions,
                  units=units)
    return network


def _years() -> range:
    this_year = timezone.localdate().year
    return range(this_year - ROUNDS, this_year)


def _registry(network: Network, size: int, rng: random.Random):
    types = list(OrganisationType.objects.order_by("order"))
    municipalities = list(network.municipalities.all())
    orgs = Organisation.objects.bulk_create(
        [Organisation(network=network, name=f"Organisatie {i:05}", sort_name=f"organisatie {i:05}",
                      type=rng.choice(types),
                      municipality=rng.choice(municipalities)) for i in range(size)], batch_size=BATCH)
    people = Person.objects.bulk_create(
        [Person(network=network, name=f"Persoon {i:05}", sort_name=f"persoon {i:05}", organisation=orgs[i % size],
                email=f"persoon{i}@example.org") for i in range(PEOPLE_PER_ORGANISATION * size)], batch_size=BATCH)
    themes = Theme.objects.bulk_create([Theme(network=network, name=f"Thema {i:03}")
                                        for i in range(max(3, size // 100))])
    coalitions = Coalition.objects.bulk_create(
        [Coalition(network=network, theme=themes[k % len(themes)], name=f"Coalitie {k:03}")
         for k in range(max(3, size // ORGANISATIONS_PER_COALITION))])
    # Every organisation takes part in two coalitions (a set: no organisation twice in one).
    pairs = {(coalitions[(i * step) % len(coalitions)].pk, o.pk) for i, o in enumerate(orgs) for step in (1, 7)}
    CoalitionParticipation.objects.bulk_create(
        [CoalitionParticipation(coalition_id=c, organisation_id=o, contribution_knowledge="kennis")
         for c, o in sorted(pairs)], batch_size=BATCH)
    Initiative.objects.bulk_create([Initiative(coalition=c, name=f"Initiatief {c.name}") for c in coalitions])
    ThemeRole.objects.bulk_create([ThemeRole(theme=t, person=people[k], kind="board_lead")
                                   for k, t in enumerate(themes)])
    units = GovernanceUnit.objects.bulk_create([GovernanceUnit(network=network, kind="other", name=f"Eenheid {i:02}")
                                                for i in range(10)])
    GovernanceUnitMembership.objects.bulk_create(
        [GovernanceUnitMembership(unit=units[k % len(units)], person=p, level=("strategic", "tactical")[k % 2])
         for k, p in enumerate(people[::30])])
    return orgs, people, themes, coalitions, units


def _relations(network: Network, orgs: list[Organisation], rng: random.Random) -> list[Relation]:
    """Distinct (source, target, kind) ties between random pairs, none to itself."""
    kinds = RelationKind.values
    ties: set[tuple[int, int, str]] = set()
    while len(ties) < RELATIONS_PER_ORGANISATION * len(orgs):
        source, target = rng.sample(orgs, 2)
        ties.add((source.pk, target.pk, rng.choice(kinds)))
    return Relation.objects.bulk_create([Relation(network=network, source_id=s, target_id=t, kind=k)
                                         for s, t, k in sorted(ties)], batch_size=BATCH)


def _value(item: Item, rng: random.Random) -> object:
    """An answer as `instruments.clean_answer` stores it."""
    if item.answer_type in SCALES:
        return rng.randint(*SCALES[item.answer_type])
    if item.answer_type == "multi_choice":
        return sorted(rng.sample([c.key for c in item.choices], 2))
    if item.answer_type == "choice":
        return rng.choice(item.choices).key
    if item.answer_type == "yes_no":
        return rng.random() < 0.6
    raise ValueError(f"no generated answer for {item.key} ({item.answer_type})")


def _survey_round(network: Network, year: int, people: list[Person], orgs: list[Organisation],
                  rng: random.Random) -> SurveyRound:
    """A closed round: one in three invited people did not answer, the others answered everything."""
    with transaction.atomic():
        survey_round = SurveyRound.objects.create(
            network=network, name=f"Netwerkmonitor {year}", instruments=INSTRUMENTS,
            opens_on=datetime.date(year, 1, 10), closes_on=datetime.date(year, 3, 1))
        respondents = round(RESPONDENT_SHARE * len(orgs))
        invited = rng.sample(people, min(len(people), respondents * 3 // 2))
        invitations = assessments.invitations_create(survey_round=survey_round, people=invited)
        answering = invitations[:respondents]
        completed = datetime.datetime(year, 2, 1, tzinfo=datetime.UTC)
        Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=completed)
        Invitation.objects.filter(pk__in=[i.pk for i in answering]).update(started_at=completed,
                                                                         completed_at=completed)
        flat = [(key, item) for key in ("five_conditions", "network_dip") for item in instrument_get(key).items]
        relational = instrument_get("relations").items
        ticks, answers = [], []
        for invitation in answering:
            answers.extend(Answer(invitation=invitation, instrument=item_instrument, item=item.key,
                                  value=_value(item, rng))
                           for item_instrument, item in flat)
            partners = [o for o in rng.sample(orgs, min(len(orgs), PARTNERS + 1))
                        if o.pk != invitation.organisation_id][:PARTNERS]
            for partner in partners:
                ticks.append(Invitation.partners.through(invitation_id=invitation.pk, organisation_id=partner.pk))
                subject = Answer.subject_key(organisation_id=partner.pk)
                answers.extend(Answer(invitation=invitation, instrument="relations", item=item.key,
                                      value=_value(item, rng), organisation=partner, subject=subject)
                               for item in relational)
            if len(answers) >= BATCH * 4:
                Answer.objects.bulk_create(answers, batch_size=BATCH)
                answers = []
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        Invitation.partners.through.objects.bulk_create(ticks, batch_size=BATCH)
    return survey_round

