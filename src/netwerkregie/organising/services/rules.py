"""All writes of rules of play: every change adds a version, status changes follow one table."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.core.services import ensure_in_network, validated_save
from netwerkregie.registry.models import Network, Organisation, Person

from ..models import Commitment, ProposalState, Rule, RuleStatus, RuleVersion
from ..rule_templates import SALLAND_UNITED

S = RuleStatus

# concept → voorgesteld → vastgesteld → te evalueren → herzien / vervallen (issue 14).
RULE_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.PROPOSED, S.LAPSED}),
    S.PROPOSED: frozenset({S.DRAFT, S.ADOPTED, S.LAPSED}),
    S.ADOPTED: frozenset({S.TO_EVALUATE, S.LAPSED}),
    S.TO_EVALUATE: frozenset({S.ADOPTED, S.REVISED, S.LAPSED}),
    S.REVISED: frozenset({S.PROPOSED, S.ADOPTED, S.LAPSED}),
    S.LAPSED: frozenset(),
}
RULE_FIELDS = {"topic", "title", "text", "unit", "coalition", "evaluation_date", "adopted_by", "order"}


def _add_version(rule: Rule, *, by: AbstractBaseUser | None, note: str, now: datetime.datetime | None) -> None:
    last = rule.versions.order_by("-number").values_list("number", flat=True).first() or 0
    RuleVersion.objects.create(rule=rule, number=last + 1, title=rule.title, text=rule.text, status=rule.status,
                               note=note, changed_by=by, changed_at=now or timezone.now())


def _check_rule(rule: Rule) -> None:
    ensure_in_network(rule.network, unit=rule.unit, coalition=rule.coalition, adopted_by=rule.adopted_by)
    if rule.adopted_by is not None and rule.adopted_by.state != ProposalState.PASSED:
        raise ValidationError({"adopted_by": _("A rule is adopted by a decision that passed; “%(proposal)s” is "
                                               "%(state)s.") % {"proposal": rule.adopted_by,
                                                               "state": rule.adopted_by.get_state_display()}})


@transaction.atomic
def rule_create(*, network: Network, topic: str, title: str, text: str, created_by: AbstractBaseUser | None = None,
                status: str = S.DRAFT, template_key: str = "", now: datetime.datetime | None = None,
                **data: Any) -> Rule:
    """A new rule (a draft unless stated) with its first version."""
    rule = Rule(network=network, topic=topic, title=title, text=text, status=status, template_key=template_key,
                **{k: v for k, v in data.items() if k in RULE_FIELDS})
    _check_rule(rule)
    validated_save(rule)
    _add_version(rule, by=created_by, note=_("Created."), now=now)
    return rule


@transaction.atomic
def rule_update(*, rule: Rule, changed_by: AbstractBaseUser | None = None, note: str = "",
                now: datetime.datetime | None = None, **data: Any) -> Rule:
    """Change a rule's text or details; a changed title or text becomes a new version, nothing is overwritten."""
    unknown = set(data) - RULE_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    if rule.status == S.LAPSED:
        raise ValidationError(_("A lapsed rule is kept as history and cannot be changed."))
    text_changed = any(name in data and data[name] != getattr(rule, name) for name in ("title", "text"))
    for name, value in data.items():
        setattr(rule, name, value)
    _check_rule(rule)
    validated_save(rule)
    if text_changed:
        _add_version(rule, by=changed_by, note=note, now=now)
    return rule


@transaction.atomic
def rule_set_status(*, rule: Rule, status: str, changed_by: AbstractBaseUser | None = None, note: str = "",
                    now: datetime.datetime | None = None) -> Rule:
    """Move a rule along its status table; an illegal step is refused naming the allowed ones."""
    allowed = RULE_TRANSITIONS[rule.status]
    if status not in allowed:
        raise ValidationError({"status": _("A rule that is %(current)s cannot become %(target)s; allowed: "
                                           "%(allowed)s.") % {
            "current": rule.get_status_display(), "target": S(status).label,
            "allowed": ", ".join(str(S(s).label) for s in sorted(allowed)) or _("none")}})
    rule.status = status
    validated_save(rule)
    _add_version(rule, by=changed_by, note=note or _("Status: %(status)s.") % {"status": rule.get_status_display()},
                 now=now)
    return rule


@transaction.atomic
def rules_from_template(*, network: Network, created_by: AbstractBaseUser | None = None,
                        language: str | None = None, now: datetime.datetime | None = None) -> list[Rule]:
    """Start from the Salland United set as drafts; rules already taken from the template are skipped."""
    taken = set(network.rules.exclude(template_key="").values_list("template_key", flat=True))
    titles = set(network.rules.values_list("title", flat=True))
    created = []
    for order, template in enumerate(SALLAND_UNITED, start=1):
        title, text = template.texts(language)
        if template.key in taken or title in titles:
            continue
        created.append(rule_create(network=network, topic=template.topic, title=title, text=text, order=order,
                                   template_key=template.key, created_by=created_by, now=now))
    return created


@transaction.atomic
def commitment_record(*, network: Network, organisation: Organisation, committed_on: datetime.date,
                      committed_by: Person | None = None, recorded_by: AbstractBaseUser | None = None,
                      now: datetime.datetime | None = None) -> Commitment:
    """Record that an organisation committed to the rules of play; recording again corrects the record."""
    ensure_in_network(network, organisation=organisation, committed_by=committed_by)
    if committed_by is not None and committed_by.organisation_id not in (None, organisation.pk):
        raise ValidationError({"committed_by": _("%(person)s works for another organisation than %(organisation)s.")
                               % {"person": committed_by, "organisation": organisation}})
    if committed_on > timezone.localdate(now):
        raise ValidationError({"committed_on": _("A commitment cannot be dated in the future.")})
    commitment, _created = Commitment.objects.update_or_create(
        network=network, organisation=organisation,
        defaults={"committed_on": committed_on, "committed_by": committed_by, "recorded_by": recorded_by,
                  "recorded_at": now or timezone.now()})
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment) -> None:
    """Remove a commitment recorded in error."""
    commitment.delete()
