"""A rules-of-play survey round feeds a revision proposal; topic means respect the anonymity minimum."""

from __future__ import annotations

import datetime
import secrets

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.core.roles import NetworkRole
from netwerkregie.organising.models import ProposalState, RuleStatus
from netwerkregie.organising.selectors.evaluation import rule_evaluation
from netwerkregie.organising.services import evaluation, rules
from netwerkregie.registry import services
from netwerkregie.registry.services import token_digest

pytestmark = pytest.mark.django_db


def _round(network, answers: list[dict[str, int]]) -> SurveyRound:
    survey_round = SurveyRound.objects.create(
        network=network, name="Evaluatie 2026", opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 3, 29), instruments=["rules_of_play"])
    for values in answers:
        invitation = Invitation.objects.create(round=survey_round, token_digest=token_digest(secrets.token_urlsafe(24)))
        Answer.objects.bulk_create([Answer(invitation=invitation, instrument="rules_of_play", item=item, value=value,
                                           subject=Answer.subject_key()) for item, value in values.items()])
    return survey_round


def test_weak_topics_go_to_the_fundament_and_their_rules_to_evaluation(builder):
    rule = rules.rule_create(network=builder.network, topic="informing", title="Geen verrassingen", text="…")
    rules.rule_set_status(rule=rule, status=RuleStatus.PROPOSED)
    rules.rule_set_status(rule=rule, status=RuleStatus.ADOPTED)
    survey_round = _round(builder.network, [{"rop_informing": 2, "rop_informing_used": 1, "rop_behaviour": 5}] * 3
                          + [{"rop_learning": 1}] * 2)
    verdicts = {v.topic: v for v in rule_evaluation(survey_round=survey_round)}
    assert verdicts["informing"].mean == 1.5 and verdicts["informing"].needs_revision
    assert verdicts["behaviour"].mean == 5.0 and not verdicts["behaviour"].needs_revision
    assert verdicts["learning"].respondents == 2 and verdicts["learning"].mean is None  # below the minimum of 3
    proposal = evaluation.revision_proposal_from_evaluation(network=builder.network, survey_round=survey_round)
    assert proposal.state == ProposalState.DRAFT and proposal.unit == builder.fundament
    assert "Geen verrassingen" in proposal.versions.get().text and "learning" not in proposal.versions.get().text
    rule.refresh_from_db()
    assert rule.status == RuleStatus.TO_EVALUATE


def test_nothing_to_revise_is_said_and_the_page_hides_small_groups(builder, make_user):
    survey_round = _round(builder.network, [{"rop_behaviour": 4}] * 3 + [{"rop_effect": 1}])
    with pytest.raises(ValidationError, match="nothing to revise"):
        evaluation.revision_proposal_from_evaluation(network=builder.network, survey_round=survey_round)
    viewer = make_user("evaluatie-kijker")
    services.membership_set(network=builder.network, user=viewer, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(viewer)
    url = reverse("organising:rule_evaluation", args=[builder.network.slug])
    page = client.get(url).content.decode()
    assert page.count("too few answers to show") + page.count("te weinig") == 11
    assert client.post(url, {"round": survey_round.pk}).status_code == 403
