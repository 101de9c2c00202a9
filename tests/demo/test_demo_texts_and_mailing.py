"""The demo's free texts read like many respondents, and its rounds have a mailing history."""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse

from netwerkregie.assessments.models import Answer, Invitation

pytestmark = pytest.mark.django_db


def test_free_text_answers_are_varied(demo):
    texts = list(Answer.objects.filter(invitation__round__network=demo).exclude(evidence="")
                 .values_list("evidence", flat=True))
    counts = Counter(texts)
    assert len(texts) > 100
    assert len(counts) > len(texts) / 3, "most notes repeat another respondent's words"
    assert counts.most_common(1)[0][1] <= len(texts) / 20


def test_every_round_shows_who_was_mailed_and_reminded(demo, client):
    for survey_round in demo.survey_rounds.all():
        invitations = list(survey_round.invitations.select_related("person"))
        mailed = [inv for inv in invitations if inv.sent_at]
        assert len(mailed) == sum(1 for inv in invitations if inv.person and inv.person.email) > 0
        for invitation in invitations:
            if invitation.completed_at and invitation.sent_at:
                assert invitation.sent_at <= invitation.completed_at
            if invitation.reminded_at:
                assert invitation.sent_at < invitation.reminded_at
        never_answered = [inv for inv in mailed if inv.completed_at is None]
        assert never_answered and all(inv.reminder_count == 1 for inv in never_answered)
    admin = demo.memberships.get(role="admin").user
    client.force_login(admin)
    survey_round = demo.survey_rounds.order_by("opens_on").first()
    page = client.get(reverse("assessments:round_detail", args=[demo.slug, survey_round.pk])).content.decode()
    sent = Invitation.objects.filter(round=survey_round, sent_at__isnull=False).count()
    assert f"{sent} gemaild" in page or f"{sent} e-mailed" in page
