"""Small, hand-countable networks for the analysis tests: organisations, relational answers, groups.

Answers are written with the ORM so the selectors are tested on exactly these rows; the registry
and the relations entered by hand go through their services.
"""

from __future__ import annotations

import datetime
import itertools

from netwerkregie.analysis import services as analysis_services
from netwerkregie.analysis.models import Relation
from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Coalition, Network, Organisation, OrganisationType, Theme
from netwerkregie.registry.services import token_digest

_tokens = itertools.count(1)
RELATIONS = instrument_get("relations")
TRUST_ITEMS = [item.key for item in RELATIONS.dimension("trust").items]
VALUE_ITEMS = [item.key for item in RELATIONS.dimension("value").items]


def org(network: Network, name: str, type_key: str = "welfare") -> Organisation:
    return registry.organisation_create(network=network, name=name, type=OrganisationType.objects.get(key=type_key))


def orgs(network: Network, *names: str) -> list[Organisation]:
    return [org(network, name) for name in names]


def survey_round(network: Network, name: str = "2025", opens: str = "2025-01-10") -> SurveyRound:
    start = datetime.date.fromisoformat(opens)
    return SurveyRound.objects.create(network=network, name=name, instruments=["relations"], opens_on=start,
                                      closes_on=start + datetime.timedelta(days=30))


def respondent(round_: SurveyRound, organisation: Organisation, complete: bool = True) -> Invitation:
    """A respondent who completed the round (by default), so the round can count as the latest picture."""
    completed = datetime.datetime.combine(round_.opens_on, datetime.time(12), tzinfo=datetime.UTC) if complete else None
    return Invitation.objects.create(round=round_, organisation=organisation,
                                     token_digest=token_digest(f"t{next(_tokens)}"), completed_at=completed)


def report(invitation: Invitation, about: Organisation, kind: str = "cooperative", *,
           trust: tuple[float, ...] | None = (3, 3, 3), value: tuple[float, ...] | None = (2, 2, 2),
           flows: list[str] | None = None) -> None:
    """One respondent's answers about one other organisation."""
    items: dict[str, object] = {"relation_kind": kind}
    if trust:
        items.update(zip(TRUST_ITEMS, trust, strict=True))
    if value:
        items.update(zip(VALUE_ITEMS, value, strict=True))
    if flows is not None:
        items["flows"] = flows
    for item, answer in items.items():
        Answer.objects.create(invitation=invitation, instrument="relations", item=item, organisation=about,
                              value=answer)


def theme(network: Network, name: str = "Ouderen") -> Theme:
    return registry.theme_create(network=network, name=name)


def coalition(network: Network, name: str, the_theme: Theme, members: list[Organisation], **extra) -> Coalition:
    return registry.coalition_create(network=network, theme=the_theme, name=name, organisations=members, **extra)


def relation(network: Network, source: Organisation, target: Organisation, kind: str = "funding",
             **extra) -> Relation:
    return analysis_services.relation_create(network=network, source=source, target=target, kind=kind, **extra)
