"""Networks for the organising tests, built through the registry and organising services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from netwerkregie.core.roles import NetworkRole
from netwerkregie.organising.models import ResponseKind
from netwerkregie.organising.services import bodies as body_services
from netwerkregie.organising.services import decisions, meetings, rules
from netwerkregie.registry import services
from netwerkregie.registry.models import GovernanceUnitKind, Network


class OrganisingBuilder:
    """A network with organisations, a fundament, a coalition and users that speak for organisations."""

    def __init__(self, network: Network, org_type, make_user, size: int = 3):
        self.network = network
        self.make_user = make_user
        self.organisations = [services.organisation_create(network=network, name=f"Organisatie {i:02d}",
                                                           type=org_type("welfare")) for i in range(1, size + 1)]
        self.fundament = services.governance_unit_create(network=network, kind=GovernanceUnitKind.FUNDAMENT,
                                                         name="Breed netwerkoverleg")
        theme = services.theme_create(network=network, name="Ouderen")
        self.coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie",
                                                   organisations=self.organisations[:2])
        self.coordinator = make_user(f"coordinator-{network.slug}")
        services.membership_set(network=network, user=self.coordinator, role=NetworkRole.COORDINATOR)
        self.speakers = []
        for index, organisation in enumerate(self.organisations):
            user = make_user(f"lid-{network.slug}-{index}")
            services.membership_set(network=network, user=user, role=NetworkRole.MEMBER)
            body_services.spokesperson_add(network=network, user=user, organisation=organisation)
            self.speakers.append(user)

    def proposal(self, body=None, *, open_: bool = True, closes_in: int = 14, **data):
        proposal = decisions.proposal_create(network=self.network, body=body or self.fundament,
                                             title=data.pop("title", f"Voorstel {timezone.now().timestamp()}"),
                                             text=data.pop("text", "We doen het zo."),
                                             created_by=self.coordinator, **data)
        if open_:
            decisions.proposal_open(proposal=proposal,
                                    closes_on=timezone.localdate() + datetime.timedelta(days=closes_in))
        return proposal

    def respond(self, proposal, index: int, kind: str, reason: str = ""):
        return decisions.response_record(proposal=proposal, organisation=self.organisations[index], kind=kind,
                                         reason=reason, recorded_by=self.speakers[index])


@pytest.fixture(autouse=True)
def english():
    """Service messages are asserted in English (the source language); pages still render in Dutch."""
    with translation.override("en"):
        yield


@pytest.fixture
def builder(network, org_type, make_user) -> OrganisingBuilder:
    return OrganisingBuilder(network, org_type, make_user)


@pytest.fixture
def make_builder(make_network, org_type, make_user, user):
    def make(slug: str, size: int = 3) -> OrganisingBuilder:
        return OrganisingBuilder(make_network(slug, user=user), org_type, make_user, size)
    return make


def _populate(builder: OrganisingBuilder, count: int) -> None:
    """`count` of every repeating thing: rules, commitments, proposals with responses, meetings with agendas."""
    network = builder.network
    now = timezone.now()
    for i in range(count):
        rules.rule_create(network=network, topic="behaviour", title=f"Regel {i}", text=f"Tekst {i}",
                          created_by=builder.coordinator)
        proposal = builder.proposal(title=f"Voorstel {i}")
        builder.respond(proposal, 0, ResponseKind.OBJECTION, "Reden")
        decisions.proposal_amend(proposal=proposal, text=f"Nieuwe tekst {i}")
        builder.respond(proposal, 0, ResponseKind.CONSENT)
        meeting = meetings.meeting_create(network=network, body=builder.fundament, title=f"Overleg {i}",
                                          starts_at=now - datetime.timedelta(days=i + 1),
                                          ends_at=now - datetime.timedelta(days=i + 1, hours=-2))
        meetings.agenda_item_add(meeting=meeting, title="Opening", proposal=proposal)
        meetings.action_point_add(meeting=meeting, title=f"Actie {i}",
                                  due_date=timezone.localdate() - datetime.timedelta(days=1))
        meetings.invitations_send(meeting=meeting)
        for organisation in builder.organisations:
            meetings.attendance_record(meeting=meeting, organisation=organisation, present=False)
    for organisation in builder.organisations[:count]:
        rules.commitment_record(network=network, organisation=organisation, committed_on=timezone.localdate())


@pytest.fixture
def populate():
    """Fill a builder's network with `count` of every repeating thing."""
    return _populate
