"""Every transition of consent, consensus and majority proposals, driven by a hypothesis state machine.

The model below states the rules of issue 14 in plain Python; the services must agree with it on every
step: what is allowed, what is refused, and the state that results.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from netwerkregie.organising.models import Proposal, ProposalState
from netwerkregie.organising.services import decisions
from netwerkregie.registry.models import DecisionPrinciple

pytestmark = pytest.mark.django_db

S = ProposalState
OPEN = {S.OPEN, S.AMENDED}
KINDS = ["consent", "objection", "agree", "disagree", "abstain"]
ALLOWED = {"consent": {"consent", "objection"}, "consensus": {"agree", "disagree", "abstain"},
           "majority": {"agree", "disagree", "abstain"}}


def machine_for(builder):
    today = timezone.localdate()

    class ProposalMachine(RuleBasedStateMachine):
        @initialize(principle=st.sampled_from(["consent", "consensus", "majority"]))
        def make(self, principle):
            body = builder.fundament if principle == "consent" else builder.coalition
            override = DecisionPrinciple.MAJORITY if principle == "majority" else ""
            self.proposal = decisions.proposal_create(network=builder.network, body=body, title="Voorstel",
                                                      text="Tekst 1", principle=override)
            self.principle = principle
            self.participants = {0, 1, 2} if principle == "consent" else {0, 1}
            self.state = S.DRAFT
            self.version = 1
            self.answers: dict[int, tuple[str, bool]] = {}  # organisation -> (kind, standing objection)

        def _closes(self, day: datetime.date) -> bool:
            return day > today + datetime.timedelta(days=10)

        def _can_adopt(self, day):
            current = {o: kind for o, (kind, _s) in self.answers.items()}
            missing = self.participants - set(current)
            if self.principle == "consent":
                standing = any(s for _k, s in self.answers.values())
                return not standing and (not missing or self._closes(day))
            agree = [o for o, k in current.items() if k == "agree"]
            disagree = [o for o, k in current.items() if k == "disagree"]
            if self.principle == "consensus":
                return not disagree and not missing and bool(agree)
            return (not missing or self._closes(day)) and len(agree) > len(disagree)

        def _can_reject(self, day):
            current = {o: kind for o, (kind, _s) in self.answers.items()}
            if self.principle == "consent":
                return any(s for _k, s in self.answers.values())
            agree = [o for o, k in current.items() if k == "agree"]
            disagree = [o for o, k in current.items() if k == "disagree"]
            if self.principle == "consensus":
                return bool(disagree)
            missing = self.participants - set(current)
            return len(agree) <= len(disagree) and (not missing or self._closes(day))

        def _expect(self, allowed: bool, call, target=None):
            if allowed:
                call()
                if target:
                    self.state = target
            else:
                with pytest.raises(ValidationError):
                    call()

        @rule()
        def open(self):
            self._expect(self.state == S.DRAFT, lambda: decisions.proposal_open(
                proposal=self.proposal, closes_on=today + datetime.timedelta(days=10), today=today), S.OPEN)

        @rule(organisation=st.integers(0, 2), kind=st.sampled_from(KINDS), reasoned=st.booleans())
        def respond(self, organisation, kind, reasoned):
            allowed = (self.state in OPEN and organisation in self.participants
                       and kind in ALLOWED[self.principle] and (kind != "objection" or reasoned))
            self._expect(allowed, lambda: decisions.response_record(
                proposal=self.proposal, organisation=builder.organisations[organisation], kind=kind,
                reason="Omdat het ons schaadt." if reasoned else "", recorded_by=builder.speakers[organisation]))
            if allowed:
                self.answers[organisation] = (kind, kind == "objection")

        @rule()
        def withdraw_objection(self):
            standing = [o for o, (_k, s) in self.answers.items() if s]
            if not standing or self.state not in OPEN:
                return
            organisation = standing[0]
            response = self.proposal.responses.get(organisation=builder.organisations[organisation],
                                                   version=self.version)
            decisions.objection_withdraw(response=response, withdrawn_by=builder.speakers[organisation])
            self.answers[organisation] = ("objection", False)

        @rule()
        def amend(self):
            allowed = self.state in OPEN
            self._expect(allowed, lambda: decisions.proposal_amend(proposal=self.proposal,
                                                                   text=f"Tekst {self.version + 1}"), S.AMENDED)
            if allowed:
                self.version += 1
                self.answers = {}

        @rule(action=st.sampled_from(["adopt", "reject", "withdraw", "expire"]), late=st.booleans())
        def decide(self, action, late):
            day = today + datetime.timedelta(days=20 if late else 0)
            allowed = {
                "adopt": self.state in OPEN and self._can_adopt(day),
                "reject": self.state in OPEN and self._can_reject(day),
                "withdraw": self.state in OPEN | {S.DRAFT},
                "expire": self.state in OPEN and self._closes(day),
            }[action]
            target = {"adopt": S.PASSED, "reject": S.REJECTED, "withdraw": S.WITHDRAWN, "expire": S.EXPIRED}[action]
            self._expect(allowed, lambda: decisions.proposal_decide(proposal=self.proposal, action=action,
                                                                    today=day), target)

        @invariant()
        def same_state(self):
            if hasattr(self, "proposal"):
                assert Proposal.objects.get(pk=self.proposal.pk).state == self.state

    return ProposalMachine


def test_every_transition_follows_the_rules(builder):
    run_state_machine_as_test(machine_for(builder), settings=settings(
        max_examples=60, stateful_step_count=12, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
