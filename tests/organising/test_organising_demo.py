"""The demo's organising step: rules from the template with commitments, decisions in every state,
two years of meetings, and the warnings a director should see."""

from __future__ import annotations

import pytest

from netwerkregie.demo.generator import build_demo, reset_demo
from netwerkregie.organising.exchange import organising_export
from netwerkregie.organising.models import ObjectionStatus, ProposalState
from netwerkregie.organising.selectors.rules import uncommitted_organisations
from netwerkregie.organising.selectors.warnings import organising_warnings

pytestmark = pytest.mark.django_db


def _emails(network) -> dict[int, str]:
    return {p.pk: p.email for p in network.people.all()}


def _without_uids(data: dict) -> dict:
    for meeting in data["meetings"]:
        meeting.pop("uid")
    return data


def test_demo_organises_the_network():
    network = build_demo()
    assert network.rules.filter(template_key__gt="").count() == 10
    assert sorted(uncommitted_organisations(network=network).values_list("name", flat=True)) == [
        "Werkgeversvereniging Zorg & Welzijn Midden", "Woonstichting Thuis"]
    states = set(network.proposals.values_list("state", flat=True))
    assert states == set(ProposalState.values)
    rules_decision = network.proposals.get(title="Spelregels Regio Voorbeeld vaststellen")
    assert rules_decision.state == ProposalState.PASSED and rules_decision.versions.count() == 2
    assert rules_decision.responses.get(organisation__name="Wmo-raad Aldermeer", version=1).objection_status == (
        ObjectionStatus.RESOLVED)
    blocked = network.proposals.get(title="Beweegaanbod uitbreiden naar Bruggeveen")
    assert blocked.state == ProposalState.REJECTED and blocked.responses.filter(kind="disagree").count() == 1
    meetings = network.meetings.all()
    assert meetings.count() == 17
    assert min(m.starts_at for m in meetings).year == 2024 and max(m.starts_at for m in meetings).year == 2027
    codes = {s.code for s in organising_warnings(network=network)}
    assert {"not_committed", "absent_twice", "action_points_overdue", "topic_without_rule"} <= codes
    assert "advisory_group_without_independent_chair" not in codes and "direction_group_incomplete" not in codes
    first = _without_uids(organising_export(network=network, person_ref=_emails(network)))
    network = reset_demo()
    again = _without_uids(organising_export(network=network, person_ref=_emails(network)))
    assert first == again
