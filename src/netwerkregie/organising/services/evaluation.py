"""From an evaluation round to a revision proposal: the topics whose rules no longer fit go to the fundament."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.registry.models import GovernanceUnitKind, Network

from ..models import Proposal, RuleStatus
from ..selectors.evaluation import rule_evaluation
from .decisions import proposal_create
from .rules import rule_set_status


@transaction.atomic
def revision_proposal_from_evaluation(*, network: Network, survey_round: SurveyRound,
                                      created_by: AbstractBaseUser | None = None) -> Proposal:
    """A draft proposal to the fundament to revise the rules of the topics scoring below the threshold;
    those rules, if adopted, become "to be evaluated"."""
    if survey_round.network_id != network.pk:
        raise ValidationError({"survey_round": _("This survey round belongs to another network.")})
    fundament = network.governance_units.filter(kind=GovernanceUnitKind.FUNDAMENT).order_by("pk").first()
    if fundament is None:
        raise ValidationError(_("The network has no fundament (broad network meeting) to put the revision to."))
    weak = [v for v in rule_evaluation(survey_round=survey_round) if v.needs_revision]
    if not weak:
        raise ValidationError(_("No topic scored below the threshold with enough respondents; nothing to revise."))
    lines = []
    for verdict in weak:
        rules = list(network.rules.filter(topic=verdict.topic).exclude(status=RuleStatus.LAPSED))
        for rule in rules:
            if rule.status == RuleStatus.ADOPTED:
                rule_set_status(rule=rule, status=RuleStatus.TO_EVALUATE, changed_by=created_by,
                                note=_("Evaluation %(round)s") % {"round": survey_round.name})
        lines.append(_("%(topic)s (mean %(mean)s of %(count)d respondents): %(rules)s") % {
            "topic": verdict.label, "mean": number_format(verdict.mean, 1), "count": verdict.respondents,
            "rules": ", ".join(r.title for r in rules) or _("no rule yet")})
    text = _("The evaluation round %(round)s shows that the rules of these topics no longer fit well enough. "
             "The fundament revises them:") % {"round": survey_round.name} + "\n- " + "\n- ".join(lines)
    return proposal_create(network=network, body=fundament, created_by=created_by, text=text,
                           title=_("Revise the rules of play after %(round)s") % {"round": survey_round.name})
