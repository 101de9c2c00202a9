"""Personal data of survey respondents over time (AVG): a retention period, and erasure on request.

Survey answers are personal data as long as they can be traced to a person. Both operations cut
that trace – the invitation loses its person and link, the free-text evidence is emptied – and
keep the answer values, which still count in aggregates, *only* where the round has at least the
network's anonymity minimum of completed responses (the same rule that hides small groups in the
results); otherwise the values go too, since a small group could be traced back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from netwerkregie.registry.models import Person
from netwerkregie.registry.services import data_changed

from .models import Answer, Invitation, SurveyRound, new_invitation_token


@dataclass(frozen=True)
class ErasureSummary:
    invitations: int  # invitations no longer linked to a person
    answers_kept: int  # answer values kept (anonymous) for aggregates
    answers_deleted: int  # answer values deleted because their round was too small


def _enough_responses(rounds: Iterable[int]) -> set[int]:
    """Rounds with at least their network's anonymity minimum of completed responses."""
    counted = (SurveyRound.objects.filter(pk__in=list(rounds))
               .annotate(done=Count("invitations", filter=Q(invitations__completed_at__isnull=False)))
               .select_related("network"))
    return {r.pk for r in counted if r.done >= r.network.anonymity_minimum}


def _anonymise(invitations: list[Invitation]) -> ErasureSummary:
    large = _enough_responses({inv.round_id for inv in invitations})
    keep = [inv.pk for inv in invitations if inv.round_id in large]
    drop = [inv.pk for inv in invitations if inv.round_id not in large]
    deleted, _detail = Answer.objects.filter(invitation_id__in=drop).delete()
    Invitation.partners.through.objects.filter(invitation_id__in=drop).delete()  # ticks are answers too
    kept = Answer.objects.filter(invitation_id__in=keep).update(evidence="")
    for invitation in invitations:
        # The digest of a new random token nobody knows: the old personal link stops working.
        Invitation.objects.filter(pk=invitation.pk).update(person=None, token_digest=new_invitation_token()[1],
                                                            email_digest="")
    rounds = {inv.round_id for inv in invitations}
    for network_id in set(SurveyRound.objects.filter(pk__in=rounds).values_list("network_id", flat=True)):
        data_changed(network=network_id, erased=True)  # stored figures may hold what was erased
    return ErasureSummary(invitations=len(invitations), answers_kept=kept, answers_deleted=deleted)


@transaction.atomic
def person_erase(*, person: Person) -> ErasureSummary:
    """Erase one person on request: their survey trace as above, then the person and their roles."""
    summary = _anonymise(list(Invitation.objects.filter(person=person)))
    person.delete()
    data_changed(network=person.network_id, erased=True)
    return summary


@transaction.atomic
def answers_expire(*, today: datetime.date | None = None) -> ErasureSummary:
    """Anonymise the respondents of rounds closed more than SURVEY_ANSWER_RETENTION_DAYS ago
    (nothing when the setting is empty: keep until someone decides)."""
    days = settings.SURVEY_ANSWER_RETENTION_DAYS
    if days is None:
        return ErasureSummary(0, 0, 0)
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=days)
    invitations = list(Invitation.objects.filter(round__closes_on__lt=cutoff, person__isnull=False))
    return _anonymise(invitations)
