"""Personal data of survey respondents over time (AVG): a retention period, and erasure on request.

Survey answers are personal data as long as they can be traced to a person. Both operations cut
that trace – the invitation loses its person and link, the free-text evidence is emptied – and
keep the answer values, which still count in aggregates, *only* where the round has at least the
network's anonymity minimum of completed responses (the same rule that hides small groups in the
results); otherwise the values go too, since a small group could be traced back. The invitation
itself stays, anonymous, so every round keeps its counts of invited, started and completed.

`erasure_plan` says what erasing a person will do and `person_erase` does exactly that, for the
admin's erasure page, the API and `netwerkregie erase-person` alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, ProtectedError, Q, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.audit import services as audit
from netwerkregie.core.deletion import DeletionConsequences, blocking_records, deletion_consequences
from netwerkregie.registry.models import Person
from netwerkregie.registry.services import data_changed

from .models import Answer, Invitation, SurveyRound, new_invitation_token


@dataclass(frozen=True)
class ErasureSummary:
    invitations: int  # invitations no longer linked to a person
    answers_kept: int  # answer values kept (anonymous) for aggregates
    answers_deleted: int  # answer values deleted because their round was too small


@dataclass(frozen=True)
class RoundTrace:
    """One round the person was invited to, and what erasure does with their answers in it."""

    survey_round: SurveyRound
    answers: int
    partners: int  # organisations ticked in the relational survey's checklist: answers too
    completed: bool
    keeps_values: bool  # the round has the anonymity minimum of completed responses


@dataclass(frozen=True)
class ErasurePlan:
    """Everything erasing one person changes, as the confirmation page lists it."""

    person: Person
    rounds: tuple[RoundTrace, ...]
    consequences: DeletionConsequences  # roles deleted along, records only unlinked, what blocks it

    @property
    def answers_kept(self) -> int:
        return sum(trace.answers for trace in self.rounds if trace.keeps_values)

    @property
    def answers_deleted(self) -> int:
        return sum(trace.answers for trace in self.rounds if not trace.keeps_values)

    @property
    def blocked(self) -> bool:
        """Records that must not lose the person (a funding assessment) prevent the erasure."""
        return bool(self.consequences.protected)


def _enough_responses(rounds: Iterable[int]) -> set[int]:
    """Rounds with at least their network's anonymity minimum of completed responses (one query)."""
    counted = (SurveyRound.objects.filter(pk__in=list(rounds))
               .annotate(done=Count("invitations", filter=Q(invitations__completed_at__isnull=False)))
               .select_related("network"))
    return {r.pk for r in counted if r.done >= r.network.anonymity_minimum}


def erasure_plan(*, person: Person) -> ErasurePlan:
    """What `person_erase` will do to this person, in a fixed number of queries."""
    invitations = list(Invitation.objects.filter(person=person).select_related("round")
                       .annotate(answer_count=Count("answers", distinct=True),
                                 partner_count=Count("partners", distinct=True))
                       .order_by("-round__opens_on", "round__name"))
    large = _enough_responses({inv.round_id for inv in invitations})
    rounds = tuple(RoundTrace(survey_round=inv.round, answers=inv.answer_count, partners=inv.partner_count,
                              completed=inv.completed_at is not None, keeps_values=inv.round_id in large)
                   for inv in invitations)
    return ErasurePlan(person=person, rounds=rounds,
                       consequences=deletion_consequences(person, explained=(Invitation,)))


def _anonymise(invitations: list[Invitation]) -> ErasureSummary:
    large = _enough_responses({inv.round_id for inv in invitations})
    keep = [inv.pk for inv in invitations if inv.round_id in large]
    drop = [inv.pk for inv in invitations if inv.round_id not in large]
    deleted, _detail = Answer.objects.filter(invitation_id__in=drop).delete()
    Invitation.partners.through.objects.filter(invitation_id__in=drop).delete()  # ticks are answers too
    kept = Answer.objects.filter(invitation_id__in=keep).update(evidence="")
    for invitation in invitations:
        # The digest of a new random token nobody knows: the old personal link stops working.
        invitation.person, invitation.token_digest, invitation.email_digest = None, new_invitation_token()[1], ""
    Invitation.objects.bulk_update(invitations, ["person", "token_digest", "email_digest"], batch_size=500)
    rounds = {inv.round_id for inv in invitations}
    for network_id in set(SurveyRound.objects.filter(pk__in=rounds).values_list("network_id", flat=True)):
        data_changed(network=network_id, erased=True)  # stored figures may hold what was erased
    return ErasureSummary(invitations=len(invitations), answers_kept=kept, answers_deleted=deleted)


@transaction.atomic
def person_erase(*, person: Person, actor: AbstractBaseUser | None = None) -> ErasureSummary:
    """Erase one person on request (AVG): their survey trace as above, then the person with their
    roles, and an audit-log entry that names the person by number only, since the name is what goes.

    Refuses (ValidationError, nothing changed) while records that must keep the person depend on them.
    """
    network, number = person.network, person.pk
    summary = _anonymise(list(Invitation.objects.filter(person=person)))
    try:
        person.delete()
    except (ProtectedError, RestrictedError) as error:
        blocking = blocking_records(getattr(error, "protected_objects", None) or error.restricted_objects)
        raise ValidationError(_("This person cannot be erased while these still depend on them: %(records)s.")
                              % {"records": ", ".join(blocking)}) from None
    audit.record(action=audit.AuditAction.ERASURE, actor=actor, network=network,
                 detail=_("person #%(number)s: %(invitations)s survey invitations unlinked, %(kept)s answers "
                          "kept anonymously, %(deleted)s deleted")
                 % {"number": number, "invitations": summary.invitations, "kept": summary.answers_kept,
                    "deleted": summary.answers_deleted})
    data_changed(network=network, erased=True)
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
