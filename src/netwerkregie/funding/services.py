"""All writes of the funding app: streams, calls and criteria, applications, assessment, allocation, arena.

Calls freeze when they open: criteria, weights and the scale can no longer change, so every
application is judged on what was published (level playing field, seed 004). A change after
opening is a new version of the call.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from netwerkregie.core.formatting import euro
from netwerkregie.core.services import check_period, ensure_in_network, model_update, refuse_when_used, validated_save
from netwerkregie.monitoring.models import Goal
from netwerkregie.registry.models import Coalition, Initiative, Network, Organisation, Person

from .models import (
    Allocation,
    Application,
    ApplicationPartner,
    Arena,
    ArenaEntry,
    Assessor,
    Call,
    CallStatus,
    ConflictOfInterest,
    Criterion,
    FinancierResponse,
    FundingStream,
    ResponseKind,
    Score,
)

STREAM_FIELDS = ["name", "kind", "scope", "budget", "start_date", "end_date"]
CALL_FIELDS = ["name", "description", "opens_on", "closes_on", "scale_max", "criteria_agreed_on", "agreed_by",
               "check_min_partners", "check_no_market_share", "check_whole_chain", "check_level_playing_field",
               "check_criteria_with_members"]
# What may still change once a call is open: its closing date and description, nothing that judges.
OPEN_CALL_FIELDS = {"description", "closes_on"}
MARKET_SHARE_WORDS = ("marktaandeel", "market share", "omzet", "turnover")
CRITERION_FIELDS = ["name", "description", "weight", "order"]
APPLICATION_FIELDS = ["coalition", "initiative", "title", "summary", "requested_amount", "submitted_on"]
ASSESSOR_FIELDS = ["person", "user"]
ARENA_ENTRY_FIELDS = ["stakeholder", "organisation", "approach", "investment", "returns", "note"]


def _plural(model: type) -> str:
    return capfirst(model._meta.verbose_name_plural)


def _financiers(network: Network, financiers: Iterable[Organisation]) -> list[Organisation]:
    financiers = list(financiers)
    for organisation in financiers:
        ensure_in_network(network, financiers=organisation)
    return financiers


@transaction.atomic
def stream_create(*, network: Network, financiers: Iterable[Organisation] = (), **data: Any) -> FundingStream:
    stream = FundingStream(network=network, **data)
    check_period(stream.start_date, stream.end_date)
    validated_save(stream)
    stream.financiers.set(_financiers(network, financiers))
    return stream


@transaction.atomic
def stream_update(*, stream: FundingStream, financiers: Iterable[Organisation] | None = None,
                  **data: Any) -> FundingStream:
    check_period(data.get("start_date", stream.start_date), data.get("end_date", stream.end_date))
    if "budget" in data and data["budget"] < committed(stream=stream):
        raise ValidationError({"budget": _("The budget cannot be lower than what is already allocated.")})
    model_update(instance=stream, fields=STREAM_FIELDS, data=data)
    if financiers is not None:
        stream.financiers.set(_financiers(stream.network, financiers))
    return stream


def stream_delete(*, stream: FundingStream) -> None:
    """A stream with calls stays: its calls, applications and allocations are the network's accounts."""
    refuse_when_used({_plural(Call): [str(c) for c in stream.calls.all()]})
    stream.delete()


def committed(*, stream: FundingStream) -> Decimal:
    return Allocation.objects.filter(application__call__stream=stream).aggregate(
        total=Sum("amount"))["total"] or Decimal(0)


def _check_dates(call: Call) -> None:
    if call.opens_on and call.closes_on and call.closes_on < call.opens_on:
        raise ValidationError({"closes_on": _("The call closes before it opens.")})


def call_create(*, stream: FundingStream, **data: Any) -> Call:
    call = Call(stream=stream, **data)
    _check_dates(call)
    return validated_save(call)


@transaction.atomic
def call_update(*, call: Call, **data: Any) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    frozen = {name for name in set(data) - OPEN_CALL_FIELDS if getattr(call, name, None) != data[name]}
    if call.is_frozen and frozen:
        raise ValidationError({name: _("The call is open: this can no longer change. Make a new version of the "
                                       "call instead.") for name in frozen})
    for name, value in data.items():
        setattr(call, name, value)
    _check_dates(call)
    return model_update(instance=call, fields=CALL_FIELDS, data=data)


@transaction.atomic
def call_delete(*, call: Call) -> None:
    """Only a draft without applications goes; a published call is history: close it instead."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.is_frozen:
        raise ValidationError({"status": _("This call was published to all members: close it instead; it stays in "
                                           "the history.")})
    refuse_when_used({_plural(Application): [a.title for a in call.applications.all()]})
    call.delete()


def _refuse_if_frozen(call: Call) -> None:
    if call.is_frozen:
        raise ValidationError({"criteria": _("The call is open: its criteria are frozen. Make a new version of the "
                                             "call to change them.")})


def _check_criterion(call: Call, name: str, description: str) -> None:
    _refuse_if_frozen(call)
    if any(word in name.lower() or word in description.lower() for word in MARKET_SHARE_WORDS) \
            and call.check_no_market_share:
        raise ValidationError({"name": _("This call never allocates by market share (Noord-Holland Noord "
                                         "principle): a criterion cannot be about market share or turnover.")})


def criterion_add(*, call: Call, name: str, weight: Decimal, description: str = "",
                  order: int | None = None) -> Criterion:
    _check_criterion(call, name, description)
    if order is None:
        order = call.criteria.count()
    return validated_save(Criterion(call=call, name=name, weight=weight, description=description, order=order))


def criterion_update(*, criterion: Criterion, **data: Any) -> Criterion:
    """Change a draft call's criterion; an open call's criteria are frozen (make a new version)."""
    _check_criterion(criterion.call, data.get("name", criterion.name), data.get("description", criterion.description))
    return model_update(instance=criterion, fields=CRITERION_FIELDS, data=data)


def criterion_remove(*, criterion: Criterion) -> None:
    _refuse_if_frozen(criterion.call)
    criterion.delete()


@transaction.atomic
def call_open(*, call: Call, on: datetime.date | None = None) -> Call:
    """Publish the call to all members and freeze its criteria."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft call can be opened.")})
    if not call.criteria.exists():
        raise ValidationError({"criteria": _("Add at least one criterion before opening the call.")})
    if call.check_criteria_with_members and not (call.criteria_agreed_on and call.agreed_by.strip()):
        raise ValidationError({"agreed_by": _("The criteria must be drawn up with all members: record the decision "
                                              "that agreed them and its date before opening the call.")})
    return model_update(instance=call, fields=["status", "opens_on"],
                        data={"status": CallStatus.OPEN, "opens_on": call.opens_on or on or timezone.localdate()})


def call_close(*, call: Call, on: datetime.date | None = None) -> Call:
    if call.status != CallStatus.OPEN:
        raise ValidationError({"status": _("Only an open call can be closed.")})
    return model_update(instance=call, fields=["status", "closes_on"],
                        data={"status": CallStatus.CLOSED, "closes_on": call.closes_on or on or timezone.localdate()})


@transaction.atomic
def call_new_version(*, call: Call) -> Call:
    """A draft copy of an opened call with its criteria, to change what the first version froze."""
    if not call.is_frozen:
        raise ValidationError({"status": _("A draft call can still be changed; no new version is needed.")})
    if Call.objects.filter(previous=call).exists():
        raise ValidationError({"status": _("This call already has a newer version.")})
    fields = {name: getattr(call, name) for name in CALL_FIELDS if name not in ("opens_on", "closes_on")}
    copy = validated_save(Call(stream=call.stream, previous=call, version=call.version + 1, **fields))
    Criterion.objects.bulk_create(Criterion(call=copy, name=c.name, description=c.description, weight=c.weight,
                                            order=c.order) for c in call.criteria.all())
    return copy


@transaction.atomic
def application_create(*, call: Call, coalition: Coalition, title: str, requested_amount: Decimal,
                       submitted_on: datetime.date | None = None, initiative: Initiative | None = None,
                       summary: str = "", partners: Iterable[tuple[Organisation, Decimal]] = (),
                       goals: Iterable[Goal] = (), check_open: bool = True) -> Application:
    """A coalition applies to an open call; `check_open=False` only for restoring an export."""
    network = call.stream.network
    if check_open and call.status != CallStatus.OPEN:
        raise ValidationError({"call": _("This call is not open for applications.")})
    _check_applicant(network, coalition, initiative)
    application = validated_save(Application(
        call=call, coalition=coalition, initiative=initiative, title=title, summary=summary,
        requested_amount=requested_amount, submitted_on=submitted_on or timezone.localdate()))
    _set_partners_and_goals(application, partners, goals)
    return application


def _check_applicant(network: Network, coalition: Coalition, initiative: Initiative | None) -> None:
    ensure_in_network(network, coalition=coalition, initiative=initiative)
    if initiative is not None and initiative.coalition_id != coalition.pk:
        raise ValidationError({"initiative": _("This initiative belongs to another coalition.")})


def _set_partners_and_goals(application: Application, partners: Iterable[tuple[Organisation, Decimal]],
                            goals: Iterable[Goal]) -> None:
    network = application.call.stream.network
    application.partners.all().delete()
    for organisation, contribution in partners:
        ensure_in_network(network, partners=organisation)
        validated_save(ApplicationPartner(application=application, organisation=organisation,
                                          own_contribution=contribution or Decimal(0)))
    goals = list(goals)
    for goal in goals:
        ensure_in_network(network, goals=goal)
    application.goals.set(goals)


def assessment_started(application: Application) -> bool:
    """An assessor scored it or declared a conflict with it: from then on every assessor must judge the same text."""
    return application.scores.exists() or application.conflicts.exists()


@transaction.atomic
def application_update(*, application: Application, partners: Iterable[tuple[Organisation, Decimal]] | None = None,
                       goals: Iterable[Goal] | None = None, **data: Any) -> Application:
    """Correct an application before its assessment starts; partners and goals are replaced when given."""
    application = Application.objects.select_for_update().select_related("call__stream__network").get(
        pk=application.pk)
    if application.withdrawn_on:
        raise ValidationError({"application": _("This application was withdrawn.")})
    if assessment_started(application):
        raise ValidationError({"application": _("Assessors have started on this application: it can no longer "
                                                "change, so every assessor judges the same application.")})
    _check_applicant(application.call.stream.network, data.get("coalition", application.coalition),
                     data.get("initiative", application.initiative))
    model_update(instance=application, fields=APPLICATION_FIELDS, data=data)
    if partners is not None or goals is not None:
        _set_partners_and_goals(
            application, application_partners(application) if partners is None else partners,
            application.goals.all() if goals is None else goals)
    return application


def application_partners(application: Application) -> list[tuple[Organisation, Decimal]]:
    return [(p.organisation, p.own_contribution) for p in application.partners.select_related("organisation")]


@transaction.atomic
def application_delete(*, application: Application) -> None:
    """Before the assessment starts an application is deleted; after that it is withdrawn instead."""
    if assessment_started(application):
        raise ValidationError({"application": _("Assessors have started on this application: withdraw it instead, "
                                                "so its scores stay in the history.")})
    application.delete()


@transaction.atomic
def application_withdraw(*, application: Application, on: datetime.date | None = None) -> Application:
    """The coalition withdraws: scores and conflicts stay, the application leaves the ranking and gets no money."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.withdrawn_on:
        raise ValidationError({"application": _("This application was withdrawn already.")})
    if Allocation.objects.filter(application=application).exists():
        raise ValidationError({"application": _("Money was allocated to this application: delete the allocation "
                                                "first.")})
    return model_update(instance=application, fields=["withdrawn_on"],
                        data={"withdrawn_on": on or timezone.localdate()})


def _check_assessor(call: Call, person: Person | None, user: AbstractBaseUser | None) -> None:
    ensure_in_network(call.stream.network, person=person)
    if user is not None and not call.stream.network.memberships.filter(user=user).exists():
        raise ValidationError({"user": _("This user is not a member of the network.")})


def assessor_add(*, call: Call, person: Person, user: AbstractBaseUser | None = None) -> Assessor:
    _check_assessor(call, person, user)
    return validated_save(Assessor(call=call, person=person, user=user))


def _assessor_history(assessor: Assessor) -> dict[str, list[str] | int]:
    return {_plural(Score): assessor.scores.count(), _plural(ConflictOfInterest): assessor.conflicts.count()}


@transaction.atomic
def assessor_update(*, assessor: Assessor, **data: Any) -> Assessor:
    """Change who signs in for an assessor at any time; the person only before they scored or declared a conflict."""
    stored = Assessor.objects.select_for_update(of=("self",)).get(pk=assessor.pk)
    _check_assessor(assessor.call, data.get("person"), data.get("user"))
    if "person" in data and data["person"] != stored.person:
        if stored.person_id is None:
            raise ValidationError({"person": _("This assessor's person was erased; the assessor stays anonymous.")})
        if stored.submitted_at:
            raise ValidationError({"person": _("This assessor submitted; the assessment stays theirs.")})
        refuse_when_used(_assessor_history(stored))
    return model_update(instance=stored, fields=ASSESSOR_FIELDS, data=data)


@transaction.atomic
def assessor_delete(*, assessor: Assessor) -> None:
    """Only an assessor who has not scored, declared a conflict or submitted goes: the rest is the assessment."""
    if assessor.submitted_at:
        raise ValidationError({"assessor": _("This assessor submitted: their assessment is part of the result.")})
    refuse_when_used(_assessor_history(assessor))
    assessor.delete()


@transaction.atomic
def assessors_anonymise(*, person: Person) -> int:
    """Before a person is erased (AVG): each of their assessor rows becomes "Assessor n" of its call.

    The scores, reasons, conflicts and submission stay, and so does the organisation the person had
    (it decides the automatic conflict exclusion): the weighted totals and the ranking come out the
    same. The user account loses the link, so nobody can trace the scores to a name any more.
    """
    assessors = list(Assessor.objects.select_for_update(of=("self",)).filter(person=person))
    for assessor in assessors:
        highest = Assessor.objects.filter(call=assessor.call_id).aggregate(Max("erased_number"))["erased_number__max"]
        Assessor.objects.filter(pk=assessor.pk).update(
            person=None, user=None, erased_number=(highest or 0) + 1, erased_organisation=person.organisation_id)
    return len(assessors)


def erased_assessor_restore(*, call: Call, number: int, organisation: Organisation | None) -> Assessor:
    """An erased person's assessor as exported (JSON import only), so its scores import unchanged."""
    if organisation is not None:
        ensure_in_network(call.stream.network, erased_organisation=organisation)
    return validated_save(Assessor(call=call, erased_number=number, erased_organisation=organisation))


def person_erasing(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    """pre_delete receiver: every erasure path (registry page, API, erase-person command, admin) keeps the scores."""
    assessors_anonymise(person=instance)


def conflict_declare(*, assessor: Assessor, application: Application, reason: str) -> ConflictOfInterest:
    if application.call_id != assessor.call_id:
        raise ValidationError({"application": _("This application was made to another call.")})
    if assessor.submitted_at:
        raise ValidationError({"application": _("The assessment is submitted; it can no longer change.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    with transaction.atomic():
        Score.objects.filter(assessor=assessor, application=application).delete()
        return validated_save(ConflictOfInterest(assessor=assessor, application=application, reason=reason))


def is_excluded(assessor: Assessor, application: Application) -> bool:
    """An assessor from an applying organisation, or with a declared conflict, does not score the application."""
    organisation = assessor.organisation_id_for_conflicts
    if organisation is not None and any(p.organisation_id == organisation for p in application.partners.all()):
        return True
    return any(c.assessor_id == assessor.pk for c in application.conflicts.all())


@transaction.atomic
def score_set(*, assessor: Assessor, application: Application, criterion: Criterion, score: int,
              reason: str) -> Score:
    """An assessor's score on one criterion, with the reason; changeable until they submit."""
    assessor = Assessor.objects.select_for_update(of=("self",)).select_related("person", "call").get(pk=assessor.pk)
    if assessor.submitted_at:
        raise ValidationError({"score": _("The assessment is submitted; scores can no longer change.")})
    if application.call_id != assessor.call_id or criterion.call_id != assessor.call_id:
        raise ValidationError({"application": _("This application or criterion belongs to another call.")})
    if assessor.call.status == CallStatus.DRAFT:
        raise ValidationError({"score": _("The call is not open yet.")})
    if application.withdrawn_on:
        raise ValidationError({"application": _("This application was withdrawn.")})
    if is_excluded(assessor, application):
        raise ValidationError({"application": _("You have a conflict of interest with this application and do not "
                                                "score it.")})
    if not 1 <= score <= assessor.call.scale_max:
        raise ValidationError({"score": _("A score lies between 1 and %(max)d.") % {"max": assessor.call.scale_max}})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for this score.")})
    row, _created = Score.objects.update_or_create(assessor=assessor, application=application, criterion=criterion,
                                                   defaults={"score": score, "reason": reason.strip()})
    return row


@transaction.atomic
def assessment_submit(*, assessor: Assessor, at: datetime.datetime | None = None) -> Assessor:
    """Submit: every application without a conflict scored on every criterion; then scores are final."""
    assessor = Assessor.objects.select_for_update(of=("self",)).select_related("person").get(pk=assessor.pk)
    if assessor.submitted_at:
        raise ValidationError({"assessor": _("This assessment was submitted already.")})
    criteria = set(assessor.call.criteria.values_list("pk", flat=True))
    scored = {}
    for application_id, criterion_id in assessor.scores.values_list("application", "criterion"):
        scored.setdefault(application_id, set()).add(criterion_id)
    applications = assessor.call.applications.filter(withdrawn_on__isnull=True).prefetch_related("partners",
                                                                                                 "conflicts")
    missing = [a.title for a in applications if not is_excluded(assessor, a) and scored.get(a.pk, set()) != criteria]
    if missing:
        raise ValidationError({"assessor": _("Score every criterion of these applications first: %(titles)s.")
                               % {"titles": ", ".join(missing)}})
    return model_update(instance=assessor, fields=["submitted_at"], data={"submitted_at": at or timezone.now()})


@transaction.atomic
def allocation_decide(*, application: Application, amount: Decimal, decided_on: datetime.date, reasoning: str,
                      decided_by: str = "") -> Allocation:
    """The network's allocation (advice to the financiers); never more than requested or than the stream has left."""
    stream = FundingStream.objects.select_for_update().get(pk=application.call.stream_id)
    if application.withdrawn_on:
        raise ValidationError({"amount": _("This application was withdrawn.")})
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Explain the decision: the reasoning is published with it.")})
    if amount > application.requested_amount:
        raise ValidationError({"amount": _("The allocation is more than the amount requested.")})
    existing = Allocation.objects.filter(application=application).first()
    already = committed(stream=stream) - (existing.amount if existing else 0)
    if already + amount > stream.budget:
        raise ValidationError({"amount": _("The stream has %(left)s left; this allocation does not fit.")
                               % {"left": euro(stream.budget - already)}})
    allocation = existing or Allocation(application=application)
    for name, value in {"amount": amount, "decided_on": decided_on, "reasoning": reasoning,
                        "decided_by": decided_by}.items():
        setattr(allocation, name, value)
    return validated_save(allocation)


def allocation_delete(*, allocation: Allocation) -> None:
    """An allocation the financiers responded to stays: their responses measure how the advice is adopted."""
    refuse_when_used({_plural(FinancierResponse): [str(r.financier) for r in
                                                  allocation.responses.select_related("financier")]})
    allocation.delete()


def financier_response_record(*, allocation: Allocation, financier: Organisation, response: str,
                              responded_on: datetime.date, reason: str = "",
                              amount: Decimal | None = None) -> FinancierResponse:
    """What a financier of the stream did with the advice; deviating needs the financier's reason."""
    stream = allocation.application.call.stream
    if not stream.financiers.filter(pk=financier.pk).exists():
        raise ValidationError({"financier": _("%(organisation)s is not a financier of %(stream)s.")
                               % {"organisation": financier, "stream": stream}})
    if response == ResponseKind.DEVIATED and not reason.strip():
        raise ValidationError({"reason": _("Record why the financier deviated from the advice.")})
    row, _created = FinancierResponse.objects.update_or_create(
        allocation=allocation, financier=financier,
        defaults={"response": response, "reason": reason, "amount": amount, "responded_on": responded_on})
    return row


def arena_set(*, initiative: Initiative, **data: Any) -> Arena:
    arena = Arena.objects.filter(initiative=initiative).first() or Arena(initiative=initiative)
    for name, value in data.items():
        setattr(arena, name, value)
    return validated_save(arena)


def arena_entry_set(*, arena: Arena, stakeholder: str, approach: str, investment: Decimal = Decimal(0),
                    returns: Decimal = Decimal(0), organisation: Organisation | None = None,
                    note: str = "") -> ArenaEntry:
    ensure_in_network(arena.initiative.coalition.network, organisation=organisation)
    entry = ArenaEntry.objects.filter(arena=arena, stakeholder=stakeholder, approach=approach).first() \
        or ArenaEntry(arena=arena, stakeholder=stakeholder, approach=approach)
    for name, value in {"investment": investment, "returns": returns, "organisation": organisation,
                        "note": note}.items():
        setattr(entry, name, value)
    return validated_save(entry)


def financier_response_delete(*, response: FinancierResponse) -> None:
    response.delete()


def arena_entry_update(*, entry: ArenaEntry, **data: Any) -> ArenaEntry:
    ensure_in_network(entry.arena.initiative.coalition.network, organisation=data.get("organisation"))
    return model_update(instance=entry, fields=ARENA_ENTRY_FIELDS, data=data)


def arena_entry_delete(*, entry: ArenaEntry) -> None:
    entry.delete()


@transaction.atomic
def call_restore(*, stream: FundingStream, criteria: Iterable[tuple[str, str, Decimal, int]], **data: Any) -> Call:
    """A call exactly as exported, frozen or not (JSON import only): criteria first, then its status."""
    status = data.pop("status", CallStatus.DRAFT)
    call = call_create(stream=stream, **data)
    Criterion.objects.bulk_create(Criterion(call=call, name=name, description=description, weight=weight, order=order)
                                  for name, description, weight, order in criteria)
    return model_update(instance=call, fields=["status"], data={"status": status})


@transaction.atomic
def scores_restore(*, assessor: Assessor, scores: Iterable[tuple[Application, str, int, str]],
                   submitted_at: datetime.datetime | None) -> Assessor:
    """An assessor's exported scores and submission moment (JSON import only), checked like live scores."""
    criteria = {c.name: c for c in assessor.call.criteria.all()}
    for application, criterion, score, reason in scores:
        if criterion not in criteria:
            raise ValidationError({"criterion": _("Unknown criterion %(name)s.") % {"name": criterion}})
        score_set(assessor=assessor, application=application, criterion=criteria[criterion], score=score,
                  reason=reason)
    if submitted_at is None:
        return assessor
    return model_update(instance=assessor, fields=["submitted_at"], data={"submitted_at": submitted_at})
