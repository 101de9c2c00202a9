"""All writes of proposals and decisions: one transition table, its guards, responses and objections.

Every change of state goes through `_transition`, which looks the action up in TRANSITIONS and runs
its guard; a refusal names the rule that forbids it (consent, consensus, majority or the window).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.services import ensure_in_network, validated_save
from netwerkregie.registry.models import DecisionPrinciple, Network, NetworkMembership, Organisation, Person

from ..models import ObjectionStatus, Proposal, ProposalState, ProposalVersion, Response, ResponseKind, Spokesperson
from ..selectors.bodies import Body, body_organisations, split_body
from ..selectors.decisions import Tally, proposal_tally

State = ProposalState

ALLOWED_KINDS = {
    DecisionPrinciple.CONSENT: {ResponseKind.CONSENT, ResponseKind.OBJECTION},
    DecisionPrinciple.CONSENSUS: {ResponseKind.AGREE, ResponseKind.DISAGREE, ResponseKind.ABSTAIN},
    DecisionPrinciple.MAJORITY: {ResponseKind.AGREE, ResponseKind.DISAGREE, ResponseKind.ABSTAIN},
}
OPEN_STATES = {State.OPEN, State.AMENDED}
ACTION_LABELS = {"open": gettext_lazy("opened"), "amend": gettext_lazy("amended"), "adopt": gettext_lazy("adopted"),
                 "reject": gettext_lazy("rejected"), "withdraw": gettext_lazy("withdrawn"),
                 "expire": gettext_lazy("expired")}


def _date(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _window_closed(proposal: Proposal, today: datetime.date) -> bool:
    return proposal.closes_on is not None and today > proposal.closes_on


def _names(organisations: list[Organisation]) -> str:
    return ", ".join(o.name for o in organisations)


def _guard_open(proposal: Proposal, tally: Tally, today: datetime.date) -> str | None:
    if not tally.participants:
        return _("Nobody can respond: %(body)s has no participating organisations.") % {"body": proposal.body}
    return None


def _guard_adopt(proposal: Proposal, tally: Tally, today: datetime.date) -> str | None:
    if tally.principle == DecisionPrinciple.CONSENT:
        if tally.standing:
            return _("Rule of consent: a proposal with a standing objection cannot pass. Amend the proposal or "
                     "ask %(organisations)s to withdraw the objection.") % {"organisations": _names(tally.standing)}
        if tally.missing and not _window_closed(proposal, today):
            return _("Rule of consent: silence counts as consent only once the response window has closed; "
                     "%(organisations)s can still respond.") % {"organisations": _names(tally.missing)}
        return None
    if tally.principle == DecisionPrinciple.CONSENSUS:
        if tally.disagree:
            return _("Rule of consensus: %(organisations)s said no, and one no blocks the proposal.") % {
                "organisations": _names(tally.disagree)}
        if tally.missing:
            return _("Rule of consensus: every participating organisation must agree explicitly; still waiting "
                     "for %(organisations)s.") % {"organisations": _names(tally.missing)}
        if not tally.agree:
            return _("Rule of consensus: at least one organisation must agree; all abstained.")
        return None
    if tally.missing and not _window_closed(proposal, today):
        return _("Rule of majority: wait until every organisation responded or the response window closed.")
    if len(tally.agree) <= len(tally.disagree):
        return _("Rule of majority: %(agree)d in favour against %(disagree)d is no majority.") % {
            "agree": len(tally.agree), "disagree": len(tally.disagree)}
    return None


def _guard_reject(proposal: Proposal, tally: Tally, today: datetime.date) -> str | None:
    if tally.principle == DecisionPrinciple.CONSENT and not tally.standing:
        return _("Rule of consent: without a standing objection a proposal cannot be rejected; silence is no "
                 "objection. Withdraw it instead.")
    if tally.principle == DecisionPrinciple.CONSENSUS and not tally.disagree:
        return _("Rule of consensus: only an organisation's no blocks a proposal; nobody said no.")
    if tally.principle == DecisionPrinciple.MAJORITY and (
            len(tally.agree) > len(tally.disagree) or (tally.missing and not _window_closed(proposal, today))):
        return _("Rule of majority: the proposal is rejected only when no majority is in favour once every "
                 "organisation responded or the window closed.")
    return None


def _guard_expire(proposal: Proposal, tally: Tally, today: datetime.date) -> str | None:
    if not _window_closed(proposal, today):
        return _("A proposal expires only after its response window has closed.")
    return None


def _no_guard(proposal: Proposal, tally: Tally, today: datetime.date) -> str | None:
    return None


Guard = Callable[[Proposal, Tally, datetime.date], "str | None"]


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    guard: Guard


TRANSITIONS: dict[str, Transition] = {
    "open": Transition(frozenset({State.DRAFT}), State.OPEN, _guard_open),
    "amend": Transition(frozenset(OPEN_STATES), State.AMENDED, _no_guard),
    "adopt": Transition(frozenset(OPEN_STATES), State.PASSED, _guard_adopt),
    "reject": Transition(frozenset(OPEN_STATES), State.REJECTED, _guard_reject),
    "withdraw": Transition(frozenset({State.DRAFT, *OPEN_STATES}), State.WITHDRAWN, _no_guard),
    "expire": Transition(frozenset(OPEN_STATES), State.EXPIRED, _guard_expire),
}


def allowed_actions(proposal: Proposal, *, today: datetime.date | None = None) -> list[str]:
    """The actions whose source state and guard allow them now, for buttons and the API."""
    today = today or timezone.localdate()
    tally = proposal_tally(proposal=proposal, today=today)
    return [action for action, t in TRANSITIONS.items()
            if proposal.state in t.sources and t.guard(proposal, tally, today) is None]


def _transition(proposal: Proposal, action: str, today: datetime.date) -> None:
    transition = TRANSITIONS[action]
    if proposal.state not in transition.sources:
        raise ValidationError(_("A proposal that is %(state)s cannot be %(action)s; allowed from: %(sources)s.") % {
            "state": proposal.get_state_display(), "action": ACTION_LABELS[action],
            "sources": ", ".join(str(State(s).label) for s in sorted(transition.sources))})
    refusal = transition.guard(proposal, proposal_tally(proposal=proposal, today=today), today)
    if refusal:
        raise ValidationError(refusal)
    proposal.state = transition.target
    if transition.target in {State.PASSED, State.REJECTED, State.EXPIRED, State.WITHDRAWN}:
        proposal.decided_on = today
    proposal.save(update_fields=["state", "decided_on"])


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def proposal_create(*, network: Network, body: Body, title: str, text: str, principle: str = "",
                    closes_on: datetime.date | None = None, financier: Organisation | None = None,
                    created_by: AbstractBaseUser | None = None, now: datetime.datetime | None = None) -> Proposal:
    """A draft proposal to a body with its first version."""
    if not text.strip():
        raise ValidationError({"text": _("A proposal needs a text the organisations can respond to.")})
    ensure_in_network(network, body=body, financier=financier)
    unit, coalition = split_body(body)
    proposal = validated_save(Proposal(network=network, unit=unit, coalition=coalition, title=title,
                                       principle=principle, closes_on=closes_on, financier=financier,
                                       created_by=created_by, created_at=now or timezone.now()))
    ProposalVersion.objects.create(proposal=proposal, number=1, text=text, created_by=created_by,
                                   created_at=proposal.created_at)
    return proposal


@transaction.atomic
def proposal_open(*, proposal: Proposal, closes_on: datetime.date | None = None,
                  today: datetime.date | None = None) -> Proposal:
    """Put a draft to the body's organisations; `closes_on` sets or keeps the response window."""
    proposal = _lock(proposal)
    today = today or timezone.localdate()
    if closes_on is not None:
        if closes_on < today:
            raise ValidationError({"closes_on": _("The response window cannot close in the past.")})
        proposal.closes_on = closes_on
        proposal.save(update_fields=["closes_on"])
    _transition(proposal, "open", today)
    return proposal


@transaction.atomic
def proposal_amend(*, proposal: Proposal, text: str, note: str = "", amended_by: AbstractBaseUser | None = None,
                   now: datetime.datetime | None = None) -> Proposal:
    """A new version: standing objections count as resolved by it, and every organisation is asked again."""
    proposal = _lock(proposal)
    now = now or timezone.now()
    current = proposal.versions.order_by("-number").first()
    if text.strip() == current.text.strip():
        raise ValidationError({"text": _("An amendment changes the text; this is the text of version %(number)d.")
                               % {"number": current.number}})
    _transition(proposal, "amend", timezone.localdate(now))
    number = current.number + 1
    ProposalVersion.objects.create(proposal=proposal, number=number, text=text, note=note, created_by=amended_by,
                                   created_at=now)
    proposal.responses.filter(objection_status=ObjectionStatus.STANDING).update(
        objection_status=ObjectionStatus.RESOLVED,
        resolution=_("Resolved by amendment (version %(number)d).") % {"number": number})
    return proposal


@transaction.atomic
def proposal_decide(*, proposal: Proposal, action: str, today: datetime.date | None = None,
                    outcome: str = "", outcome_by: Person | None = None,
                    review_date: datetime.date | None = None) -> Proposal:
    """Adopt, reject, withdraw or expire a proposal, with the outcome statement of a person."""
    if action not in {"adopt", "reject", "withdraw", "expire"}:
        raise ValidationError({"action": _("Unknown action %(action)s.") % {"action": action}})
    proposal = _lock(proposal)
    _transition(proposal, action, today or timezone.localdate())
    if outcome or outcome_by or review_date:
        _set_outcome(proposal, outcome=outcome, outcome_by=outcome_by, review_date=review_date)
    return proposal


@transaction.atomic
def proposal_conclude(*, proposal: Proposal, today: datetime.date | None = None) -> Proposal:
    """At the close of the window: pass if the principle allows, else reject if someone blocks, else expire."""
    proposal = _lock(proposal)
    today = today or timezone.localdate()
    tally = proposal_tally(proposal=proposal, today=today)
    for action in ("adopt", "reject", "expire"):
        if TRANSITIONS[action].guard(proposal, tally, today) is None:
            _transition(proposal, action, today)
            return proposal
    raise ValidationError(_guard_expire(proposal, tally, today))


def _set_outcome(proposal: Proposal, *, outcome: str, outcome_by: Person | None,
                 review_date: datetime.date | None) -> None:
    ensure_in_network(proposal.network, outcome_by=outcome_by)
    if outcome and outcome_by is None:
        raise ValidationError({"outcome_by": _("An outcome statement is written by a person: name them.")})
    proposal.outcome, proposal.outcome_by, proposal.review_date = outcome, outcome_by, review_date
    proposal.save(update_fields=["outcome", "outcome_by", "review_date"])


@transaction.atomic
def proposal_outcome_set(*, proposal: Proposal, outcome: str, outcome_by: Person | None,
                         review_date: datetime.date | None = None) -> Proposal:
    """The outcome statement of a decided proposal ("good enough for now, safe enough to try")."""
    proposal = _lock(proposal)
    if proposal.state not in {State.PASSED, State.REJECTED}:
        raise ValidationError(_("Only a passed or rejected proposal has an outcome statement."))
    _set_outcome(proposal, outcome=outcome, outcome_by=outcome_by, review_date=review_date)
    return proposal


@transaction.atomic
def financier_response_set(*, proposal: Proposal, response: str, responded_on: datetime.date) -> Proposal:
    """What the financier did with the network's advice."""
    proposal = _lock(proposal)
    if proposal.financier_id is None:
        raise ValidationError({"financier": _("This decision is not marked as advice to a financier.")})
    proposal.financier_response, proposal.financier_responded_on = response, responded_on
    proposal.save(update_fields=["financier_response", "financier_responded_on"])
    return proposal


def _check_speaker(proposal: Proposal, organisation: Organisation, user: AbstractBaseUser, proxy: bool) -> None:
    """Online: a spokesperson of the organisation. By proxy: a coordinator or admin, logged as such."""
    membership = NetworkMembership.objects.filter(network=proposal.network, user=user).first()
    if membership is None:
        raise ValidationError(_("You are not a member of this network."))
    if proxy:
        if not membership.has_role(NetworkRole.COORDINATOR):
            raise ValidationError({"proxy": _("Only a coordinator or the secretary enters responses by proxy.")})
    elif not (membership.has_role(NetworkRole.MEMBER)
              and Spokesperson.objects.filter(user=user, organisation=organisation).exists()):
        raise ValidationError({"organisation": _("You do not speak for %(organisation)s; a coordinator can enter "
                                                 "its response by proxy.") % {"organisation": organisation}})


@transaction.atomic
def response_record(*, proposal: Proposal, organisation: Organisation, kind: str, reason: str = "",
                    recorded_by: AbstractBaseUser, proxy: bool = False,
                    now: datetime.datetime | None = None) -> Response:
    """An organisation's response to the current version; answering again replaces its answer to that version."""
    proposal = _lock(proposal)
    now = now or timezone.now()
    today = timezone.localdate(now)
    ensure_in_network(proposal.network, organisation=organisation)
    if proposal.state not in OPEN_STATES:
        raise ValidationError(_("Responses are accepted only while a proposal is open; this one is %(state)s.")
                              % {"state": proposal.get_state_display()})
    if _window_closed(proposal, today):
        raise ValidationError(_("The response window closed on %(date)s; responses are no longer accepted.")
                              % {"date": _date(proposal.closes_on)})
    if not body_organisations(proposal.body, today).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("%(organisation)s does not take part in %(body)s: it can follow "
                                                 "the proposal but not respond.")
                               % {"organisation": organisation, "body": proposal.body}})
    principle = proposal_tally(proposal=proposal, today=today).principle
    if kind not in ALLOWED_KINDS[principle]:
        raise ValidationError({"kind": _("Under %(principle)s the possible responses are: %(kinds)s.") % {
            "principle": DecisionPrinciple(principle).label,
            "kinds": ", ".join(str(ResponseKind(k).label) for k in sorted(ALLOWED_KINDS[principle]))}})
    if kind == ResponseKind.OBJECTION and not reason.strip():
        raise ValidationError({"reason": _("An objection must carry its reasoning (onderbouwd bezwaar): say why "
                                           "the proposal would harm the network or your organisation.")})
    _check_speaker(proposal, organisation, recorded_by, proxy)
    version = proposal.versions.order_by("-number").values_list("number", flat=True).first()
    response, _created = Response.objects.update_or_create(
        proposal=proposal, version=version, organisation=organisation,
        defaults={"kind": kind, "reason": reason.strip(), "proxy": proxy, "recorded_by": recorded_by,
                  "recorded_at": now, "resolution": "",
                  "objection_status": ObjectionStatus.STANDING if kind == ResponseKind.OBJECTION else ""})
    return response


@transaction.atomic
def objection_withdraw(*, response: Response, withdrawn_by: AbstractBaseUser, proxy: bool = False,
                       note: str = "") -> Response:
    """The objector withdraws a standing objection (or a coordinator records that they did)."""
    if response.objection_status != ObjectionStatus.STANDING:
        raise ValidationError(_("Only a standing objection can be withdrawn."))
    if response.proposal.state not in OPEN_STATES:
        raise ValidationError(_("The proposal is no longer open."))
    _check_speaker(response.proposal, response.organisation, withdrawn_by, proxy)
    response.objection_status = ObjectionStatus.WITHDRAWN
    response.resolution = note or _("Withdrawn by the objector.")
    response.save(update_fields=["objection_status", "resolution"])
    return response
