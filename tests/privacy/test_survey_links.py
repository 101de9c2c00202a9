"""Leak 2: a personal link opens someone's answers. Only digests are stored; staff never get a started link."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from privacy_helpers import BASE, DAY, LINK

from netwerkregie.assessments import selectors
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Invitation
from netwerkregie.registry import services as registry
from netwerkregie.registry.services import token_digest
from netwerkregie.reports.exchange import network_export, network_import

pytestmark = pytest.mark.django_db


def _round_url(surveyed, *parts) -> str:
    return "/".join([f"/n/{surveyed.network.slug}/assessments/rounds/{surveyed.round.pk}", *map(str, parts)]) + "/"


def test_the_database_holds_no_plain_token(surveyed):
    stored = [str(value) for row in Invitation.objects.values_list() for value in row]
    for invitation in surveyed.invitations:
        assert invitation.token and invitation.token not in stored
        assert token_digest(invitation.token) in stored


def test_a_respondent_opens_the_survey_with_the_link_and_a_mistyped_one_fails(surveyed, client):
    token = surveyed.invitations[2].token
    assert client.get(f"/survey/{token}/").status_code == 200
    assert client.get(f"/survey/{token[:-1]}/").status_code == 404
    assert client.get(f"/survey/{token_digest(token)}/").status_code == 404  # a leaked digest opens nothing


def test_staff_pages_show_no_links(surveyed, client_as):
    for role in ("coordinator", "admin"):
        page = client_as(role).get(_round_url(surveyed)).content.decode()
        assert "invitation-list" in page and not LINK.search(page)
        assert all(invitation.token not in page for invitation in surveyed.invitations)


def test_reopening_a_closed_round_gives_the_coordinator_no_way_into_started_answers(surveyed, client_as):
    coordinator = client_as("coordinator")
    today = timezone.localdate()
    survey.round_update(survey_round=surveyed.round, opens_on=today - 30 * DAY, closes_on=today - DAY)
    survey.round_update(survey_round=surveyed.round, closes_on=today + 7 * DAY)  # reopened
    started = surveyed.invitations[0]
    response = coordinator.post(_round_url(surveyed, "invitations", started.pk, "link"), follow=True)
    page = response.content.decode()
    assert not LINK.search(page)
    assert "has started answering" in page or "al begonnen" in page
    assert Invitation.objects.get(pk=started.pk).token_digest == token_digest(started.token)
    page = coordinator.get(_round_url(surveyed)).content.decode()
    assert not LINK.search(page)


def test_resending_e_mails_a_new_link_and_voids_the_old_one(surveyed, client_as, client):
    coordinator = client_as("coordinator")
    started = surveyed.invitations[0]
    response = coordinator.post(_round_url(surveyed, "invitations", started.pk, "resend"), follow=True)
    assert not LINK.search(response.content.decode())
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    new = LINK.search(message.body).group(1)
    assert client.get(f"/survey/{new}/").status_code == 200
    assert client.get(f"/survey/{started.token}/").status_code == 404


def test_a_link_to_hand_over_only_for_someone_without_e_mail_who_has_not_started(surveyed, client_as, client):
    coordinator = client_as("coordinator")
    dewi = surveyed.invitations[3]
    page = coordinator.post(_round_url(surveyed, "invitations", dewi.pk, "link")).content.decode()
    token = LINK.search(page).group(1)
    assert selectors.invitation_for_token(token) == dewi
    assert client.get(f"/survey/{dewi.token}/").status_code == 404  # the earlier link is void
    assert coordinator.get(_round_url(surveyed)).content.decode().count(token) == 0  # shown once only


def test_invitations_and_reminders_carry_new_links(surveyed, client):
    assert survey.invitations_send(survey_round=surveyed.round, invitations=surveyed.invitations, base_url=BASE) == 3
    links = {m.to[0]: LINK.search(m.body).group(1) for m in mail.outbox}
    assert all(client.get(f"/survey/{token}/").status_code == 200 for token in links.values())
    assert client.get(f"/survey/{surveyed.invitations[2].token}/").status_code == 404
    mail.outbox.clear()
    assert survey.reminders_send(survey_round=surveyed.round, base_url=BASE) == 1  # Chris has not completed
    reminded = LINK.search(mail.outbox[0].body).group(1)
    assert reminded != links["chris@example.org"]
    assert client.get(f"/survey/{links['chris@example.org']}/").status_code == 404


def test_the_export_carries_digests_and_an_old_export_with_plain_tokens_still_imports(surveyed, client):
    data = network_export(network=surveyed.network)
    token = surveyed.invitations[2].token
    assert token not in str(data)
    copy = network_import(data=data, slug="kopie")
    assert Invitation.objects.filter(round__network=copy).count() == 4
    # Version 1 exports carried the plain token: it is hashed on import and the link keeps working.
    surveyed.network.delete()
    old = {**data, "version": 1, "network": {**data["network"], "slug": "oud"}}
    for entry in old["survey_rounds"][0]["invitations"]:
        entry.pop("token_digest")
        entry["token"] = "plain-token-" + entry["person"]
    invitation = old["survey_rounds"][0]["invitations"][0]
    network_import(data=old)
    with pytest.raises(selectors.UnknownLink):
        selectors.invitation_for_token(token)
    restored = selectors.invitation_for_token(invitation["token"], on=datetime.date.fromisoformat(
        old["survey_rounds"][0]["opens_on"]))
    assert restored.round.network.slug == "oud"
    assert not Invitation.objects.filter(token_digest=invitation["token"]).exists()


def test_changing_a_started_respondents_address_does_not_divert_a_new_link(surveyed, client_as):
    """A member changes Anna's address to their own; a coordinator then asks for a new link."""
    started = surveyed.invitations[0]
    registry.person_update(person=surveyed.people[0], email="indringer@example.org")
    response = client_as("coordinator").post(_round_url(surveyed, "invitations", started.pk, "resend"), follow=True)
    assert "changed after they started" in response.content.decode() or "gewijzigd" in response.content.decode()
    assert survey.reminders_send(survey_round=surveyed.round, base_url=BASE) == 1  # Chris only, not Anna
    assert [m.to for m in mail.outbox] == [["chris@example.org"]]
    registry.person_update(person=surveyed.people[0], email="Anna@Example.org")  # back: the same address
    survey.invitation_resend(invitation=Invitation.objects.select_related("person", "round__network")
                             .get(pk=started.pk), base_url=BASE)
    assert mail.outbox[-1].to[0].strip().casefold() == "anna@example.org"


def test_someone_who_started_with_a_handed_over_link_gets_no_e_mailed_link(surveyed, client):
    dewi = surveyed.invitations[3]
    token = survey.invitation_link_new(invitation=dewi)
    survey.answers_save(invitation=selectors.invitation_for_token(token), instrument="five_conditions",
                        values={"amb_shared": 3})
    registry.person_update(person=surveyed.people[3], email="ooit@example.org")
    with pytest.raises(ValidationError):
        survey.invitation_resend(invitation=Invitation.objects.select_related("person", "round__network")
                                 .get(pk=dewi.pk), base_url=BASE)
    assert not mail.outbox
