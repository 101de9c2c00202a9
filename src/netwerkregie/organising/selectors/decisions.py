"""Reads of proposals: the tally of the current version, the decision log, one proposal with its history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from netwerkregie.registry.models import DecisionPrinciple, Network, Organisation

from ..models import ObjectionStatus, Proposal, ProposalState, ProposalVersion, Response, ResponseKind
from .bodies import body_organisations, body_principle

# Outcomes that are a decision of the body; a withdrawn or expired proposal is none.
DECIDED = (ProposalState.PASSED, ProposalState.REJECTED)


@dataclass(frozen=True)
class Tally:
    """Where the current version stands: per organisation, who agreed, objected, blocked or is silent."""

    principle: str
    version: int
    participants: list[Organisation]
    responses: dict[int, Response]
    standing: list[Organisation]
    agree: list[Organisation]
    disagree: list[Organisation]
    abstain: list[Organisation]
    missing: list[Organisation]
    asked_again: dict[int, Response]


def proposal_principle(proposal: Proposal) -> str:
    return proposal.principle or body_principle(proposal.body)


def principle_warning(proposal: Proposal) -> bool:
    """Seed 004: coalitions work together and decide by consensus; consent or majority there is a risk."""
    return proposal.coalition_id is not None and proposal_principle(proposal) != DecisionPrinciple.CONSENSUS


def proposal_tally(*, proposal: Proposal, today: datetime.date | None = None) -> Tally:
    """Responses to the current version of the participating organisations (a fixed number of queries)."""
    participants = list(body_organisations(proposal.body, today or timezone.localdate()))
    version = max((v.number for v in proposal.versions.all()), default=1)
    responses: dict[int, Response] = {}
    earlier: dict[int, Response] = {}
    for response in sorted(proposal.responses.all(), key=lambda r: r.version):
        (responses if response.version == version else earlier)[response.organisation_id] = response
    ids = {o.pk for o in participants}

    def having(*kinds: str) -> list[Organisation]:
        return [o for o in participants if o.pk in responses and responses[o.pk].kind in kinds]

    return Tally(
        principle=proposal_principle(proposal), version=version, participants=participants, responses=responses,
        standing=[o for o in participants
                  if o.pk in responses and responses[o.pk].objection_status == ObjectionStatus.STANDING],
        agree=having(ResponseKind.AGREE, ResponseKind.CONSENT), disagree=having(ResponseKind.DISAGREE),
        abstain=having(ResponseKind.ABSTAIN), missing=[o for o in participants if o.pk not in responses],
        asked_again={pk: r for pk, r in earlier.items() if pk in ids and pk not in responses},
    )


def _with_history(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return queryset.select_related("unit", "coalition", "outcome_by", "financier", "network").prefetch_related(
        Prefetch("versions", queryset=ProposalVersion.objects.order_by("number")),
        Prefetch("responses", queryset=Response.objects.select_related("organisation", "recorded_by")
                 .order_by("version", "organisation__name")),
        "adopted_rules__network", "agenda_items__meeting__network")


def proposal_list(*, network: Network) -> QuerySet[Proposal]:
    """The decision log: every proposal with versions, responses and links, newest first
    (organising/filters.py searches and filters it)."""
    return _with_history(network.proposals.all()).order_by("-created_at", "-pk")


def objection_list(*, network: Network) -> QuerySet[Response]:
    """Every objection against the network's proposals, with its reasoning and resolution, newest first."""
    return (Response.objects.filter(proposal__network=network, kind=ResponseKind.OBJECTION)
            .select_related("organisation").order_by("-recorded_at", "-pk"))


def proposal_get(*, network: Network, pk: int) -> Proposal:
    return _with_history(network.proposals.all()).get(pk=pk)


@dataclass(frozen=True)
class StandingObjection:
    proposal: Proposal
    response: Response


def standing_objections(*, network: Network) -> list[StandingObjection]:
    """Objections still standing against the current version of proposals open for responses, in a fixed
    number of queries (for reports; a proposal's page shows them in its tally)."""
    result = []
    proposals = proposal_list(network=network).filter(state__in=[ProposalState.OPEN, ProposalState.AMENDED])
    for proposal in proposals:
        version = max((v.number for v in proposal.versions.all()), default=1)
        result += [StandingObjection(proposal, r) for r in proposal.responses.all()
                   if r.version == version and r.objection_status == ObjectionStatus.STANDING]
    return result
