"""Consent, consensus and majority through the services: the rules and the messages that name them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from netwerkregie.organising.models import ObjectionStatus, ProposalState, ResponseKind
from netwerkregie.organising.services import decisions
from netwerkregie.registry.models import DecisionPrinciple

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=30)


def test_fundament_decides_by_consent_and_silence_is_no_objection(builder):
    proposal = builder.proposal()
    builder.respond(proposal, 0, ResponseKind.CONSENT)
    with pytest.raises(ValidationError, match="silence counts as consent only once the response window"):
        decisions.proposal_decide(proposal=proposal, action="adopt")
    decisions.proposal_conclude(proposal=proposal, today=LATER)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PASSED
    assert proposal.decided_on == LATER


def test_objection_without_reason_is_refused(builder):
    proposal = builder.proposal()
    with pytest.raises(ValidationError) as error:
        builder.respond(proposal, 1, ResponseKind.OBJECTION, "  ")
    assert "onderbouwd bezwaar" in error.value.message_dict["reason"][0]
    assert not proposal.responses.exists()


def test_standing_objection_blocks_until_amended_and_responses_are_asked_again(builder):
    proposal = builder.proposal()
    builder.respond(proposal, 0, ResponseKind.CONSENT)
    objection = builder.respond(proposal, 1, ResponseKind.OBJECTION, "Dit kost ons te veel uren.")
    with pytest.raises(ValidationError, match="Rule of consent: a proposal with a standing objection"):
        decisions.proposal_decide(proposal=proposal, action="adopt", today=LATER)
    decisions.proposal_amend(proposal=proposal, text="We doen het zo, met de helft van de uren.")
    objection.refresh_from_db()
    assert objection.objection_status == ObjectionStatus.RESOLVED and "version 2" in objection.resolution
    tally = decisions.proposal_tally(proposal=proposal)
    assert tally.version == 2 and not tally.responses
    assert set(tally.asked_again) == {builder.organisations[0].pk, builder.organisations[1].pk}
    for index in range(3):
        builder.respond(proposal, index, ResponseKind.CONSENT)
    with pytest.raises(ValidationError, match="written by a person"):
        decisions.proposal_decide(proposal=proposal, action="adopt", outcome="Akkoord.")
    decisions.proposal_decide(proposal=proposal, action="adopt")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PASSED
    assert sorted(proposal.responses.values_list("version", flat=True)) == [1, 1, 2, 2, 2]


def test_objector_can_withdraw(builder):
    proposal = builder.proposal()
    objection = builder.respond(proposal, 2, ResponseKind.OBJECTION, "Te vroeg.")
    decisions.objection_withdraw(response=objection, withdrawn_by=builder.speakers[2])
    objection.refresh_from_db()
    assert objection.objection_status == ObjectionStatus.WITHDRAWN
    decisions.proposal_conclude(proposal=proposal, today=LATER)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PASSED


def test_coalition_decides_by_consensus_one_no_blocks(builder):
    proposal = builder.proposal(builder.coalition)
    assert decisions.proposal_tally(proposal=proposal).principle == DecisionPrinciple.CONSENSUS
    builder.respond(proposal, 0, ResponseKind.AGREE)
    with pytest.raises(ValidationError, match="every participating organisation must agree explicitly"):
        decisions.proposal_decide(proposal=proposal, action="adopt")
    builder.respond(proposal, 1, ResponseKind.DISAGREE)
    with pytest.raises(ValidationError, match="said no, and one no blocks"):
        decisions.proposal_decide(proposal=proposal, action="adopt")
    decisions.proposal_decide(proposal=proposal, action="reject")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED


def test_consensus_abstention_is_recorded_and_does_not_block(builder):
    proposal = builder.proposal(builder.coalition)
    builder.respond(proposal, 0, ResponseKind.AGREE)
    builder.respond(proposal, 1, ResponseKind.ABSTAIN)
    decisions.proposal_decide(proposal=proposal, action="adopt")
    assert proposal.responses.get(organisation=builder.organisations[1]).kind == ResponseKind.ABSTAIN


def test_observer_cannot_respond(builder):
    proposal = builder.proposal(builder.coalition)
    with pytest.raises(ValidationError, match="can follow the proposal but not respond"):
        builder.respond(proposal, 2, ResponseKind.AGREE)


def test_wrong_kind_for_principle_and_speaker_checks(builder):
    proposal = builder.proposal()
    with pytest.raises(ValidationError, match="possible responses are"):
        builder.respond(proposal, 0, ResponseKind.AGREE)
    with pytest.raises(ValidationError, match="You do not speak for"):
        decisions.response_record(proposal=proposal, organisation=builder.organisations[1],
                                  kind=ResponseKind.CONSENT, recorded_by=builder.speakers[0])
    with pytest.raises(ValidationError, match="Only a coordinator"):
        decisions.response_record(proposal=proposal, organisation=builder.organisations[1],
                                  kind=ResponseKind.CONSENT, recorded_by=builder.speakers[0], proxy=True)
    proxy = decisions.response_record(proposal=proposal, organisation=builder.organisations[1],
                                      kind=ResponseKind.CONSENT, recorded_by=builder.coordinator, proxy=True)
    assert proxy.proxy and proxy.recorded_by == builder.coordinator


def test_responding_after_close_and_illegal_transitions_are_refused(builder):
    proposal = builder.proposal(closes_in=0)
    decisions.proposal_decide(proposal=proposal, action="withdraw")
    with pytest.raises(ValidationError, match="Responses are accepted only while a proposal is open"):
        builder.respond(proposal, 0, ResponseKind.CONSENT)
    with pytest.raises(ValidationError, match="cannot be adopted; allowed from"):
        decisions.proposal_decide(proposal=proposal, action="adopt")
    late = builder.proposal(closes_in=0)
    with pytest.raises(ValidationError, match="response window closed on"):
        decisions.response_record(proposal=late, organisation=builder.organisations[0], kind=ResponseKind.CONSENT,
                                  recorded_by=builder.speakers[0],
                                  now=timezone.now() + datetime.timedelta(days=2))


def test_consent_with_standing_objection_after_close_expires_or_is_rejected(builder):
    proposal = builder.proposal()
    builder.respond(proposal, 0, ResponseKind.OBJECTION, "Geen budget.")
    decisions.proposal_conclude(proposal=proposal, today=LATER)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED


def test_majority_override_on_a_coalition(builder):
    proposal = builder.proposal(builder.coalition, principle=DecisionPrinciple.MAJORITY)
    builder.respond(proposal, 0, ResponseKind.AGREE)
    builder.respond(proposal, 1, ResponseKind.DISAGREE)
    with pytest.raises(ValidationError, match="is no majority"):
        decisions.proposal_decide(proposal=proposal, action="adopt")
    decisions.proposal_conclude(proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REJECTED
