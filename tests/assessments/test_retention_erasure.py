"""AVG: erasing one person and the retention period cut the trace to a person and keep only safe aggregates."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from netwerkregie.assessments import retention
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer, Invitation
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Person

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def answered_round(network, people, *, name="Meting", closes_in=14):
    closes_on = TODAY() + closes_in * DAY
    survey_round = survey.round_create(network=network, name=name, instruments=["five_conditions"],
                                       opens_on=min(TODAY(), closes_on) - 30 * DAY, closes_on=closes_on)
    invitations = survey.invitations_create(survey_round=survey_round, people=people)
    for invitation in invitations:
        Answer.objects.create(invitation=invitation, instrument="five_conditions", item="amb_shared", value=4,
                              evidence="Omdat Anna het zei")
        Invitation.objects.filter(pk=invitation.pk).update(completed_at=timezone.now())
    return survey_round, invitations


@pytest.fixture
def people(network, org_type):
    organisation = registry.organisation_create(network=network, name="Ziekenhuis", type=org_type())
    return [registry.person_create(network=network, name=f"Persoon {i}", organisation=organisation,
                                   email=f"p{i}@example.org") for i in range(6)]


def test_erasure_in_a_large_round_keeps_the_value_anonymously(network, people):
    _round, invitations = answered_round(network, people)  # 6 ≥ the anonymity minimum
    old_token = invitations[0].token
    summary = retention.person_erase(person=people[0])
    assert summary.invitations == 1 and summary.answers_kept == 1 and summary.answers_deleted == 0
    assert not Person.objects.filter(pk=people[0].pk).exists()
    invitation = Invitation.objects.get(pk=invitations[0].pk)
    assert invitation.person is None and invitation.token != old_token
    answer = invitation.answers.get()
    assert answer.value == 4 and answer.evidence == ""  # free text may name people: gone
    assert Answer.objects.filter(evidence="Omdat Anna het zei").count() == 5  # others untouched


def test_erasure_in_a_small_round_deletes_the_values(network, people):
    network.anonymity_minimum = 5
    network.save()
    _round, invitations = answered_round(network, people[:3])
    summary = retention.person_erase(person=people[0])
    assert summary.answers_deleted == 1 and summary.answers_kept == 0
    assert not Answer.objects.filter(invitation_id=invitations[0].pk).exists()


def test_the_retention_period_anonymises_closed_rounds_only(network, people, settings):
    settings.SURVEY_ANSWER_RETENTION_DAYS = 365
    old, _ = answered_round(network, people, name="Oud", closes_in=-400)
    current, _ = answered_round(network, people, name="Nu")
    summary = retention.answers_expire()
    assert summary.invitations == 6
    assert not Invitation.objects.filter(round=old, person__isnull=False).exists()
    assert Invitation.objects.filter(round=current, person__isnull=False).count() == 6
    assert Answer.objects.filter(invitation__round=old).count() == 6  # aggregates stay
    settings.SURVEY_ANSWER_RETENTION_DAYS = None
    assert retention.answers_expire().invitations == 0


def test_erase_command_asks_first_then_erases(network, people):
    answered_round(network, people)
    out = io.StringIO()
    call_command("erase_person", network.slug, "p1@example.org", stdout=out)
    assert "Would erase Persoon 1" in out.getvalue() and Person.objects.filter(email="p1@example.org").exists()
    call_command("erase_person", network.slug, "p1@example.org", "--yes", stdout=out)
    assert "Erased Persoon 1" in out.getvalue() and not Person.objects.filter(email="p1@example.org").exists()
