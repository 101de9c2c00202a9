"""A call assessed by three assessors, with scores chosen so every total can be checked by hand.

Criteria A (weight 3), B (2), C (1) on a 1–5 scale. Applications X (partners org 1, 2), Y (org 2, 3),
Z (org 3). Assessor P1 works at org 1 (excluded from X automatically), P2 at org 4, P3 declared a
conflict with Z.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import translation

from netwerkregie.core.roles import NetworkRole
from netwerkregie.funding import services
from netwerkregie.funding.models import Application, Assessor, Call, Criterion, FundingStream
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Coalition, Initiative, Organisation

SCORES = {  # assessor: application: (A, B, C)
    "P1": {"Y": (4, 3, 5), "Z": (2, 2, 2)},
    "P2": {"X": (5, 4, 3), "Y": (3, 3, 3), "Z": (3, 4, 1)},
    "P3": {"X": (4, 4, 4), "Y": (5, 2, 4)},
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@dataclass
class Assessed:
    stream: FundingStream
    call: Call
    criteria: dict[str, Criterion]
    applications: dict[str, Application]
    assessors: dict[str, Assessor]
    organisations: list[Organisation]
    coalition: Coalition
    initiative: Initiative
    users: dict[str, object]


@pytest.fixture
def build_call(network, make_user, org_type):
    def build(*, submit: tuple[str, ...] = ("P1", "P2", "P3"), score: bool = True) -> Assessed:
        organisations = [registry.organisation_create(network=network, name=f"Organisatie {i}",
                                                      type=org_type(kind))
                         for i, kind in enumerate(["hospital", "vvt", "welfare", "municipality", "gp"], start=1)]
        theme = registry.theme_create(network=network, name="Ouderen")
        coalition = registry.coalition_create(network=network, theme=theme, name="Valpreventie")
        initiative = registry.initiative_create(coalition=coalition, name="Valcursus",
                                                start_date=datetime.date(2024, 3, 1))
        stream = services.stream_create(network=network, name="IZA 2026", kind="iza", budget=Decimal("100000"),
                                        financiers=[organisations[3]])
        call = services.call_create(stream=stream, name="Oproep preventie",
                                    criteria_agreed_on=datetime.date(2026, 1, 15),
                                    agreed_by="Breed netwerkoverleg, besluit 2026-01", scale_max=5)
        criteria = {name: services.criterion_add(call=call, name=f"Criterium {name}", weight=Decimal(weight))
                    for name, weight in (("A", 3), ("B", 2), ("C", 1))}
        call = services.call_open(call=call, on=datetime.date(2026, 2, 1))
        partners = {"X": [0, 1], "Y": [1, 2], "Z": [2]}
        applications = {name: services.application_create(
            call=call, coalition=coalition, title=f"Aanvraag {name}", requested_amount=Decimal("30000"),
            initiative=initiative if name == "X" else None, submitted_on=datetime.date(2026, 2, 10),
            partners=[(organisations[i], Decimal("1000")) for i in indices])
            for name, indices in partners.items()}
        people = {"P1": organisations[0], "P2": organisations[3], "P3": None}
        users, assessors = {}, {}
        for name, organisation in people.items():
            users[name] = make_user(name.lower())
            registry.membership_set(network=network, user=users[name], role=NetworkRole.MEMBER)
            person = registry.person_create(network=network, name=f"Beoordelaar {name}", organisation=organisation)
            assessors[name] = services.assessor_add(call=call, person=person, user=users[name])
        services.conflict_declare(assessor=assessors["P3"], application=applications["Z"], reason="Bestuurslid")
        if score:
            for assessor, rows in SCORES.items():
                for application, values in rows.items():
                    for criterion, value in zip("ABC", values, strict=True):
                        services.score_set(assessor=assessors[assessor], application=applications[application],
                                           criterion=criteria[criterion], score=value,
                                           reason=f"Reden {assessor} {criterion}")
            for name in submit:
                assessors[name] = services.assessment_submit(assessor=assessors[name])
        return Assessed(stream, call, criteria, applications, assessors, organisations, coalition, initiative, users)

    return build
